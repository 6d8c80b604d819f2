import BinaryIO
import PackageManagers
import Platform

/// What `install --add-key` and `--feed-line` leave in a rootfs so the device trusts future
/// (rebased) feeds, for either package manager: public keys in the family's trusted-keys
/// folder (opkg: /etc/opkg/keys/<fingerprint name>, usign main.c; apk: /etc/apk/keys/<name>.pem)
/// and lines appended to its custom feeds file (opkg: /etc/opkg/customfeeds.conf; apk:
/// /etc/apk/repositories.d/customfeeds.list).
enum InstallTrust {
    /// Places the public key files `files` (each checked to be a key of `family`) and
    /// returns, per key file name, "added", "replaced" or "unchanged".
    static func addKeys(_ files: [String], family: any PackageFamily.Type, to root: inout InstallRootfs) throws -> [String: String] {
        var out: [String: String] = [:]
        for k in files {
            let bytes = try FS.read(k, limit: family.keyFileLimit)
            let name = try family.trustedKeyName(bytes, file: k)
            let path = family.trustedKeysDirectory + "/" + name
            let old = try root.readFile(path)
            out[name] = old == bytes ? "unchanged" : old == nil ? "added" : "replaced"
            if old != bytes { try root.writeFile(path, bytes) }
        }
        return out
    }

    /// Appends the lines not already present to the family's custom feeds file; returns
    /// the lines added.
    static func addFeedLines(_ lines: [String], family: any PackageFamily.Type, to root: inout InstallRootfs) throws -> [String] {
        guard !lines.isEmpty else { return [] }
        let path = family.customFeedsFile
        var text = try root.readFile(path) ?? []
        let existing = Set(String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init))
        var added: [String] = []
        for line in lines {
            guard !line.isEmpty, !line.contains("\n"), !line.contains("\r") else {
                throw FormatError(.usage, context: "--feed-line", "a feed line must be one non-empty line")
            }
            if existing.contains(line) || added.contains(line) { continue }
            if let last = text.last, last != 0x0a { text.append(0x0a) }
            text += Array((line + "\n").utf8)
            added.append(line)
        }
        if !added.isEmpty { try root.writeFile(path, text) }
        return added
    }
}
