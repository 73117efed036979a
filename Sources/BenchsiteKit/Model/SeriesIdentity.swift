import Foundation

extension Run {
    /// Makes every result of the run a series of its own, so that pages, charts and comparisons can
    /// key on (subject, scenario) without ever meeting two results at once.
    ///
    /// - Names are put in Unicode normalization form C: `café` typed with a combining accent and
    ///   with a precomposed `é` is one model.
    /// - Results that would share a series but differ in a setting (llama-bench `-t 1,2`, a sweep's
    ///   server arguments) get the settings that tell them apart added to their scenario
    ///   (`pp512 · n_threads=2`).
    /// - What is still repeated (the same command twice in one hyperfine export, a vLLM result
    ///   appended twice at the same rate) stays apart as `#2`, `#3` in file order.
    ///
    /// Returns a sentence per repeated series, for a warning. Idempotent.
    public mutating func separateSeries() -> [String] {
        for index in results.indices {
            results[index].subject = results[index].subject.normalizationFormC
            results[index].scenario = results[index].scenario.normalizationFormC
        }
        var groups: [SeriesKey: [Int]] = [:]
        for (index, result) in results.enumerated() { groups[result.seriesKey, default: []].append(index) }
        guard groups.count < results.count else { return [] }
        for (key, members) in groups where members.count > 1 {
            // Settings that differ inside the group, in the order the results list them.
            var varying: [String] = []
            for parameter in members.flatMap({ results[$0].parameters }) where !varying.contains(parameter.key) {
                let values = Set(
                    members.map { m in results[m].parameters.first { $0.key == parameter.key }?.value ?? "" })
                if values.count > 1 { varying.append(parameter.key) }
            }
            guard !varying.isEmpty else { continue }
            for member in members {
                let settings = varying.map { name in
                    "\(name)=\(results[member].parameters.first { $0.key == name }?.value ?? "none")"
                }
                let base = key.scenario == "default" ? [] : [key.scenario]
                results[member].scenario =
                    (base + settings).joined(separator: " · ").normalizationFormC
            }
        }
        // Whatever is still shared is a true repeat: numbered in file order.
        let all = Set(results.map(\.seriesKey))
        var seen = Set<SeriesKey>()
        var renamed: [(key: SeriesKey, names: [String])] = []
        for index in results.indices {
            let key = results[index].seriesKey
            guard !seen.insert(key).inserted else { continue }
            var n = 2
            var candidate: SeriesKey
            repeat {
                candidate = SeriesKey(subject: key.subject, scenario: "\(key.scenario) #\(n)")
                n += 1
            } while all.contains(candidate) || seen.contains(candidate)
            seen.insert(candidate)
            results[index].scenario = candidate.scenario
            if let at = renamed.firstIndex(where: { $0.key == key }) {
                renamed[at].names.append(candidate.scenario)
            } else {
                renamed.append((key, [candidate.scenario]))
            }
        }
        return renamed.map { entry in
            "\"\(entry.key.subject)\" (\(entry.key.scenario)) appears \(entry.names.count + 1) times in this run with the same settings; "
                + "they are kept apart as \"\(entry.key.scenario)\", \(entry.names.map { "\"\($0)\"" }.joined(separator: ", ")) in file order"
        }
    }
}

extension String {
    /// The text in Unicode normalization form C; ASCII text is already (checked byte by byte: every
    /// result of every run is named through here, and Foundation's mapping goes through NSString).
    var normalizationFormC: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}
