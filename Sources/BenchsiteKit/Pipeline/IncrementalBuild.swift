import Foundation

/// Which run pages and history pieces of the site in the output folder stay as they are, and which
/// runs' samples must be read again, from the build cache's record of what each was made from.
///
/// A run page is made from its run (metadata and samples), its results' figures (from its samples),
/// what other runs decide for it (changes, verdicts, change points starting at it, run indexes), the titles and paths of the run and its neighbours, the name, page
/// and colour of each of its subjects, its scenarios' slugs, and the site's settings (title,
/// presentation, templates; the run count when templates are overridden, since a layout may show
/// it). The hash of all of that, in `BinaryCoder`'s form, is the page's key; a history piece's key is
/// the hash of its run and samples. An output whose key is the one the cache recorded, and whose
/// file the manifest lists as unchanged since, is kept without composing, rendering or writing it.
/// Everything else is made as in a full build; a test builds sites both ways and compares them byte
/// for byte.
struct IncrementalBuild: Sendable {
    /// Each output's key (run pages and pieces of runs with a known origin).
    var keys: [String: UInt64] = [:]
    /// Outputs taken from the published site as they are.
    var kept: Set<String> = []
    /// Run pages not to compose.
    var keptRunPages: Set<Int> = []
    /// Runs whose pieces (run and samples) are both kept.
    var keptPieces: Set<Int> = []

    /// The plan for this analysis against the cache's record and the site in `outputDirectory`.
    static func plan(
        _ analysis: SiteAnalysis, map: SiteMap, settings: UInt64, cache: BuildCache, outputDirectory: String,
        published: SiteWriter.Manifest
    ) -> IncrementalBuild {
        let history = analysis.history
        let writer = SiteWriter(outputDirectory: outputDirectory)
        let manifest = published.entries
        let manifestModified = published.modified
        func unchanged(_ path: String, _ key: UInt64) -> Bool {
            // Made from the same inputs, and the site still holds the bytes the record was made beside.
            guard let recorded = cache.outputs[path], recorded.key == key, let entry = manifest[path],
                !entry.legacyHash, entry.hash == recorded.contentHash, let manifestModified
            else { return false }
            return writer.isAsRecorded(path, entry, since: manifestModified)
        }
        let perRun = parallelMap(history.runs.count) { index -> [(path: String, key: UInt64)] in
            let run = history.runs[index]
            // The run: its id and the digest of the rest, taken when it was read.
            guard let origin = run.origin, let digest = run.contentDigest else { return [] }
            let runBytes = Array(run.id.utf8) + [0] + withUnsafeBytes(of: digest.littleEndian, Array.init)
            let pieces = ContentHash.of(Array(origin.key.utf8) + [0] + runBytes)
            guard let page = pageKey(index, analysis, map: map, settings: settings, run: runBytes) else { return [] }
            let slug = map.runSlug(index)
            // The page first, then the pieces (a run of reported figures only has no samples file).
            var outputs = [(map.runPath(index), page), (HistoryPieces.runPath(run, slug: slug), pieces)]
            if analysis.hasSamples(run: index) { outputs.append((HistoryPieces.samplesPath(run, slug: slug), pieces)) }
            return outputs
        }
        var plan = IncrementalBuild()
        for (index, outputs) in perRun.enumerated() where !outputs.isEmpty {
            let same = outputs.map { unchanged($0.path, $0.key) }
            for output in outputs { plan.keys[output.path] = output.key }
            for (output, isSame) in zip(outputs, same) where isSame { plan.kept.insert(output.path) }
            if same[0] { plan.keptRunPages.insert(index) }
            // The pieces are written together or kept together.
            if same.dropFirst().allSatisfy({ $0 }) {
                plan.keptPieces.insert(index)
            } else {
                for output in outputs.dropFirst() { plan.kept.remove(output.path) }
            }
        }
        return plan
    }

    /// The runs whose samples the build needs: pages or pieces to make, the latest run of each group
    /// (the overview draws their distributions; the site's latest is the first group's) and the
    /// `--baseline` run (the comparison reads its samples).
    func runsNeedingSamples(_ history: History, groups: [RunGroup], baseline: Int?) -> Set<Int> {
        var needed = Set(groups.map(\.latestRunIndex))
        for index in history.runs.indices where history.runs[index].samplesDeferred {
            if !keptRunPages.contains(index) || !keptPieces.contains(index) { needed.insert(index) }
        }
        if let baseline { needed.insert(baseline) }
        return needed
    }

    /// The settings every run page depends on, as one hash.
    static func settingsKey(siteTitle: String, presentation: Presentation, theme: Theme, runCount: Int?) -> UInt64 {
        var text = "title \(siteTitle)\npresentation \(BuildStamp.describe(presentation))\n"
        for name in theme.files.keys.sorted() { text += "template \(name)\n\(theme.files[name] ?? "")\n" }
        if let runCount { text += "runs \(runCount)\n" }
        return ContentHash.of(Array(text.utf8))
    }

    /// The hash of what a run page is made from besides its run (see the type's comment), packed by
    /// hand (`PackedForms`): the settings, where the run's samples are (its results' figures come
    /// from them), its links, its group's noun, its subjects and scenarios, and per result what other
    /// runs decide for it (changes, verdicts, the change points that start at this run).
    /// - Parameter run: what the run is known by (its id and `Run.contentDigest`).
    static func pageKey(
        _ index: Int, _ analysis: SiteAnalysis, map: SiteMap, settings: UInt64, run: [UInt8]
    )
        -> UInt64?
    {
        guard let origin = analysis.history.runs[index].origin else { return nil }
        var links = [map.runPath(index), map.runTitle(index), map.subjectsTitle]
        if index > 0 { links += ["previous", map.runPath(index - 1), map.runTitle(index - 1)] }
        if index + 1 < analysis.history.runs.count {
            links += ["next", map.runPath(index + 1), map.runTitle(index + 1)]
        }
        let results = analysis.runs[index]
        let subjects = Set(results.map(\.key.subject)).sorted().flatMap {
            [$0, map.name($0), map.subjectPath($0), map.style($0).description]
        }
        let scenarios = map.scenarios(of: results).flatMap { [$0, map.scenarioSlug($0)] }
        var writer = PackedWriter(capacity: 4096)
        writer.uint64(settings)
        writer.string(origin.key)
        for list in [links, [map.noun(ofRun: index).singular], subjects, scenarios] {
            writer.int(list.count)
            for item in list { writer.string(item) }
        }
        writer.int(results.count)
        for result in results {
            writer.int(result.runIndex)
            writer.int(result.previousRunIndex)
            writer.int(result.changes.count)
            for metric in result.changes.keys.sorted() {
                writer.int(metric.order)
                result.changes[metric]?.pack(into: &writer)
            }
            writer.int(result.verdicts.count)
            for metric in result.verdicts.keys.sorted() {
                writer.int(metric.order)
                result.verdicts[metric]?.pack(into: &writer)
            }
            let starting = (analysis.changePoints[result.key] ?? []).filter { $0.runIndex == index }
            writer.int(starting.count)
            for point in starting {
                writer.int(point.metric.order)
                writer.double(point.point.before)
                writer.double(point.point.after)
                writer.double(point.point.relative)
            }
        }
        return ContentHash.of(writer.bytes + [0] + run)
    }

    /// Reads again the samples of the given runs that came from the cache without them, from their
    /// input files; the files must still be as they were when read.
    static func hydrate(_ history: inout History, runs indices: Set<Int>, options: IngestOptions) throws {
        let deferred = indices.sorted().filter { history.runs[$0].samplesDeferred && history.runs[$0].origin != nil }
        var byFile: [String: [Int]] = [:]
        for index in deferred { byFile[history.runs[index].origin?.path ?? "", default: []].append(index) }
        let paths = byFile.keys.sorted()
        let identities = paths.map { path in byFile[path]?.first.flatMap { history.runs[$0].origin?.identity } }
        let read = parallelMap(paths.count) { position -> Result<[Run], ActionError> in
            let path = paths[position]
            let identity = identities[position]
            guard BuildStamp.identity(path) == identity else {
                return .failure(.io(path: path, message: "changed while the site was being built; build again"))
            }
            let (output, _, diagnostics) = Ingest.readPath(path, walked: false, options: options)
            guard diagnostics.isEmpty else {
                return .failure(.io(path: path, message: "could not be read again: \(diagnostics[0].message)"))
            }
            return .success(output.runs)
        }
        for (path, result) in zip(paths, read) {
            let fresh = try result.get()
            for index in byFile[path] ?? [] {
                guard let origin = history.runs[index].origin, origin.index < fresh.count,
                    fresh[origin.index].results.count == history.runs[index].results.count
                else {
                    throw ActionError.io(path: path, message: "changed while the site was being built; build again")
                }
                let source = fresh[origin.index]
                for (position, result) in source.results.enumerated() {
                    guard result.seriesKey == history.runs[index].results[position].seriesKey else {
                        throw ActionError.io(path: path, message: "changed while the site was being built; build again")
                    }
                    history.runs[index].results[position].samples = result.samples
                }
                history.runs[index].samplesDeferred = false
            }
        }
    }
}
