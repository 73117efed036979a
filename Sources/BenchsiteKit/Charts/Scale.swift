import Foundation

/// Maps data values to pixels, linearly or logarithmically, with readable ticks.
struct Scale {
    var lower: Double
    var upper: Double
    var pixelStart: Double
    var pixelEnd: Double
    var logarithmic: Bool
    /// The unit tick labels are written in (a linear scale of latencies from 0 to 0.8 s reads in ms).
    var unit = DisplayUnit("", size: 1)
    /// On a logarithmic scale of times or sizes, each tick carries its own unit (`1 µs`, `1 ms`, `1 s`).
    var metric: Metric?

    func callAsFunction(_ value: Double) -> Double {
        let fraction: Double
        if logarithmic {
            let v = max(value, lower)
            fraction = (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            fraction = upper == lower ? 0.5 : (value - lower) / (upper - lower)
        }
        return pixelStart + fraction * (pixelEnd - pixelStart)
    }

    /// A scale whose ends are rounded to readable ticks around the values. Any finite values give a
    /// usable scale: values too close to tell apart at double precision (1e17 and 1e17 + 16) are
    /// widened around their level, and ends that would round past the largest double stay at the data.
    static func nice(
        covering values: [Double], pixels: ClosedRange<Double>, includeZero: Bool, allowLog: Bool = false,
        reversed: Bool = false
    )
        -> Scale
    {
        let finite = values.filter(\.isFinite)
        return nice(
            lowest: finite.min(), highest: finite.max(), pixels: pixels, includeZero: includeZero, allowLog: allowLog,
            reversed: reversed)
    }

    /// `nice(covering:…)` from the least and the greatest finite value (nil: there are none).
    static func nice(
        lowest: Double?, highest: Double?, pixels: ClosedRange<Double>, includeZero: Bool, allowLog: Bool = false,
        reversed: Bool = false
    ) -> Scale {
        var lo = lowest ?? 0
        var hi = highest ?? 1
        let start = reversed ? pixels.upperBound : pixels.lowerBound
        let end = reversed ? pixels.lowerBound : pixels.upperBound
        if allowLog, lo > 0, hi / lo > 30 {
            let lower = pow(10, floor(log10(lo)))
            let upper = pow(10, ceil(log10(hi)))
            if lower > 0, lower.isNormal, upper.isFinite, lower < upper {
                return Scale(lower: lower, upper: upper, pixelStart: start, pixelEnd: end, logarithmic: true)
            }
        }
        if includeZero { lo = min(lo, 0) }
        let magnitude = max(abs(lo), abs(hi))
        if !(hi - lo > magnitude * 1e-9) {
            // One value, or several that differ only in their last bits: a band around the level.
            let pad = magnitude == 0 || !magnitude.isNormal ? 1 : magnitude * 0.05
            hi += pad
            if !(includeZero && lo >= 0) { lo -= pad }
            if includeZero { lo = min(lo, 0) }
        }
        let step = Self.niceStep(hi / 5 - lo / 5)
        var lower = (lo / step).rounded(.down) * step
        var upper = (hi / step).rounded(.up) * step
        if !lower.isFinite || lower > lo { lower = lo }
        if !upper.isFinite || upper < hi { upper = hi }
        return Scale(lower: lower, upper: upper, pixelStart: start, pixelEnd: end, logarithmic: false)
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(rough)))
        guard magnitude > 0, magnitude.isFinite else { return rough }
        let normalized = rough / magnitude
        let nice: Double =
            normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        let step = nice * magnitude
        return step.isFinite ? step : rough
    }

    /// The most ticks an axis draws.
    static let maximumTicks = 12

    /// Tick values: round steps inside the scale, never more than `maximumTicks`, always at least the ends.
    var ticks: [Double] {
        if logarithmic {
            let first = Int(log10(lower).rounded()), last = Int(log10(upper).rounded())
            let decades = max(1, last - first)
            // Many decades: label every k-th; few: 1, 2 and 5 in each.
            let every = max(1, (decades + Self.maximumTicks - 1) / Self.maximumTicks)
            let multiples: [Double] = decades <= 3 ? [1, 2, 5] : [1]
            var out: [Double] = []
            for exponent in stride(from: first, through: last, by: every) {
                let decade = pow(10, Double(exponent))
                for m in multiples where decade * m <= upper * 1.0001 && decade * m >= lower * 0.9999 {
                    out.append(decade * m)
                }
            }
            return out.isEmpty ? [lower, upper] : out
        }
        let step = Self.niceStep(upper / 5 - lower / 5)
        let intervals = upper / step - lower / step
        guard step > 0, intervals.isFinite, intervals >= 0.5, intervals <= Double(Self.maximumTicks) else {
            return [lower, upper]
        }
        var out: [Double] = []
        for i in 0...Int((intervals + 1e-6).rounded(.down)) {
            let v = lower + Double(i) * step
            let tick = abs(v) < step * 1e-9 ? 0 : v
            if tick <= upper + step * 1e-6, out.last.map({ tick > $0 }) ?? true { out.append(tick) }
        }
        return out.count >= 2 ? out : [lower, upper]
    }

    /// The scale with its labels in the unit that fits a metric's values.
    func labelled(for metric: Metric) -> Scale {
        var scale = self
        scale.metric = metric
        scale.unit = metric.displayUnit(fitting: max(abs(lower), abs(upper)))
        return scale
    }

    /// The unit for an axis title: `ms`; on a logarithmic scale of times, where each tick has its own, none.
    var unitSymbol: String? {
        if logarithmic, metric?.hasScaledUnits == true { return nil }
        return unit.symbol.isEmpty ? metric?.unit : unit.symbol
    }

    /// Tick labels with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        if logarithmic {
            if let metric, metric.hasScaledUnits {
                let unit = metric.displayUnit(fitting: value)
                return "\(NumberFormatting.significant(value / unit.size, 1)) \(unit.symbol)"
            }
            return NumberFormatting.significant(value, 1)
        }
        let step = Self.niceStep(upper / 5 - lower / 5) / unit.size
        let shown = value / unit.size
        let exponent = log10(step).rounded(.down)
        guard exponent.isFinite, abs(exponent) < 9, abs(shown) < 1e9 else {
            return NumberFormatting.significant(shown, 3)
        }
        let decimals = max(0, Int(-exponent) + (step / pow(10, exponent) == 2.5 ? 1 : 0))
        return NumberFormatting.fixed(shown, min(decimals, 6))
    }
}

/// Draws a horizontal value axis with grid lines, tick labels and a title with the unit.
extension SVGWriter {
    mutating func valueAxisX(_ scale: Scale, top: Double, bottom: Double, title: String) {
        for tick in scale.ticks {
            let x = scale(tick)
            line(x, top, x, bottom, class: "grid")
            // A label at the axis' right end ends at its tick: centred, it would reach past the chart.
            let atEnd = x > max(scale.pixelStart, scale.pixelEnd) - 30
            text(x, bottom + 14, scale.label(tick), anchor: atEnd ? .end : .middle, class: "tick")
        }
        line(scale.pixelStart, bottom, scale.pixelEnd, bottom, class: "axis")
        text((scale.pixelStart + scale.pixelEnd) / 2, bottom + 32, title, anchor: .middle, class: "axis-title")
    }

    mutating func valueAxisY(_ scale: Scale, left: Double, right: Double, title: String, titleX: Double) {
        for tick in scale.ticks {
            let y = scale(tick)
            line(left, y, right, y, class: "grid")
            text(left - 6, y + 4, scale.label(tick), anchor: .end, class: "tick")
        }
        line(left, scale.pixelStart, left, scale.pixelEnd, class: "axis")
        text(titleX, (scale.pixelStart + scale.pixelEnd) / 2, title, anchor: .middle, class: "axis-title", rotate: true)
    }
}
