import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Charts at the size of years of history")
struct ChartScaleTests {
    @Test("a distribution's axis and table unit, from its sorted rows in place, are what the joined values give")
    func chartValuesAsJoined() {
        var random = SplitMix64(seed: 2026)
        func value() -> Double {
            switch random.next() % 12 {
            case 0: return 0
            case 1: return Double(random.next() % 1000) * 1e-9
            case 2: return Double(random.next() % 1000) * 1e-3
            case 3: return Double(random.next() % 100)
            case 4: return Double(random.next() % 1000) * 1e3
            case 5: return 0.25
            default: return Double(random.next() % 10_000) / 10_000
            }
        }
        let odd: [Double] = [-1.5, .nan, .infinity, -.infinity, -0.0]
        var fast = 0
        for round in 0..<3000 {
            var rows: [[Double]] = []
            for _ in 0..<Int(random.next() % 5) {
                var row: [Double] = []
                for _ in 0..<Int(random.next() % 30) { row.append(value()) }
                rows.append(row.sorted())
            }
            // Now and then a row that is not plain: unsorted, or with a negative or non-finite value.
            if round % 7 == 0, !rows.isEmpty {
                let row = Int(random.next() % UInt64(rows.count))
                rows[row].append(odd[Int(random.next() % UInt64(odd.count))])
                if round % 14 == 0 { rows[row].reverse() }
            }
            var others: [Double] = []
            for _ in 0..<Int(random.next() % 4) {
                others.append(round % 5 == 0 ? odd[Int(random.next() % UInt64(odd.count))] : value())
            }
            let joined = rows.flatMap { $0 } + others
            let values = ChartValues(sortedRows: rows, others: others)
            for metric in [Metric.latency, .timeToFirstToken, .throughput, .memory] {
                #expect(
                    values.commonUnit(of: metric) == DisplayUnit.common(for: joined, of: metric), "\(rows) \(others)")
            }
            let expected = Scale.nice(covering: joined, pixels: 10...700, includeZero: true, allowLog: true)
            let got = values.scale(pixels: 10...700, includeZero: true, allowLog: true)
            #expect(
                [got.lower, got.upper, got.pixelStart, got.pixelEnd] == [
                    expected.lower, expected.upper, expected.pixelStart, expected.pixelEnd,
                ] && got.logarithmic == expected.logarithmic, "\(rows) \(others)")
            if rows.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0.isFinite } }) { fast += 1 }
        }
        #expect(fast > 2000)
        // The median of many rows, against the sorted join.
        var many: [[Double]] = []
        for row in 0..<20 {
            var values: [Double] = []
            for index in 0..<997 { values.append(Double((index * 7919 + row * 104_729) % 5003) / 1000) }
            many.append(values.sorted())
        }
        let slices = many.map { $0[ChartValues.firstIndex(in: $0[...], after: 0)...] }
        let join = slices.flatMap { $0 }.sorted()
        for rank in [0, 1, join.count / 2, join.count - 1, 12345] {
            // Selected from the joined copy, and searched for in the rows as a large chart's are.
            #expect(ChartValues.smallest(rank, in: slices) == join[rank])
            #expect(ChartValues.smallest(rank, in: slices, joiningUpTo: 0) == join[rank])
        }
        // Selection by partitioning, against sorting: ties, runs, sorted and reversed input.
        for round in 0..<500 {
            let count = 1 + Int(random.next() % 300)
            var values = (0..<count).map { _ in Double(random.next() % UInt64(1 + round % 40)) / 4 }
            if round % 5 == 1 { values.sort() }
            if round % 5 == 2 { values.sort(by: >) }
            let sorted = values.sorted()
            let rank = Int(random.next() % UInt64(count))
            let selected = values.withUnsafeMutableBufferPointer { ChartValues.select(rank, in: $0) }
            #expect(selected == sorted[rank], "\(values) rank \(rank)")
        }
    }

    @Test("a chart's markup is searched for links as bytes: at either end, after near misses, or not at all")
    func containsBytes() {
        let needle = Array("<a href=".utf8)
        for (text, expected) in [
            ("<a href=\"x\">", true), ("<g><a href=", true), ("<<a <a hre<a href=", true), ("", false),
            ("<a hre", false), ("<a href", false), ("<b href=", false), ("é<a href=é", true),
        ] {
            #expect(text.utf8.containsBytes(needle) == expected, "\(text)")
            #expect(text.utf8.containsBytes(needle) == text.contains("<a href="), "\(text)")
        }
        #expect("anything".utf8.containsBytes([]))
        // Where, from a place on: the second of two, none after the last, none past the end.
        let text = "ab<a href=x<a href=y"
        #expect(text.utf8.firstOffset(of: needle) == 2 && text.utf8.firstOffset(of: needle, from: 3) == 11)
        #expect(
            text.utf8.firstOffset(of: needle, from: 12) == nil && text.utf8.firstOffset(of: needle, from: 99) == nil)
    }

    @Test("a trend over 1,000 runs draws one point per group of 5 runs, and its table lists the groups")
    func trendGroups() {
        let labels = (0..<1000).map { "r\($0)" }
        let points = (0..<1000).map { TrendPoint(x: $0, value: 1 + Double($0 % 7) / 100, low: 0.9, high: 1.2) }
        let svg = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: labels,
            series: [TrendSeries(label: "m", colorIndex: 0, points: points, changePoints: [(x: 500, label: "+5%")])],
            bands: true)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 200)
        #expect(svg.contains("one point per 5 runs") && svg.contains("Median per group of 5 consecutive runs"))
        #expect(svg.contains("<title>m, r0 to r4: median of the runs&#39; medians "))
        // The table: a header and one row per group, each naming its runs.
        #expect(svg.components(separatedBy: "<tr>").count - 1 == 201)
        #expect(svg.contains("r995 to r999"))
        // The change point stays where it is, not at its group.
        #expect(svg.contains("changes by +5% from r500"))
        #expect(svg.utf8.count < 60_000)
    }

    @Test("up to 200 runs every run is its own point")
    func trendUngrouped() {
        let labels = (0..<200).map { "r\($0)" }
        let points = (0..<200).map { TrendPoint(x: $0, value: 1) }
        let svg = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: labels,
            series: [TrendSeries(label: "m", colorIndex: 0, points: points)], bands: false)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 200)
        #expect(!svg.contains("one point per") && !svg.contains("group of"))
    }

    @Test("20 models of 200 samples share a chart's dots; every row keeps both tails")
    func distributionBudget() {
        #expect(DistributionChart.pointsPerRow(rows: 1) == 120)
        #expect(DistributionChart.pointsPerRow(rows: 20) == 60)
        #expect(DistributionChart.pointsPerRow(rows: 200) == 24)
        let rows = (0..<20).map { m in
            DistributionRow(
                label: "model-\(m)", colorIndex: m, sortedValues: (0..<200).map { Double(m) + Double($0) / 200 })
        }
        let svg = DistributionChart.render(id: "d", title: "D", metric: .latency, rows: rows)
        #expect(svg.components(separatedBy: "h0").count - 1 == 20 * 60)
        let indices = DistributionChart.pointIndices(count: 200, limit: 60)
        #expect(indices.first == 0 && indices.last == 199 && indices.count == 60)
        #expect(svg.utf8.count < 40_000)
        let ecdf = ECDFChart.render(id: "e", title: "E", metric: .latency, rows: rows)
        #expect(ecdf.utf8.count < 25_000)
    }

    @Test("a distribution's table of numbers has no column that no row has a figure in")
    func distributionTableColumns() {
        func headers(_ svg: String) -> [String] {
            svg.components(separatedBy: "<th scope=\"col\" class=").dropFirst().map {
                String($0.split(separator: ">")[1].split(separator: "<")[0])
            }
        }
        let reported = [
            DistributionRow(label: "a", colorIndex: 0, sortedValues: [], reportedMean: 1.5),
            DistributionRow(label: "b", colorIndex: 1, sortedValues: [], reportedMean: 1.8, reportedP95: 2.2),
        ]
        let onlyReported = DistributionChart.render(id: "r", title: "R", metric: .latency, rows: reported)
        #expect(headers(onlyReported) == ["Model", "median (s)", "p95 (s)"])
        #expect(onlyReported.contains("<td class=\"r\">reported mean 1.50</td><td class=\"r\">—</td>"))
        #expect(!onlyReported.contains("<td class=\"r\">—</td><td class=\"r\">—</td>"))
        let mixed = DistributionChart.render(
            id: "m", title: "M", metric: .latency,
            rows: reported + [DistributionRow(label: "c", colorIndex: 2, sortedValues: [1.1, 1.2, 1.3])])
        #expect(headers(mixed) == ["Model", "n", "p5 (s)", "p25 (s)", "median (s)", "p75 (s)", "p95 (s)"])
    }

    @Test("an ECDF is a staircase that reaches 100% at the largest value")
    func ecdfStaircase() {
        let scale = Scale(lower: 0, upper: 10, pixelStart: 0, pixelEnd: 100, logarithmic: false)
        let share = Scale(lower: 0, upper: 1, pixelStart: 100, pixelEnd: 0, logarithmic: false)
        let corners = ECDFChart.steps([1, 2, 2, 5], rows: 1, x: scale, y: share)
        #expect(corners.map(\.0) == [10, 10, 20, 50])
        #expect(corners.map(\.1) == [100, 75, 25, 0])
    }

    @Test("coordinates are written with at most one decimal, exactly")
    func coordinates() {
        #expect(SVGWriter.n(12) == "12" && SVGWriter.n(12.34) == "12.3" && SVGWriter.n(12.36) == "12.4")
        #expect(SVGWriter.n(-0.04) == "0" && SVGWriter.n(-3.25) == "-3.3" && SVGWriter.n(0.05) == "0.1")
        #expect(SVGWriter.n(.nan) == "0" && SVGWriter.n(1e300) == "1000000")
    }
}
