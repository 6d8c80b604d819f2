import BinaryIO
import Codecs
import Digests
import Platform

/// An opkg feed index as OpenWrt builds it (openwrt/openwrt scripts/ipkg-make-index.sh and
/// package/Makefile `index` rule):
/// - per `*.ipk` below the feed folder (sorted bytewise, `kernel_*` and `libc_*` skipped)
///   the package's control stanza with `Filename`, `Size`, [`MD5Sum`,] `SHA256sum`
///   inserted before `Description`, then an empty line → `Packages.manifest`;
/// - `Packages` = the manifest without lines starting with Maintainer, LicenseFiles,
///   Source (so SourceName, SourceDateEpoch), Require (Require-User);
/// - two newlines appended when `(64 + size) % 128` is 110 or 111 (usign SHA-512 bug);
/// - `Packages.gz` = `gzip -9n Packages`.
public struct PackagesIndex: Sendable {
    /// One indexed package.
    public struct Entry: Sendable {
        /// Path relative to the feed folder (`Filename:`).
        public var filename: String
        /// The manifest stanza (control + Filename/Size/SHA256sum).
        public var stanza: ControlStanza
        /// File size in bytes.
        public var size: UInt64
        /// SHA-256 as lowercase hex.
        public var sha256: String

        public init(filename: String, stanza: ControlStanza, size: UInt64, sha256: String) {
            self.filename = filename; self.stanza = stanza; self.size = size; self.sha256 = sha256
        }
    }

    /// Entries in index order.
    public var entries: [Entry]

    /// Line prefixes `package/Makefile` drops from the manifest to make Packages.
    public static let droppedPrefixes = ["Maintainer", "LicenseFiles", "Source", "SourceName", "Require", "SourceDateEpoch"]

    /// Creates an index from entries.
    public init(entries: [Entry]) { self.entries = entries }

    /// Whether ipkg-make-index.sh skips this file name (`kernel_*`, `libc_*`).
    public static func isSkipped(_ filename: String) -> Bool {
        let base = FS.basename(of: filename)
        return base.hasPrefix("kernel_") || base.hasPrefix("libc_")
    }

    /// The manifest stanza for a package's control data: Filename, Size, [MD5Sum,]
    /// SHA256sum inserted before `Description:` (appended when there is none).
    public static func stanza(control: ControlStanza, filename: String, size: UInt64, sha256: String, md5: String? = nil) -> ControlStanza {
        var s = control
        if let last = s.fields.last, last.raw.last != 0x0a { s.fields[s.fields.count - 1].raw.append(0x0a) }
        var add = [ControlStanza.Field(name: "Filename", value: filename), ControlStanza.Field(name: "Size", value: String(size))]
        if let md5 { add.append(ControlStanza.Field(name: "MD5Sum", value: md5)) }
        add.append(ControlStanza.Field(name: "SHA256sum", value: sha256))
        s.insert(add, before: "Description")
        return s
    }

    /// The index entry for one ipk's bytes.
    public static func entry(ipkBytes: [UInt8], filename: String, includeMD5: Bool = false) throws -> Entry {
        let ipk = try IPK(parsing: ipkBytes, path: filename)
        let sha = Hex.encode(Digest.sha256(ipkBytes))
        let md5 = includeMD5 ? Hex.encode(Digest.md5(ipkBytes)) : nil
        return Entry(filename: filename, stanza: stanza(control: ipk.control, filename: filename, size: UInt64(ipkBytes.count), sha256: sha, md5: md5),
                     size: UInt64(ipkBytes.count), sha256: sha)
    }

    /// Relative paths of every `*.ipk` below `dir` (recursive, like `find`), sorted
    /// bytewise on `./path` as `LC_ALL=C sort` does.
    public static func ipkFiles(in dir: String) throws -> [String] {
        var out: [String] = []
        func walk(_ rel: String) throws {
            let full = rel.isEmpty ? dir : dir + "/" + rel
            for (name, type) in try FS.listTyped(full) {
                let r = rel.isEmpty ? name : rel + "/" + name
                let p = dir + "/" + r
                // A symlink counts as what it points to (stat).
                let t: FS.EntryType = type == .symlink ? (FS.isDirectory(p) ? .directory : FS.isRegularFile(p) ? .file : .other) : type
                if t == .directory && !name.hasPrefix(".") { try walk(r) } else if name.hasSuffix(".ipk") && t == .file { out.append(r) }
            }
        }
        try walk("")
        // Keys computed once: ("./" + name) in bytes, as `LC_ALL=C sort` compares them.
        return out.map { (Array(("./" + $0).utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }

    /// Builds the index of a feed folder (packages read in parallel, order kept).
    /// `progress` counts the packages read (phase "index DIR").
    public static func build(directory dir: String, includeMD5: Bool = false, progress: ProgressMeter? = nil) throws -> PackagesIndex {
        let files = try ipkFiles(in: dir).filter { !isSkipped($0) }
        progress?.begin("index \(FS.basename(of: dir))", total: files.count, unit: .items)
        let results = Workers.map(files.count) { i in
            defer { progress?.add(1) }
            return try withFile(dir + "/" + files[i]) {
                try entry(ipkBytes: try FS.read(dir + "/" + files[i], limit: UInt64(IPK.maxOuterSize)), filename: files[i], includeMD5: includeMD5)
            }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(files.count)
        for r in results { entries.append(try r.get()) }
        return PackagesIndex(entries: entries)
    }

    /// `Packages.manifest`: every stanza followed by an empty line; an empty feed is "\n".
    public func renderManifest() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 600)
        for e in entries {
            out.append(contentsOf: e.stanza.render())
            out.append(0x0a)
        }
        if entries.isEmpty { out.append(0x0a) }
        return out
    }

    /// `Packages` from manifest bytes: dropped field lines, then the usign padding.
    public static func packages(fromManifest manifest: [UInt8]) -> [UInt8] {
        var out = droppingFields(manifest)
        if needsUsignPadding(size: out.count) { out.append(contentsOf: [0x0a, 0x0a]) }
        return out
    }

    /// The manifest without the dropped field lines (before padding).
    public static func droppingFields(_ manifest: [UInt8]) -> [UInt8] {
        let prefixes = droppedPrefixes.map { Array($0.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(manifest.count)
        var i = 0
        while i < manifest.count {
            var e = i
            while e < manifest.count, manifest[e] != 0x0a { e += 1 }
            let end = e < manifest.count ? e + 1 : e
            let drop = prefixes.contains { p in end - i >= p.count && manifest[i ..< i + p.count].elementsEqual(p) }
            if !drop { out.append(contentsOf: manifest[i ..< end]) }
            i = end
        }
        return out
    }

    /// The usign SHA-512 bug workaround condition: `(64 + size) % 128` is 110 or 111.
    public static func needsUsignPadding(size: Int) -> Bool {
        let r = (64 + size) % 128
        return r == 110 || r == 111
    }

    /// `Packages.gz`: gzip level 9 with no name and no time (`gzip -9n` framing).
    /// The compressed bytes differ from GNU gzip's; the content is identical.
    public static func gzip(_ packages: [UInt8]) -> [UInt8] {
        // libdeflate: 3x zlib's speed at level 9, and smaller.
        packages.withUnsafeBytes { FastDeflate.compress($0, level: 9, framing: .gzip) } ?? Deflate.deflate(packages, level: 9, framing: .gzip)
    }
}
