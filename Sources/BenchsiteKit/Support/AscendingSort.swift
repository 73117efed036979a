extension Array where Element == Double {
    /// The values in ascending order: what `sorted()` gives (any stable sort by `<` orders values
    /// that are not NaN the same way, equal ones such as -0.0 and 0.0 in their first order), as a
    /// merge sort over insertion-sorted runs on the array's own memory. Every statistic of every
    /// result sorts its values, and the standard library's generic sort was a tenth of a cold build.
    /// Values with a NaN (which `<` cannot order) take the standard library's sort.
    func sortedAscending() -> [Double] {
        guard count > 1, !contains(where: \.isNaN) else { return sorted() }
        var values = self
        var scratch = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { buffer in
            scratch.withUnsafeMutableBufferPointer { spare in
                AscendingSort.sort(buffer, spare)
            }
        }
        return values
    }
}

enum AscendingSort {
    /// Runs this long are sorted by insertion first.
    static let run = 24

    static func sort(_ values: UnsafeMutableBufferPointer<Double>, _ spare: UnsafeMutableBufferPointer<Double>) {
        let n = values.count
        var start = 0
        while start < n {
            insertionSort(values, start, Swift.min(start + run, n))
            start += run
        }
        var source = values, target = spare
        var width = run
        while width < n {
            var low = 0
            while low < n {
                let middle = Swift.min(low + width, n), high = Swift.min(low + 2 * width, n)
                merge(source, target, low, middle, high)
                low = high
            }
            swap(&source, &target)
            width *= 2
        }
        if source.baseAddress != values.baseAddress {
            for index in 0..<n { values[index] = source[index] }
        }
    }

    /// Sorts `values[low..<high]`; an element moves left only past greater ones (stable).
    private static func insertionSort(_ values: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int) {
        var index = low + 1
        while index < high {
            let value = values[index]
            var hole = index
            while hole > low && value < values[hole - 1] {
                values[hole] = values[hole - 1]
                hole -= 1
            }
            values[hole] = value
            index += 1
        }
    }

    /// Merges the sorted `source[low..<middle]` and `source[middle..<high]` into `target[low..<high]`,
    /// the left one first among equals (stable).
    private static func merge(
        _ source: UnsafeMutableBufferPointer<Double>, _ target: UnsafeMutableBufferPointer<Double>, _ low: Int,
        _ middle: Int, _ high: Int
    ) {
        var left = low, right = middle, out = low
        while left < middle && right < high {
            if source[right] < source[left] {
                target[out] = source[right]
                right += 1
            } else {
                target[out] = source[left]
                left += 1
            }
            out += 1
        }
        while left < middle {
            target[out] = source[left]
            left += 1
            out += 1
        }
        while right < high {
            target[out] = source[right]
            right += 1
            out += 1
        }
    }
}
