import Foundation

/// Safe file names from arbitrary names.
///
/// A slug holds only `a-z`, `0-9`, `.`, `_` and `-`, never starts with a dot, and is at most 64
/// characters, so no name can reach outside its folder (`../../etc/passwd` becomes `etc-passwd`).
public enum Slug {
    public static func make(_ name: String) -> String {
        var out = ""
        var lastWasDash = false
        // Accents and full-width forms fold to plain letters: `café` is `cafe`, not `caf`.
        let folded = name.folding(options: [.diacriticInsensitive, .widthInsensitive, .caseInsensitive], locale: nil)
        for scalar in folded.lowercased().unicodeScalars {
            let allowed =
                (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_"
            if allowed {
                out.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                out.append("-")
                lastWasDash = true
            }
        }
        while let first = out.first, first == "-" || first == "." || first == "_" { out.removeFirst() }
        while let last = out.last, last == "-" || last == "." { out.removeLast() }
        if out.count > 64 { out = String(out.prefix(64)) }
        while let last = out.last, last == "-" || last == "." { out.removeLast() }
        return out.isEmpty ? "x" : out
    }

    /// 32-bit FNV-1a of the name's UTF-8, as 8 hex digits: stable across builds and machines.
    static func hash(_ name: String) -> String {
        var h: UInt32 = 0x811C_9DC5
        for byte in name.utf8 {
            h ^= UInt32(byte)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// Unique slugs for a set of names. A name whose slug is taken by a different name, or is reserved,
/// gets the hash of its exact spelling appended, so each name keeps the same file name from build
/// to build. Slugs are lower case, so names that differ only in case (`GPU`, `gpu`) never share a
/// file, even on the case-insensitive file systems of macOS and Windows.
public struct SlugTable: Sendable {
    private var slugs: [String: String] = [:]

    /// File names a page of a folder must never take: the folder's own `index`, and the device
    /// names Windows will not create a file for.
    public static let reservedFileNames: Set<String> = {
        var names: Set<String> = ["index", "con", "prn", "aux", "nul"]
        for n in 1...9 {
            names.insert("com\(n)")
            names.insert("lpt\(n)")
        }
        return names
    }()

    public init(names: [String], reserved: Set<String> = []) {
        var byBase: [String: [String]] = [:]
        for name in Set(names) { byBase[Slug.make(name), default: []].append(name) }
        var used = Set(byBase.keys).union(reserved)
        for (base, group) in byBase.sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted()
            // The name that is spelled exactly like its slug keeps it; otherwise the first in order.
            let owner = ordered.first { $0 == base } ?? ordered[0]
            // Windows judges a name by its stem, the part before the first dot: `con.x` is `con`.
            let stem = base.prefix { $0 != "." }
            let stemReserved = reserved.contains(String(stem))
            let ownerKeeps = !reserved.contains(base) && !stemReserved
            if ownerKeeps { slugs[owner] = base }
            // The hash goes after the stem when the stem is reserved (`con-1a2b3c4d.x`, not `con.x-1a2b3c4d`).
            func withSuffix(_ suffix: String) -> String {
                stemReserved ? stem + suffix + base.dropFirst(stem.count) : base + suffix
            }
            for name in ordered where name != owner || !ownerKeeps {
                var candidate = withSuffix("-\(Slug.hash(name))")
                var n = 2
                while used.contains(candidate) {
                    candidate = withSuffix("-\(Slug.hash(name))-\(n)")
                    n += 1
                }
                used.insert(candidate)
                slugs[name] = candidate
            }
        }
    }

    public subscript(name: String) -> String {
        slugs[name] ?? Slug.make(name)
    }
}
