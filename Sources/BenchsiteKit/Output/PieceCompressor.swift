import Foundation

/// The gzip files of the published history, compressed once. Compressing is most of the cost of
/// writing a history of years (a run of 20 models holds about 1 MB of text), yet a night changes
/// one run: each gzip file carries the hash of its text in its header (`Gzip.label`), so a file
/// whose text is unchanged is taken as it is, from the input it was read from (the published
/// history fetched by a CI job) or from the site already in the output folder, and only new or
/// changed text is compressed. Nothing is trusted blindly: an input's label was checked against
/// its text when it was read, and a published file is used only when the manifest lists it with
/// these very bytes and it was not modified since.
struct PieceCompressor: Sendable {
    let writer: SiteWriter
    let manifest: [String: SiteWriter.ManifestEntry]
    let manifestModified: Int?

    /// - Parameter published: the manifest of the site in the folder (`SiteWriter.readManifest`).
    init(outputDirectory: String, published: SiteWriter.Manifest) {
        writer = SiteWriter(outputDirectory: outputDirectory)
        manifest = published.entries
        manifestModified = published.modified
    }

    /// The gzip file holding `text`, for the site's `path`.
    func file(_ path: String, text: [UInt8], input: [UInt8]? = nil) throws -> [UInt8] {
        let label = ContentHash.of(text)
        if let input, Gzip.label(of: input) == label { return input }
        if let published = published(path), Gzip.label(of: published) == label { return published }
        return try Gzip.compress(text, level: 1, label: label)
    }

    /// The file at `path` in the output folder, when it is the one benchsite wrote there.
    func published(_ path: String) -> [UInt8]? {
        guard let entry = manifest[path], let manifestModified,
            writer.isAsRecorded(path, entry, since: manifestModified),
            let data = FileManager.default.contents(atPath: writer.absolute(path))
        else { return nil }
        let bytes = [UInt8](data)
        return entry.matches(bytes) ? bytes : nil
    }
}
