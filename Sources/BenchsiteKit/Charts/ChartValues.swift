/// The values a distribution chart draws: each row's samples, sorted ascending, and a few more (the
/// figures a tool reported), read where they are instead of joined into one array. A run of 1.6 M
/// requests has 13 MB of latencies; joining them (and sorting the join again to find the unit the
/// table reads in) cost each chart that much memory and a sort, for a least, a greatest value and a
/// median. Every answer is the one the joined values give: rows that are not sorted or not finite
/// are joined as before.
struct ChartValues {
    private let rows: [[Double]]
    private let others: [Double]
    /// Every row sorted ascending and finite.
    private let plain: Bool

    init(sortedRows rows: [[Double]], others: [Double] = []) {
        self.rows = rows
        self.others = others
        plain = rows.allSatisfy { row in
            guard let first = row.first else { return true }
            guard first.isFinite else { return false }
            var previous = first
            for value in row.dropFirst() {
                guard value.isFinite, previous <= value else { return false }
                previous = value
            }
            return true
        }
    }

    /// Every value in one array (what the fast paths stand for).
    private var joined: [Double] { rows.flatMap { $0 } + others }

    /// `Scale.nice(covering:…)` of all the values.
    func scale(pixels: ClosedRange<Double>, includeZero: Bool, allowLog: Bool) -> Scale {
        guard plain else {
            return Scale.nice(covering: joined, pixels: pixels, includeZero: includeZero, allowLog: allowLog)
        }
        let ends = rows.compactMap { $0.first } + rows.compactMap { $0.last } + others.filter { $0.isFinite }
        return Scale.nice(
            lowest: ends.min(), highest: ends.max(), pixels: pixels, includeZero: includeZero, allowLog: allowLog)
    }

    /// `DisplayUnit.common(for:of:)` of all the values.
    func commonUnit(of metric: Metric) -> DisplayUnit? {
        // A negative value's magnitude sorts from the other end: such rows are joined.
        guard plain, rows.allSatisfy({ ($0.first ?? 0) >= 0 }) else {
            return DisplayUnit.common(for: joined, of: metric)
        }
        // The magnitudes that count (finite, not zero): in each sorted row, those after its zeros.
        var slices: [ArraySlice<Double>] = rows.map { row in
            row[Self.firstIndex(in: row[...], after: 0)...]
        }
        slices.append(others.filter { $0.isFinite && $0 != 0 }.map(abs).sorted()[...])
        let total = slices.reduce(0) { $0 + $1.count }
        return DisplayUnit.common(
            median: total > 0 ? Self.smallest(total / 2, in: slices) : nil,
            least: slices.compactMap { $0.first }.min(), greatest: slices.compactMap { $0.last }.max(), of: metric)
    }

    /// The index of the first value greater than `value` in a sorted slice.
    static func firstIndex(in slice: ArraySlice<Double>, after value: Double) -> Int {
        var low = slice.startIndex, high = slice.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if slice[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first value not less than `value` in a sorted slice.
    static func firstIndex(in slice: ArraySlice<Double>, notBelow value: Double) -> Int {
        var low = slice.startIndex, high = slice.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if slice[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The value at `rank` (from 0) of all the sorted slices' values taken together, as their join
    /// sorted would have it: found by searching, in each slice, for a value with at most `rank`
    /// values below it and more than `rank` at or below it.
    static func smallest(
        _ rank: Int, in slices: [ArraySlice<Double>], joiningUpTo limit: Int = joinedSelectionLimit
    ) -> Double {
        let total = slices.reduce(0) { $0 + $1.count }
        // A few thousand values (a run's chart of 200 requests a model) are joined and selected
        // from: cheaper than searching every row for every guess, and the copy is small.
        if total <= limit, rank >= 0, rank < total {
            var all: [Double] = []
            all.reserveCapacity(total)
            for slice in slices { all.append(contentsOf: slice) }
            return all.withUnsafeMutableBufferPointer { select(rank, in: $0) }
        }
        for slice in slices where !slice.isEmpty {
            var low = slice.startIndex, high = slice.endIndex - 1
            while low <= high {
                let middle = low + (high - low) / 2
                let value = slice[middle]
                var below = 0, atOrBelow = 0
                for other in slices {
                    below += firstIndex(in: other, notBelow: value) - other.startIndex
                    atOrBelow += firstIndex(in: other, after: value) - other.startIndex
                }
                if atOrBelow <= rank {
                    low = middle + 1
                } else if below > rank {
                    high = middle - 1
                } else {
                    return value
                }
            }
        }
        // Not reached for a rank below the total; the join answers anything else the same way.
        let all = slices.flatMap { $0 }.sorted()
        return all.isEmpty ? 0 : all[min(max(rank, 0), all.count - 1)]
    }

    /// Up to this many values, `smallest` selects from a joined copy.
    static let joinedSelectionLimit = 1 << 16

    /// The value at `rank` of `values` sorted ascending (values comparable: no NaN), found by
    /// partitioning around a median of three (Hoare), reordering `values`.
    static func select(_ rank: Int, in values: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            // The median of the first, middle and last values as the pivot.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var left = low, right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while pivot < values[right] { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            // Now values[low...right] <= pivot <= values[left...high], and those between equal it.
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                return values[rank]
            }
        }
        return values[low]
    }
}
