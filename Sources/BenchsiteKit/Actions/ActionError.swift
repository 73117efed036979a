/// Why a command could not do its work. Its diagnostics, if any, were already sent to the
/// collector; the error keeps its type until the command line prints it, once.
public enum ActionError: Error, Sendable, CustomStringConvertible {
    case settingsFileMissing(String)
    case settingsFileInvalid(String)
    case noValidRun
    case unknownBaseline(String)
    case templates
    case write(SiteWriter.WriteError)
    case noCommonSeries
    case sideHasNoRun(String)
    case unknownSide(String, historyGiven: Bool)
    case filesExist([String])
    case io(path: String, message: String)
    case noPreviousRun
    case historyShrinks(folder: String, published: Int, now: Int)

    public var description: String {
        switch self {
        case .settingsFileMissing(let path):
            return "the settings file \(path) does not exist (benchsite init writes one)"
        case .settingsFileInvalid(let path): return "\(path) has errors; nothing was written"
        case .noValidRun: return "no valid run found in the inputs; nothing was written"
        case .unknownBaseline(let baseline):
            return "--baseline \"\(baseline)\" is not the id or label of any run in the inputs; nothing was written"
        case .templates: return "the templates have errors; nothing was written"
        case .write(let error): return "\(error.path): \(error.message)"
        case .noCommonSeries: return "the two sides have no series (model and scenario) in common; nothing to compare"
        case .sideHasNoRun(let side): return "\(side): no valid run found"
        case .unknownSide(let side, let historyGiven):
            let hint = historyGiven ? "" : " (name a history with --history DIR to compare runs by id or label)"
            return "\"\(side)\" is neither a file or folder nor a run id or label in the history\(hint)"
        case .filesExist(let paths):
            return "nothing was written: \(paths.count == 1 ? "a file" : "\(paths.count) files") would be overwritten"
        case .io(let path, let message): return "\(path): \(message)"
        case .noPreviousRun:
            return
                "the history has no earlier run that measured a series of the contender: nothing to compare with (@previous)"
        case .historyShrinks(let folder, let published, let now):
            return
                "the site in \(folder) has \(published) runs and this build has \(now): the history would shrink (did fetching the published history fail?); nothing was written. --allow-shrink publishes it anyway"
        }
    }

    /// Every action error is trouble: the command could not do its work.
    public var exitStatus: ExitStatus { .trouble }
}
