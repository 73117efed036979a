import ArgumentParser
import BenchsiteKit
import Foundation

/// The settings file a command uses: `--config FILE`, else `benchsite.yml` in the current folder
/// when there is one. Problems in it stop the command (exit 1) before anything is written.
struct SettingsFile {
    var path: String
    var config: SiteConfig

    static func load(_ explicit: String?) throws -> SettingsFile? {
        let path: String
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                printError("benchsite: error: the settings file \(explicit) does not exist (benchsite init writes one)")
                throw ExitCode(1)
            }
            path = explicit
        } else if FileManager.default.fileExists(atPath: SiteConfig.defaultFileName) {
            path = SiteConfig.defaultFileName
        } else {
            return nil
        }
        let (config, diagnostics) = SiteConfig.load(path: path)
        for diagnostic in diagnostics { printError(diagnostic.description) }
        guard let config else {
            printError("benchsite: error: \(path) has errors; nothing was written")
            throw ExitCode(1)
        }
        return SettingsFile(path: path, config: config)
    }

    /// A path in the settings file is relative to the file's folder.
    func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }

    /// Fills what the command line left unset.
    func apply(to options: inout BuildOptions, titleGiven: Bool) {
        if !titleGiven, let title = config.title { options.siteTitle = title }
        if options.baseURL == nil { options.baseURL = config.baseURL }
        if options.baseline == nil { options.baseline = config.baseline }
        if options.keepRuns == nil { options.keepRuns = config.keepRuns }
        if options.templatesDirectory == nil, let templates = config.templates { options.templatesDirectory = resolve(templates) }
        options.comparison = config.comparisonSettings(options.comparison)
        options.changePoints = config.changePoints
        options.presentation = config.presentation
        options.models = config.models
    }
}
