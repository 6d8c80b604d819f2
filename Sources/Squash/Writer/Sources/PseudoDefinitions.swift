import BinaryIO
import Platform

/// Pseudo definitions in mksquashfs's `-pf` / `-p` format (squashfs-tools pseudo.c,
/// README "Pseudo file support"): one per line, `name type mode uid gid [extra]`, creating
/// what a non-root user cannot create on disk, e.g. `/dev/console c 600 0 0 5 1`.
/// Types: `d` directory, `b`/`c` block/char device (extra: major minor), `s` symlink
/// (extra: target), `i` fifo or socket (extra: `p` or `s`), `m` modify mode/uid/gid of an
/// existing entry, `l` hard link (`name l target`, no mode/uid/gid). `f` (file from a
/// command's output) is refused: building an image never runs commands. Names may be
/// quoted ("a b") or escape spaces (a\ b); `#` starts a comment line; mode is octal.
public struct PseudoDefinitions: Sendable {
    /// One parsed definition.
    public struct Definition: Sendable, Equatable {
        /// Path in the image, without a leading slash ("" = the root).
        public var path: String
        /// Type letter: d b c s i m l.
        public var type: Character
        /// Permission bits (octal in the file).
        public var mode: UInt16
        public var uid: UInt32
        public var gid: UInt32
        /// Type-specific fields: major minor, symlink target, p|s, hard link target.
        public var extra: [String]
    }
    /// Definitions in file order (applied in that order).
    public var definitions: [Definition] = []

    private static func split(_ line: String, context: String) throws -> [String] {
        var words: [String] = []
        var cur = ""
        var inQuote = false, escaped = false, started = false
        for ch in line {
            if escaped { cur.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; started = true; continue }
            if ch == "\"" { inQuote.toggle(); started = true; continue }
            if (ch == " " || ch == "\t") && !inQuote {
                if started { words.append(cur); cur = ""; started = false }
                continue
            }
            cur.append(ch); started = true
        }
        if inQuote { throw FormatError(.invalid, context: context, "unterminated quote") }
        if started { words.append(cur) }
        return words
    }

    /// Applies the definitions in order. New entries get time `defaultTime`; missing parent
    /// directories are created with mode 0755, root owner and that time.
    public func apply(to tree: inout Tree, defaultTime: UInt32) throws {
        let template = Node(name: "", kind: .directory, mode: 0o755, mtime: defaultTime)
        var nextLink = 0
        tree.walk { _, n in nextLink = max(nextLink, n.hardLinkID ?? 0) }
        for d in definitions {
            let ctx = "apply pseudo definition \(d.path)"
            var node = Node(name: "", kind: .directory, mode: d.mode, uid: d.uid, gid: d.gid, mtime: defaultTime)
            switch d.type {
            case "d":
                if let existing = tree.node(at: d.path), existing.kind == .directory { node.children = existing.children }
            case "b", "c":
                node.kind = d.type == "b" ? .blockDevice : .charDevice
                node.device = Device(major: UInt32(d.extra[0]) ?? 0, minor: UInt32(d.extra[1]) ?? 0)
            case "s":
                node.kind = .symlink; node.linkTarget = d.extra[0]
            case "i":
                node.kind = d.extra[0] == "p" ? .fifo : .socket
            case "m":
                guard var existing = tree.node(at: d.path) else {
                    throw FormatError(.invalid, context: ctx, "no entry to modify")
                }
                existing.mode = d.mode; existing.uid = d.uid; existing.gid = d.gid
                node = existing
            case "l":
                let target = d.extra[0].hasPrefix("/") ? String(d.extra[0].drop(while: { $0 == "/" })) : d.extra[0]
                guard var t = tree.node(at: target), t.kind != .directory else {
                    throw FormatError(.invalid, context: ctx, "hard link target \(d.extra[0]) missing or a directory")
                }
                if t.hardLinkID == nil {
                    nextLink += 1
                    t.hardLinkID = nextLink
                    try tree.insert(t, at: target, parentTemplate: template)
                }
                node = t
            default:
                throw FormatError(.unsupported, context: ctx, "pseudo type '\(d.type)'")
            }
            if d.path.isEmpty {
                guard node.kind == .directory else { throw FormatError(.invalid, context: ctx, "the root must stay a directory") }
                node.children = tree.root.children
                tree.root = node
            } else {
                try tree.insert(node, at: d.path, parentTemplate: template)
            }
        }
    }
}

extension PseudoDefinitions {
    /// Parses `text`; `name` labels errors (the file name).
    public init(parsing text: String, name: String) throws {
        var out = PseudoDefinitions()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty || line.hasPrefix("#") { continue }
            let ctx = "read pseudo definition line \(n + 1)"
            let words = try Self.split(String(line), context: ctx)
            guard words.count >= 2, let type = words[1].first, words[1].count == 1 else {
                throw FormatError(.invalid, context: ctx, "expected 'name type ...'", file: name)
            }
            let path = words[0].hasPrefix("/") ? String(words[0].drop(while: { $0 == "/" })) : words[0]
            _ = try SafePath.components(path, context: ctx)
            if type == "l" {
                guard words.count == 3 else { throw FormatError(.invalid, context: ctx, "expected 'name l target'", file: name) }
                out.definitions.append(Definition(path: path, type: type, mode: 0, uid: 0, gid: 0, extra: [words[2]]))
                continue
            }
            guard words.count >= 5, let mode = UInt16(words[2], radix: 8), mode <= 0o7777,
                  let uid = UInt32(words[3]), let gid = UInt32(words[4]) else {
                throw FormatError(.invalid, context: ctx, "expected 'name type octal-mode uid gid' (numeric ids)", file: name)
            }
            let extra = Array(words.dropFirst(5))
            let need: [Character: Int] = ["d": 0, "m": 0, "b": 2, "c": 2, "s": 1, "i": 1]
            guard let count = need[type] else {
                throw FormatError(.unsupported, context: ctx, "pseudo type '\(type)' is not supported (d b c s i m l)", file: name)
            }
            guard extra.count == count else {
                throw FormatError(.invalid, context: ctx, "type '\(type)' takes \(count) extra fields, got \(extra.count)", file: name)
            }
            if type == "b" || type == "c" {
                guard UInt32(extra[0]) != nil, UInt32(extra[1]) != nil else {
                    throw FormatError(.invalid, context: ctx, "device major/minor must be numbers", file: name)
                }
            }
            if type == "i" && extra[0] != "p" && extra[0] != "s" {
                throw FormatError(.invalid, context: ctx, "type 'i' needs 'p' (fifo) or 's' (socket)", file: name)
            }
            out.definitions.append(Definition(path: path, type: type, mode: mode, uid: uid, gid: gid, extra: extra))
        }
        self = out
    }
}
