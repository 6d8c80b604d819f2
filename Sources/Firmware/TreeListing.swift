#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import FoundationEssentials
#endif
import BinaryIO
import Digests
import Platform

/// A digest of an extracted rootfs folder, so `repack` can tell whether the user edited
/// it: every entry below the folder in byte order of its path, with its type, permission
/// bits, size and content SHA-256 (files) or target (symlinks), hashed with SHA-256.
public enum TreeListing {
    /// One line per entry below `root`: path -> "type mode size-or-target digest".
    public static func lines(_ root: String) throws -> [String: String] {
        var out: [String: String] = [:]
        try walk(root, "", &out)
        return out
    }

    /// SHA-256 (hex) over the lines in path byte order.
    public static func digest(of lines: [String: String]) -> String {
        let h = Digest.Hasher(.sha256)
        for k in lines.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            h.update(Array((k + "\u{0}" + (lines[k] ?? "") + "\n").utf8))
        }
        return Hex.encode(h.finish())
    }

    /// The listing file: "<line>\t<path>" per entry (paths never contain tab or newline
    /// in OpenWrt images; entries that do are refused).
    static func encode(_ lines: [String: String]) throws -> [UInt8] {
        var s = ""
        for k in lines.keys.sorted() {
            if k.contains("\t") || k.contains("\n") {
                throw FormatError(.unsupported, context: "write rootfs.listing", "path \(k.debugDescription) contains a tab or newline")
            }
            s += (lines[k] ?? "") + "\t" + k + "\n"
        }
        return Array(s.utf8)
    }

    static func decode(_ b: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: b, as: UTF8.self).split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else {
                throw FormatError(.invalid, context: "read rootfs.listing", "line without a tab")
            }
            out[String(line[line.index(after: tab)...])] = String(line[..<tab])
        }
        return out
    }

    static func walk(_ root: String, _ rel: String, _ out: inout [String: String]) throws {
        let dir = rel.isEmpty ? root : root + "/" + rel
        for name in try FS.list(dir) {
            let r = rel.isEmpty ? name : rel + "/" + name
            let p = root + "/" + r
            var st = stat()
            guard lstat(p, &st) == 0 else { throw FormatError.errno("stat", file: p) }
            let type = st.st_mode & S_IFMT
            var line = "\(type) \(String(st.st_mode & 0o7777, radix: 8)) "
            if type == S_IFREG {
                line += "\(st.st_size) " + Hex.encode(try Digest.hashFile(.sha256, path: p))
            } else if type == S_IFLNK {
                var buf = [CChar](repeating: 0, count: 4097)
                let n = readlink(p, &buf, 4096)
                line += n >= 0 ? Hex.encode(buf[0 ..< n].map { UInt8(bitPattern: $0) }) : ""
            } else if type == S_IFCHR || type == S_IFBLK {
                line += "\(st.st_rdev)"
            }
            out[r] = line
            if type == S_IFDIR { try walk(root, r, &out) }
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
