import Foundation

/// Student's t distribution: tail probabilities and quantiles, for tests and intervals on a few run
/// levels (Welch's t-test, prediction intervals from earlier runs).
///
/// The distribution function goes through the regularized incomplete beta function,
/// `P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2)`, evaluated by its continued fraction with the modified Lentz
/// method (Press et al., Numerical Recipes, 3rd ed., §6.4). Quantiles invert it by bisection.
public enum StudentT {
    /// Two-sided p-value: P(|T| ≥ |t|) for ν degrees of freedom (ν may be fractional, as in Welch's test).
    public static func twoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? 1 : 0 }
        guard nu > 0, nu.isFinite else { return NormalDistribution.twoSidedP(t) }
        let x = nu / (nu + t * t)
        return min(1, max(0, regularizedIncompleteBeta(x, a: nu / 2, b: 0.5)))
    }

    /// The t value with `P(T ≤ t) = p` (0 < p < 1).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        if p == 0.5 { return 0 }
        // Two-sided tail 2·min(p, 1−p) → |t|; bisection on the monotone tail function.
        let tail = 2 * min(p, 1 - p)
        var low = 0.0, high = 1.0
        while twoSidedP(high, degreesOfFreedom: nu) > tail, high < 1e12 { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if twoSidedP(middle, degreesOfFreedom: nu) > tail { low = middle } else { high = middle }
            if high - low <= 1e-12 * max(1, high) { break }
        }
        let t = (low + high) / 2
        return p < 0.5 ? -t : t
    }

    /// `quantile(0.975, …)`, what every verdict across runs needs (a 95 % interval), for whole
    /// degrees of freedom up to 128 from a table made once (the same numbers; a history of years
    /// asks tens of thousands of times).
    public static func quantile975(degreesOfFreedom nu: Double) -> Double {
        if nu >= 1, nu <= Double(quantiles975.count), nu == nu.rounded() { return quantiles975[Int(nu) - 1] }
        return quantile(0.975, degreesOfFreedom: nu)
    }

    private static let quantiles975: [Double] = (1...128).map { quantile(0.975, degreesOfFreedom: Double($0)) }

    /// I_x(a, b), the regularized incomplete beta function.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        let front = exp(logFront)
        // The continued fraction converges quickly for x < (a+1)/(a+b+2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            // Even step.
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}

/// The standard normal distribution.
public enum NormalDistribution {
    /// P(Z ≤ z), via the complementary error function.
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// P(|Z| ≥ |z|).
    public static func twoSidedP(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? 1 : 0 }
        return min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}
