import Foundation

/// A small, fast generator with a fixed seed, so resampling gives the same answer every time.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in 0..<count (Lemire's multiply-high; the tiny bias is irrelevant here).
    public mutating func index(below count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1], safe for logarithms.
    mutating func positiveUniform() -> Double {
        1 - uniform()
    }

    /// Standard normal (Box-Muller).
    public mutating func normal() -> Double {
        (-2 * log(positiveUniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang, 2000).
    mutating func gamma(shape: Double) -> Double {
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = positiveUniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(a, b) for a, b >= 1.
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x / (x + y)
    }
}
