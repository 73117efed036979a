import Foundation

/// Maps data values to pixels, linearly or logarithmically, with readable ticks.
struct Scale {
    var lower: Double
    var upper: Double
    var pixelStart: Double
    var pixelEnd: Double
    var logarithmic: Bool

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

    /// A scale whose ends are rounded to readable ticks around the values.
    static func nice(covering values: [Double], pixels: ClosedRange<Double>, includeZero: Bool, allowLog: Bool = false, reversed: Bool = false)
        -> Scale
    {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        let start = reversed ? pixels.upperBound : pixels.lowerBound
        let end = reversed ? pixels.lowerBound : pixels.upperBound
        if allowLog, lo > 0, hi / lo > 30 {
            let lower = pow(10, floor(log10(lo)))
            let upper = pow(10, ceil(log10(hi)))
            return Scale(lower: lower, upper: upper, pixelStart: start, pixelEnd: end, logarithmic: true)
        }
        if includeZero { lo = min(lo, 0) }
        if hi == lo {
            hi = lo == 0 ? 1 : lo * 1.1 + (lo < 0 ? -0.0 : 0)
            lo = includeZero ? min(0, lo) : lo * 0.9
        }
        let step = Self.niceStep((hi - lo) / 5)
        return Scale(
            lower: floor(lo / step) * step, upper: ceil(hi / step) * step, pixelStart: start, pixelEnd: end, logarithmic: false)
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(rough)))
        let normalized = rough / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }

    var ticks: [Double] {
        if logarithmic {
            var out: [Double] = []
            var decade = lower
            while decade <= upper * 1.0001 {
                for m in [1.0, 2, 5] where decade * m <= upper * 1.0001 && decade * m >= lower * 0.9999 {
                    out.append(decade * m)
                }
                decade *= 10
            }
            return out
        }
        let step = Self.niceStep((upper - lower) / 5)
        var out: [Double] = []
        var v = lower
        while v <= upper + step * 1e-6 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// Tick labels with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        if logarithmic { return NumberFormatting.significant(value, 1) }
        let step = Self.niceStep((upper - lower) / 5)
        let decimals = max(0, Int(-floor(log10(step)) + (step / pow(10, floor(log10(step))) == 2.5 ? 1 : 0)))
        return NumberFormatting.fixed(value, min(decimals, 6))
    }
}

/// Draws a horizontal value axis with grid lines, tick labels and a title with the unit.
extension SVGWriter {
    mutating func valueAxisX(_ scale: Scale, top: Double, bottom: Double, title: String) {
        for tick in scale.ticks {
            let x = scale(tick)
            line(x, top, x, bottom, class: "grid")
            text(x, bottom + 14, scale.label(tick), anchor: .middle, class: "tick")
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
