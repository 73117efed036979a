extension Contradiction {
    /// The run page's words for it: `reported latency p95 (220.7) is above the reported max (191.8)`.
    public var sentence: String {
        let name = metric.title.lowercased()
        let shown = NumberFormatting.significant(value, 4)
        switch kind {
        case .above(let other, let bound):
            return
                "reported \(name) \(field) (\(shown)) is above the reported \(other) (\(NumberFormatting.significant(bound, 4)))"
        case .below(let other, let bound):
            return
                "reported \(name) \(field) (\(shown)) is below the reported \(other) (\(NumberFormatting.significant(bound, 4)))"
        case .differsFromSamples(let computed):
            return
                "reported \(name) \(field) (\(shown)) differs from the value computed from the samples (\(NumberFormatting.significant(computed, 4)))"
        }
    }
}
