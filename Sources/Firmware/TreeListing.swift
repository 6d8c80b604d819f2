#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import BinaryIO

/// A digest of an extracted rootfs folder, so `repack` can tell whether the user edited
/// it: every entry below the folder in byte order of its path, with its type, permission
/// bits, size and content SHA-256 (files) or target (symlinks), hashed with SHA-256.
public enum TreeListing {
    /// SHA-256 (hex) of the listing of `root`.
    public static func digest(_ root: String) throws -> String {
        let h = Digest.Hasher(.sha256)
        try walk(root, "", h)
        return Hex.encode(h.finish())
    }

    static func walk(_ root: String, _ rel: String, _ h: Digest.Hasher) throws {
        let dir = rel.isEmpty ? root : root + "/" + rel
        for name in try FS.list(dir) {
            let r = rel.isEmpty ? name : rel + "/" + name
            let p = root + "/" + r
            var st = stat()
            guard lstat(p, &st) == 0 else { throw FormatError.errno("stat", file: p) }
            let type = st.st_mode & S_IFMT
            var line = "\(r)\u{0}\(type)\u{0}\(st.st_mode & 0o7777)\u{0}"
            if type == S_IFREG {
                line += "\(st.st_size)\u{0}" + Hex.encode(try Digest.hashFile(.sha256, path: p))
            } else if type == S_IFLNK {
                var buf = [CChar](repeating: 0, count: 4097)
                let n = readlink(p, &buf, 4096)
                line += n >= 0 ? String(decoding: buf[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            } else if type == S_IFCHR || type == S_IFBLK {
                line += "\(st.st_rdev)"
            }
            h.update(Array((line + "\n").utf8))
            if type == S_IFDIR { try walk(root, r, h) }
        }
    }
}

/// JSON encoding of the unpack manifest (sorted keys, pretty, deterministic).
enum ManifestJSON {
    static func encode(_ m: UnpackManifest) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try e.encode(m)) + [0x0a]
    }

    static func decode(_ b: [UInt8]) throws -> UnpackManifest {
        do {
            return try JSONDecoder().decode(UnpackManifest.self, from: Data(b))
        } catch {
            throw FormatError(.invalid, context: "read manifest.json", "not a valid imagetool manifest: \(error)")
        }
    }
}
