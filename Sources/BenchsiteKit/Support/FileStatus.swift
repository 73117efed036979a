import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says of a file, with times in nanoseconds: enough to tell, without reading it,
/// whether a file is the one seen before (as `make` and git's index do).
struct FileStatus: Equatable, Sendable {
    var size: Int
    var modified: Int
    var changed: Int
    var inode: UInt64
    var isRegular: Bool
    var isDirectory: Bool
    var isSymbolicLink: Bool

    /// The file at `path` (through a symbolic link with `followingLinks`), nil when there is none.
    init?(_ path: String, followingLinks: Bool = false) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        #if canImport(Darwin)
        modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        isRegular = info.st_mode & S_IFMT == S_IFREG
        isDirectory = info.st_mode & S_IFMT == S_IFDIR
        isSymbolicLink = info.st_mode & S_IFMT == S_IFLNK
    }

    /// A regular file's status, not through a link: nil for anything else.
    static func regularFile(_ path: String) -> FileStatus? {
        FileStatus(path).flatMap { $0.isRegular ? $0 : nil }
    }
}
