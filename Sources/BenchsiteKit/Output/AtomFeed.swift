/// `feed.xml`: an Atom feed of the runs, newest first, each entry naming its regressions and
/// improvements, so a team can subscribe to the site.
public enum AtomFeed {
    public static let maximumEntries = 50

    /// - Parameter baseURL: where the site is published (`https://example.org/bench/`); without it,
    ///   links are relative to the feed's own address.
    public static func make(_ analysis: SiteAnalysis, map: SiteMap, title: String, baseURL: String?) -> String {
        let history = analysis.history
        let base = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        // Stable across builds and unique per site: the published address, else a name-based id of the title.
        let feedID = base.isEmpty ? nameBasedID(title) : base
        let updated = history.runs.compactMap(\.timestamp).max()?.iso8601 ?? "1970-01-01T00:00:00Z"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <title>\(XMLText.escape(title))</title>\n"
        out += "  <id>\(XMLText.escape(feedID))</id>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(base))index.html\"/>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(base))feed.xml\"/>\n"
        out += "  <updated>\(updated)</updated>\n"
        out += "  <author><name>\(XMLText.escape(title))</name></author>\n  <generator>benchsite</generator>\n"
        for runIndex in history.runs.indices.reversed().prefix(maximumEntries) {
            let run = history.runs[runIndex]
            let verdicts = analysis.runs[runIndex].flatMap { $0.verdicts.values }
            let regressions = verdicts.filter { $0.verdict == .regression }.sorted {
                ($0.key, $0.metric) < ($1.key, $1.metric)
            }
            let improvements = verdicts.filter { $0.verdict == .improvement }.count
            let failed = analysis.runs[runIndex].filter { $0.result.status == .failed }.map { map.name($0.key.subject) }
            var entryTitle = map.runTitle(run)
            if !regressions.isEmpty {
                entryTitle += ": \(regressions.count) regression\(regressions.count == 1 ? "" : "s")"
            }
            var summary =
                "\(map.noun(ofRun: runIndex).count(Set(run.results.map(\.subject)).count)), \(run.source.format)."
            for r in regressions {
                summary +=
                    " Regression: \(map.name(r.key.subject)) (\(r.key.scenario)) \(r.metric.title.lowercased()) \(NumberFormatting.signedPercent(r.change ?? 0))."
            }
            if improvements > 0 { summary += " \(improvements) improvement\(improvements == 1 ? "" : "s")." }
            if !failed.isEmpty { summary += " Failed: \(Set(failed).sorted().joined(separator: ", "))." }
            out += "  <entry>\n"
            out += "    <title>\(XMLText.escape(entryTitle))</title>\n"
            let entryID = base.isEmpty ? nameBasedID(title + "\u{0}" + run.id) : base + map.runPath(runIndex)
            out += "    <id>\(XMLText.escape(entryID))</id>\n"
            out +=
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(base + map.runPath(runIndex)))\"/>\n"
            out += "    <updated>\(run.timestamp?.iso8601 ?? updated)</updated>\n"
            out += "    <summary>\(XMLText.escape(summary))</summary>\n  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// `urn:uuid:` of a name: 128 bits of two FNV-1a hashes, with the version and variant bits of a
    /// name-based UUID, so the same name gives the same id on every build and machine.
    static func nameBasedID(_ name: String) -> String {
        let bytes = Array(name.utf8)
        let high = SiteWriter.fnv1a(bytes), low = SiteWriter.fnv1a(Array("benchsite".utf8) + bytes)
        var hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
        hex = String(hex.prefix(12)) + "8" + String(hex.dropFirst(13).prefix(3)) + "a" + String(hex.dropFirst(17))
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return "urn:uuid:" + parts.map(String.init).joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
