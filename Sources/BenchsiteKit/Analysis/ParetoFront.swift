/// The subjects that no other subject beats on both latency (lower) and throughput (higher).
public enum ParetoFront {
    public struct Point: Sendable {
        public var latency: Double
        public var throughput: Double
        public init(latency: Double, throughput: Double) {
            self.latency = latency
            self.throughput = throughput
        }
    }

    /// Indices of the points on the front.
    public static func front(of points: [Point]) -> Set<Int> {
        var onFront = Set<Int>()
        for (i, p) in points.enumerated() {
            let dominated = points.enumerated().contains { j, q in
                j != i && q.latency <= p.latency && q.throughput >= p.throughput
                    && (q.latency < p.latency || q.throughput > p.throughput)
            }
            if !dominated { onFront.insert(i) }
        }
        return onFront
    }
}
