import BinaryIO
import Codecs
import Firmware
import KernelABI
import Platform

/// A device snapshot: what `rebase` needs to know about a flashed router's kernel, made by
/// one shell command run on the router over ssh when the image file is gone
/// (`ssh root@192.168.1.1 '<DeviceSnapshot.script>' > router.snapshot`).
///
/// Format (version 1), bytes:
///
///     imagetool-snapshot 1\n
///     F <size> <absolute path>\n<size bytes>\n      a file, repeated
///     D <absolute path>\n                           a folder (/lib/modules/<release>)
///     END\n
///
/// `<size>` is decimal without sign or leading zeros. The files are the installed-package
/// database (`/usr/lib/opkg/status` or `/lib/apk/db/installed`), `/proc/version` (the
/// running kernel's banner), `/etc/openwrt_release`, `/etc/board.json`, the distfeeds
/// files, `/proc/config.gz` when the kernel has CONFIG_IKCONFIG_PROC, and every
/// `/lib/modules/<release>/**.ko` whole (each module's `vermagic=`, exported symbols and
/// CRCs are read from it, as from an image's rootfs). The command uses only what OpenWrt's
/// busybox ash has (`cat`, `wc -c`, `printf`, `find`, `mktemp`): no modinfo, no base64,
/// and each file is copied before it is measured, so a /proc file cannot change size
/// between the two.
///
/// Parsing is strict: the magic line, record syntax, sizes (each file at most 64 MiB),
/// a path set limited to the files above, no `..`, no duplicates, and the `END` line are
/// checked; anything else is a one-line error naming the byte offset.
public struct DeviceSnapshot: RootfsSource, Sendable {
    /// The first line of every snapshot.
    public static let magic = "imagetool-snapshot 1"

    /// The command run on the router (POSIX sh; OpenWrt's busybox ash). `SNAPSHOT_ROOT`,
    /// normally unset, reads a rootfs unpacked elsewhere instead of `/` (the tests run it on
    /// the fixture image's unpacked tree). It contains no single quote, so it can be passed
    /// to ssh inside single quotes as it is.
    public static let script = #"r=${SNAPSHOT_ROOT:-}; t=$(mktemp) || exit 1; echo "imagetool-snapshot 1"; p() { [ -f "$r$1" ] && cat "$r$1" > "$t" && printf "F %d %s\n" $(wc -c < "$t") "$1" && cat "$t" && echo; }; for f in /proc/version /proc/config.gz /etc/openwrt_release /etc/board.json /usr/lib/opkg/status /lib/apk/db/installed /etc/opkg/distfeeds.conf /etc/apk/repositories.d/distfeeds.list; do p $f; done; for d in "$r"/lib/modules/*; do [ -d "$d" ] && printf "D %s\n" "${d#$r}"; done; find "$r/lib/modules" -type f -name "*.ko" 2>/dev/null | sort | while read -r k; do p "${k#$r}"; done; rm -f "$t"; echo END"#

    /// The whole command line a user runs (documented in README.md and `rebase --help`).
    public static var command: String { "ssh root@192.168.1.1 '\(script)' > router.snapshot" }

    /// Largest file a snapshot may hold.
    public static let maxFileSize = 64 << 20
    /// Largest snapshot read.
    public static let maxSnapshotSize: UInt64 = 512 << 20
    /// Most records a snapshot may hold.
    public static let maxRecords = 100_000

    /// Files other than modules a snapshot may hold.
    static let knownFiles: Set<String> = [
        "/proc/version", "/proc/config.gz", "/etc/openwrt_release", "/etc/board.json",
        "/usr/lib/opkg/status", "/lib/apk/db/installed", "/etc/opkg/distfeeds.conf",
        "/etc/apk/repositories.d/distfeeds.list",
    ]

    /// File contents by absolute path.
    public private(set) var files: [String: [UInt8]] = [:]
    /// Children of every folder (derived from the records), by absolute path ("" is /).
    private var children: [String: Set<String>] = [:]

    /// Whether `bytes` starts like a snapshot (its first line is the magic's first word).
    public static func looksLike(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("imagetool-snapshot ".utf8))
    }

    /// Reads and parses the snapshot at `path`.
    public init(path: String) throws {
        try self.init(parsing: try FS.read(path, limit: DeviceSnapshot.maxSnapshotSize), file: path)
    }

    /// Parses snapshot bytes; `file` names it in errors.
    public init(parsing b: [UInt8], file: String) throws {
        var pos = 0
        func fail(_ at: Int, _ msg: String) -> FormatError {
            FormatError(.invalid, offset: UInt64(at), context: "read device snapshot", msg, file: file)
        }
        /// The next line (without its newline), at most 4 KiB.
        func line() throws -> String {
            let start = pos
            var end = pos
            while end < b.count, b[end] != 0x0a {
                end += 1
                if end - start > 4096 { throw fail(start, "line longer than 4096 bytes") }
            }
            guard end < b.count else { throw fail(start, b.count == start ? "truncated: no END line" : "truncated: line without newline") }
            pos = end + 1
            guard let s = String(validating: b[start ..< end], as: UTF8.self) else { throw fail(start, "line is not UTF-8") }
            return s
        }
        guard (try? line()) == DeviceSnapshot.magic else {
            throw fail(0, DeviceSnapshot.looksLike(Array(b.prefix(32))) ? "unsupported snapshot version (expected \"\(DeviceSnapshot.magic)\")"
                                                                    : "not an imagetool device snapshot (no \"\(DeviceSnapshot.magic)\" line)")
        }
        var records = 0
        var dirs = Set<String>()
        while true {
            let at = pos
            let l = try line()
            if l == "END" {
                guard pos == b.count else { throw fail(pos, "\(b.count - pos) bytes after END") }
                break
            }
            records += 1
            guard records <= DeviceSnapshot.maxRecords else { throw fail(at, "more than \(DeviceSnapshot.maxRecords) records") }
            if l.hasPrefix("D ") {
                let p = try DeviceSnapshot.checkPath(String(l.dropFirst(2)), at: at, file: file)
                guard p.hasPrefix("/lib/modules/"), p.split(separator: "/").count == 3 else {
                    throw fail(at, "folder \(p.debugDescription) is not /lib/modules/<release>")
                }
                guard dirs.insert(p).inserted else { throw fail(at, "folder \(p) listed twice") }
                continue
            }
            if l.isEmpty { throw fail(at, "empty line where a record starts: the size of the file before does not match its contents") }
            guard l.hasPrefix("F ") else { throw fail(at, "unknown record \(String(l.prefix(40)).debugDescription) (expected F, D or END)") }
            let rest = l.dropFirst(2)
            guard let sp = rest.firstIndex(of: " ") else { throw fail(at, "file record without a path") }
            let sizeText = rest[..<sp]
            guard !sizeText.isEmpty, sizeText.count <= 10, sizeText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  sizeText == "0" || !sizeText.hasPrefix("0"), let size = Int(sizeText) else {
                throw fail(at, "bad file size \(String(sizeText.prefix(20)).debugDescription)")
            }
            let p = try DeviceSnapshot.checkPath(String(rest[rest.index(after: sp)...]), at: at, file: file)
            guard DeviceSnapshot.knownFiles.contains(p) || (p.hasPrefix("/lib/modules/") && p.hasSuffix(".ko") && p.split(separator: "/").count >= 4) else {
                throw fail(at, "unexpected file \(p.debugDescription) (a snapshot holds only the files its command collects)")
            }
            guard size <= DeviceSnapshot.maxFileSize else { throw fail(at, "\(p): \(size) bytes, more than the \(DeviceSnapshot.maxFileSize >> 20) MiB limit") }
            guard size <= b.count - pos, size + 1 <= b.count - pos else { throw fail(at, "truncated: \(p) needs \(size) bytes, \(b.count - pos) left") }
            guard files[p] == nil else { throw fail(at, "file \(p) listed twice") }
            files[p] = Array(b[pos ..< pos + size])
            pos += size
            guard b[pos] == 0x0a else { throw fail(pos, "\(p): no newline after its \(size) bytes (size does not match the contents)") }
            pos += 1
        }
        for p in Array(files.keys) + Array(dirs) {
            var comps = p.split(separator: "/").map(String.init)
            while let last = comps.popLast() {
                children["/" + comps.joined(separator: "/"), default: []].insert(last)
            }
        }
        for d in dirs where children[d] == nil { children[d] = [] }
    }

    /// An absolute, normalized path without `..`, `.`, empty components or control characters.
    static func checkPath(_ p: String, at: Int, file: String) throws -> String {
        let comps = p.split(separator: "/", omittingEmptySubsequences: false)
        guard p.hasPrefix("/"), comps.count >= 2, comps.dropFirst().allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              p.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
            throw FormatError(.unsafePath, offset: UInt64(at), context: "read device snapshot",
                              "path \(String(p.prefix(80)).debugDescription) is not a plain absolute path", file: file)
        }
        return p
    }

    static func absolute(_ path: String) -> String {
        "/" + path.split(separator: "/").joined(separator: "/")
    }

    /// The file at `path` (absolute, or relative to /), or nil.
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let b = files[DeviceSnapshot.absolute(path)] else { return nil }
        try Checked.limit(UInt64(b.count), UInt64(limit), "file size", context: "read snapshot \(path)")
        return b
    }

    /// Names in the folder at `path`, sorted, or nil when the snapshot has no such folder.
    public func list(_ path: String) throws -> [String]? {
        let a = DeviceSnapshot.absolute(path)
        return children[a].map { $0.sorted() }
    }

    /// The running kernel's banner (`/proc/version`), trimmed.
    public var banner: String? {
        files["/proc/version"].map { b in
            String(decoding: b, as: UTF8.self).split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? ""
        }
    }

    /// Parses every module the snapshot holds (as `rebase` does); throws the first error.
    @discardableResult
    public func checkModules(file: String = "snapshot") throws -> Int {
        var n = 0
        for (p, b) in files where p.hasSuffix(".ko") {
            _ = try withFile(file) { try KernelModule(parsing: b, path: p) }
            n += 1
        }
        return n
    }

    /// The release in a banner "Linux version <release> (...": the third word, when it
    /// starts with a digit (init/version.c `linux_banner`).
    public static func release(fromBanner banner: String) -> String? {
        let w = banner.split(separator: " ", maxSplits: 3)
        guard w.count >= 3, w[0] == "Linux", w[1] == "version", w[2].first?.isNumber == true else { return nil }
        return String(w[2])
    }

    /// The running kernel's config from `/proc/config.gz`, when the snapshot has it.
    public func kernelConfigText(file: String) throws -> String? {
        guard let gz = files["/proc/config.gz"] else { return nil }
        let text = try withFile(file) {
            try Deflate.inflate(gz, framing: .gzip, maxOutput: 16 << 20).bytes
        }
        return String(decoding: text, as: UTF8.self)
    }
}
