/// Runs in time order with their series and the merged metadata.
public struct History: Sendable {
    /// Undated runs first (by id), then by time; ids are unique.
    public var runs: [Run]
    public var metadata: Metadata

    /// Every subject that appears, sorted; a subject's position gives its color on every page.
    public var subjects: [String]
    /// Every series that appears, sorted.
    public var series: [SeriesKey]

    public var latest: Run? { runs.last }

    /// The run a user names by id, else by label; the latest one when several share it.
    public func runIndex(idOrLabel name: String) -> Int? {
        runs.lastIndex { $0.id == name } ?? runs.lastIndex { $0.label == name }
    }
}
