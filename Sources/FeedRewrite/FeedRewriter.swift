import BinaryIO
import Digests
import Platform

/// Writes a changed copy of an opkg feed: the packages named in `edits` get new control
/// data (data.tar.gz copied byte for byte, see `IPK.rewritingControl`), every other file
/// is copied unchanged, then the index is regenerated and signed (`FeedIndexWriter`).
/// The output folder is built beside its final place and swapped in at once
/// (`FS.replaceDirectoryAtomically`); the input feed is never modified.
///
/// Before a package is rewritten its Size and SHA256sum must match the input index
/// (`Feed.requireIntact`), as opkg would check them (openwrt/opkg-lede libopkg/opkg_install.c).
public enum FeedRewriter {
    /// One rewritten package.
    public struct Rewritten: Sendable, Codable {
        /// Package name.
        public var package: String
        /// Path relative to the feed folder (`Filename:`).
        public var filename: String
        /// Size before.
        public var oldSize: UInt64
        /// Size after.
        public var newSize: UInt64
        /// SHA-256 before.
        public var oldSHA256: String
        /// SHA-256 after.
        public var newSHA256: String
    }

    /// What `rewrite` did.
    public struct Report: Sendable, Codable {
        /// The output folder.
        public var output: String
        /// Rewritten packages.
        public var rewritten: [Rewritten]
        /// Files copied unchanged.
        public var copied: Int
        /// What the index writer did.
        public var index: FeedIndexWriter.Report
    }

    /// A control edit: gets the package's current stanza, returns the new one.
    public typealias Edit = @Sendable (ControlStanza) throws -> ControlStanza

    /// Rewrites `edits` (package name -> edit) from `input` into `output`.
    /// `mtime` replaces the tar member times of rewritten packages (kept when nil).
    public static func rewrite(input: String, output: String, edits: [String: Edit],
                               key: Usign.SecretKey?, mtime: Int64? = nil) throws -> Report {
        let feed = try Feed.open(input)
        guard canonical(input) != canonical(output) else {
            throw FormatError(.usage, context: "rewrite feed", "output folder must differ from the input feed", file: output)
        }
        // Everything is checked and computed before anything is written.
        var newBytes: [String: [UInt8]] = [:]
        var rewritten: [Rewritten] = []
        for name in edits.keys.sorted() {
            guard let edit = edits[name], let stanza = feed.stanza(named: name), let filename = stanza["Filename"] else {
                throw FormatError(.invalid, context: "rewrite package \(name)", "not in the Packages index", file: input + "/Packages")
            }
            try feed.requireIntact(name)
            let rel = try SafePath.components(filename).joined(separator: "/")
            let path = input + "/" + rel
            let ipk = try IPK.open(path)
            let control = try edit(ipk.control)
            let bytes = try withFile(path) { try ipk.rewritingControl(control, mtime: mtime) }
            newBytes[rel] = bytes
            rewritten.append(Rewritten(package: name, filename: rel, oldSize: UInt64(ipk.original.count), newSize: UInt64(bytes.count),
                                       oldSHA256: Hex.encode(Digest.sha256(ipk.original)), newSHA256: Hex.encode(Digest.sha256(bytes))))
        }
        var copied = 0
        let index = try FS.replaceDirectoryAtomically(output) { tmp -> FeedIndexWriter.Report in
            for rel in try files(in: input) where rel != "Packages.sig" {
                let dest = try SafePath.join(tmp, rel, context: "write feed")
                try FS.makeDirectories(FS.dirname(of: dest))
                if let b = newBytes[rel] {
                    try FS.writeAtomically(b, to: dest)
                } else {
                    try FS.writeAtomically(try FS.read(input + "/" + rel), to: dest)
                    copied += 1
                }
            }
            return try FeedIndexWriter.write(tmp, key: key)
        }
        return Report(output: output, rewritten: rewritten, copied: copied, index: index)
    }

    /// Regular files below `dir`, relative, skipping hidden names.
    static func files(in dir: String) throws -> [String] {
        var out: [String] = []
        func walk(_ rel: String) throws {
            for name in try FS.list(rel.isEmpty ? dir : dir + "/" + rel) where !name.hasPrefix(".") {
                let r = rel.isEmpty ? name : rel + "/" + name
                if FS.isDirectory(dir + "/" + r) { try walk(r) } else if FS.isRegularFile(dir + "/" + r) { out.append(r) }
            }
        }
        try walk("")
        return out
    }

    static func canonical(_ p: String) -> String {
        var s = p
        while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

extension ControlStanza {
    /// Rewrites the terms of relationship field `field` that match `predicate` with
    /// `transform(term)`, keeping every other byte of the field (and of the stanza).
    /// Returns how many terms were replaced. Rebase uses it to turn `kernel (=A)` into
    /// `kernel (=A) | kernel (=B)`.
    @discardableResult
    public mutating func rewriteRelationship(_ field: String, where predicate: (Relationship.Term) -> Bool,
                                             with transform: (Relationship.Term) -> String) throws -> Int {
        guard let i = index(of: field) else { return 0 }
        let raw = fields[i].raw
        var s = 0, e = raw.count
        while s < e, raw[s] == 0x20 || raw[s] == 0x09 { s += 1 }
        while e > s, raw[e - 1] == 0x0a || raw[e - 1] == 0x0d || raw[e - 1] == 0x20 || raw[e - 1] == 0x09 { e -= 1 }
        let rel = try Relationship(parsing: String(decoding: raw[s ..< e], as: UTF8.self), context: "parse \(field)")
        let n = rel.terms.filter(predicate).count
        guard n > 0 else { return 0 }
        let replaced = rel.replacingTerms(where: predicate, with: transform)
        fields[i].raw = Array(raw[0 ..< s]) + Array(replaced.utf8) + Array(raw[e...])
        return n
    }
}
