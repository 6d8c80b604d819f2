import Apk
import BinaryIO

/// Writing the apk installed-package database (`/lib/apk/db/installed`) for an offline
/// install of v3 packages, exactly as apk-tools writes a package's stanza
/// [alpinelinux/apk-tools: src/package.c apk_pkg_write_index_header (C: P: V: A: S: I: T: U:
/// L: o: m: t: c: k: then D: p: i:), src/database.c apk_db_fdb_write (g: r: q: f: then per
/// directory F: [M:] and per file R: [a:] Z:), apk_blob_push_db_acl (uid:gid:octal mode),
/// src/blob.c apk_blob_push_hash (`Q1` + base64 of a 20-byte digest)].
///
/// Packages installed from v3 (.apk ADB) files are marked `f:S` (`sha256_160`): every `Z:` is
/// the first 20 bytes of the file's SHA-256 (a symlink's: of its target), and `C:` the first
/// 20 bytes of the package identity, the SHA-256 of its ADB block
/// [database.c apk_db_install_v3meta, apk_db_install_file; package.c apk_pkg_read].
public enum ApkInstalledStanza {
    /// One directory of the package with its files, in the order apk writes them.
    public struct Directory: Sendable {
        /// Directory path relative to the root ("lib/modules/6.12.74").
        public var path: String
        /// Owner, group and permission bits.
        public var uid: UInt32, gid: UInt32, mode: UInt16
        /// Files directly in it: name, owner, group, mode and the 20-byte digest.
        public var files: [(name: String, uid: UInt32, gid: UInt32, mode: UInt16, digest: [UInt8]?)]

        /// A directory entry.
        public init(path: String, uid: UInt32, gid: UInt32, mode: UInt16) {
            self.path = path; self.uid = uid; self.gid = gid; self.mode = mode; files = []
        }
    }

    /// `Q1` + base64 of the first 20 bytes of `digest` (apk_blob_push_hash writes only
    /// SHA-1-length digests; SHA-256 ones are truncated to 160 bits first).
    public static func q1(_ digest: [UInt8]) -> String { "Q1" + Base64.encode(Array(digest.prefix(20))) }

    /// The stanza text (ending with the blank line that closes it).
    public static func render(package p: ApkPackage, fileSize: UInt64, replacesPriority: UInt64?,
                              directories: [Directory]) -> String {
        let i = p.info
        var s = "C:\(q1(p.identity))\nP:\(i.name)\nV:\(i.version)\n"
        if let a = i.arch, !a.isEmpty { s += "A:\(a)\n" }
        s += "S:\(fileSize)\nI:\(i.installedSize ?? 0)\n"
        s += "T:\(line(i.description))\nU:\(line(i.url))\nL:\(line(i.license))\n"
        if let o = i.origin, !o.isEmpty { s += "o:\(line(o))\n" }
        if let m = i.maintainer, !m.isEmpty { s += "m:\(line(m))\n" }
        if let t = i.buildTime, t != 0 { s += "t:\(t)\n" }
        if let c = i.repoCommit, !c.isEmpty { s += "c:\(c)\n" }
        if let k = i.providerPriority, k != 0 { s += "k:\(k)\n" }
        func deps(_ key: String, _ d: [ApkDependency]) {
            if !d.isEmpty { s += key + d.map(\.description).joined(separator: " ") + "\n" }
        }
        deps("D:", i.depends)
        deps("p:", i.provides)
        deps("i:", i.installIf)
        if !i.tags.isEmpty { s += "g:" + i.tags.map(line).joined(separator: " ") + "\n" }
        deps("r:", i.replaces)
        if let q = replacesPriority, q != 0 { s += "q:\(q)\n" }
        s += "f:S\n"
        for d in directories {
            s += "F:\(d.path)\n"
            if !(d.uid == 0 && d.gid == 0 && d.mode == 0o755) { s += acl("M", d.uid, d.gid, d.mode) }
            for f in d.files {
                s += "R:\(f.name)\n"
                if !(f.uid == 0 && f.gid == 0 && f.mode == 0o644) { s += acl("a", f.uid, f.gid, f.mode) }
                if let z = f.digest { s += "Z:\(q1(z))\n" }
            }
        }
        return s + "\n"
    }

    static func acl(_ key: String, _ uid: UInt32, _ gid: UInt32, _ mode: UInt16) -> String {
        "\(key):\(uid):\(gid):\(String(mode & 0o7777, radix: 8))\n"
    }

    /// A field value on one line (apk stores the text verbatim; a newline would end the field).
    static func line(_ v: String?) -> String {
        String((v ?? "").map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// The database text split into stanzas (blank-line separated), each without its
    /// terminating blank line; used to replace one package's stanza on upgrade.
    public static func stanzas(_ text: String) -> [String] {
        var out: [String] = []
        var cur: [Substring] = []
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if l.isEmpty {
                if !cur.isEmpty { out.append(cur.joined(separator: "\n") + "\n") }
                cur = []
            } else {
                cur.append(l)
            }
        }
        if !cur.isEmpty { out.append(cur.joined(separator: "\n") + "\n") }
        return out
    }

    /// The `C:` package checksum of the stanza of package `name` in `text`, if any.
    public static func checksum(of name: String, in text: String) -> String? {
        for st in stanzas(text) where self.name(ofStanza: st) == name {
            return st.split(separator: "\n").first { $0.hasPrefix("C:") }.map { String($0.dropFirst(2)) }
        }
        return nil
    }

    /// `stanza` without the `R:` entry (and its `a:`/`Z:` lines) of `path` (relative), as
    /// apk drops a file from its old owner when another package takes it over
    /// (database.c apk_db_migrate_files_for_priority, "Claim ownership of the file in db").
    public static func removing(file path: String, from stanza: String) -> String {
        var dir = "", skipping = false
        var out: [Substring] = []
        for l in stanza.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping && (l.hasPrefix("a:") || l.hasPrefix("Z:")) { continue }
            skipping = false
            if l.hasPrefix("F:") { dir = String(l.dropFirst(2)) }
            if l.hasPrefix("R:"), (dir.isEmpty ? "" : dir + "/") + l.dropFirst(2) == path {
                skipping = true
                continue
            }
            out.append(l)
        }
        return out.joined(separator: "\n")
    }

    /// The `P:` name of a stanza.
    public static func name(ofStanza s: String) -> String? {
        s.split(separator: "\n").first { $0.hasPrefix("P:") }.map { String($0.dropFirst(2)) }
    }
}
