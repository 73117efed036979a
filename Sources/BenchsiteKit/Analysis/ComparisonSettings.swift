import Foundation

/// How a comparison decides.
public struct ComparisonSettings: Sendable {
    /// Significance level for the adjusted p-value: the chance that a series and metric that did not
    /// change is still called a regression or an improvement. 0.005 (Benjamin et al. 2018, "Redefine
    /// statistical significance", Nature Human Behaviour 2, 6–10) keeps a nightly history's false
    /// verdicts at about 0.5% of its runs even when runs differ by 5% from one another
    /// (`changepoint-simulation`).
    public var alpha = 0.005
    /// The smallest relative change of the median that counts (0.05 = 5 %).
    public var minimumEffect = 0.05
    /// Fewer raw samples than this on a side, and the series is judged by reported figures or not at all.
    public var minimumSamples = 3
    public var resamples = MedianChangeBootstrap.defaultResamples
    public var seed = MedianChangeBootstrap.defaultSeed
    /// Bootstrap intervals for every comparison, or only for regressions and improvements (the site's
    /// run-by-run verdicts, where the interval is only shown for those).
    public var intervalsForAll = true
    /// Minimum effects for particular series or metrics (`benchsite.yml`); the most specific match
    /// wins, later entries win ties, and `minimumEffect` applies where none matches.
    public var thresholds: [Threshold] = []
    /// The metrics compared (the ones the site shows).
    public var metrics: [Metric] = Metric.allCases

    /// `5%`, or `5% (ttft: 10%; model phi-4-mini, metric latency: 8%)` with thresholds.
    public var minimumEffectDescription: String {
        let base = "\(NumberFormatting.plain(minimumEffect * 100))%"
        return thresholds.isEmpty ? base : "\(base) (\(thresholds.map(\.description).joined(separator: "; ")))"
    }

    /// The minimum effect that applies to one series and metric.
    public func minimumEffect(for key: SeriesKey, _ metric: Metric) -> Double {
        var best: Threshold?
        for threshold in thresholds
        where threshold.matches(key, metric) && threshold.specificity >= (best?.specificity ?? 0) {
            best = threshold
        }
        return best?.minimumEffect ?? minimumEffect
    }

    public init(alpha: Double = 0.005, minimumEffect: Double = 0.05) {
        self.alpha = alpha
        self.minimumEffect = minimumEffect
    }
}
