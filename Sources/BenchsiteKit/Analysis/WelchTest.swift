import Foundation

/// Welch's t-test on two sets of values (Welch, B. L. (1947), Biometrika 34, 28–35), with the
/// Welch–Satterthwaite degrees of freedom. Used on the logarithm of run levels.
public struct WelchTest: Sendable {
    public var difference: Double
    public var standardError: Double
    public var degreesOfFreedom: Double
    public var pValue: Double

    /// Nil with fewer than two values a side.
    public init?(_ x: [Double], _ y: [Double]) {
        guard x.count >= 2, y.count >= 2 else { return nil }
        func meanAndVariance(_ v: [Double]) -> (Double, Double) {
            let mean = v.reduce(0, +) / Double(v.count)
            return (mean, v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1))
        }
        let (mx, vx) = meanAndVariance(x), (my, vy) = meanAndVariance(y)
        // Identical levels on a side (rounded aggregates) would make any difference infinitely significant.
        let floor = 1e-6
        let ex = max(vx, floor) / Double(x.count), ey = max(vy, floor) / Double(y.count)
        difference = my - mx
        standardError = (ex + ey).squareRoot()
        degreesOfFreedom = (ex + ey) * (ex + ey) / (ex * ex / Double(x.count - 1) + ey * ey / Double(y.count - 1))
        pValue = StudentT.twoSidedP(difference / standardError, degreesOfFreedom: degreesOfFreedom)
    }
}
