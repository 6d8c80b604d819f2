import CCrypto

/// Message digests through OpenSSL 3's EVP interface (never hand-written).
public struct Digest: Sendable {
    /// The algorithms imagetool needs: MD5 (vermagic, TP-Link headers, MD5Sum),
    /// SHA-1 (apk v2 compatibility), SHA-256 (feeds), SHA-512 (apk key ids, usign).
    public enum Algorithm: String, Sendable {
        case md5 = "MD5", sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"
    }

    /// An incremental hasher; `update` as data arrives, then `finish()` once.
    public final class Hasher: @unchecked Sendable {
        let ctx: OpaquePointer

        public init(_ algorithm: Algorithm) {
            ctx = EVP_MD_CTX_new()
            let md = EVP_MD_fetch(nil, algorithm.rawValue, nil)
            precondition(md != nil && EVP_DigestInit_ex(ctx, md, nil) == 1, "OpenSSL digest \(algorithm) unavailable")
            EVP_MD_free(md)
        }

        deinit { EVP_MD_CTX_free(ctx) }

        public func update(_ buffer: UnsafeRawBufferPointer) {
            if buffer.count > 0 { EVP_DigestUpdate(ctx, buffer.baseAddress, buffer.count) }
        }

        public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }
        public func update(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { update($0) } }

        public func finish() -> [UInt8] {
            var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var n: UInt32 = 0
            EVP_DigestFinal_ex(ctx, &out, &n)
            return Array(out[0 ..< Int(n)])
        }
    }

    /// The digest of `bytes`.
    public static func hash(_ algorithm: Algorithm, _ bytes: [UInt8]) -> [UInt8] {
        let h = Hasher(algorithm); h.update(bytes); return h.finish()
    }

    public static func hash(_ algorithm: Algorithm, _ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        let h = Hasher(algorithm); h.update(buffer); return h.finish()
    }

    public static func md5(_ bytes: [UInt8]) -> [UInt8] { hash(.md5, bytes) }
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { hash(.sha256, bytes) }
    public static func sha512(_ bytes: [UInt8]) -> [UInt8] { hash(.sha512, bytes) }

    /// The digest of a whole file, read in 1 MiB pieces (bounded memory).
    public static func hashFile(_ algorithm: Algorithm, path: String) throws -> [UInt8] {
        let f = try RandomAccessFile(path: path)
        let h = Hasher(algorithm)
        var off: UInt64 = 0
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while off < f.size {
            let n = Int(min(UInt64(buf.count), f.size - off))
            try buf.withUnsafeMutableBytes { b in
                try f.readFully(into: UnsafeMutableRawBufferPointer(rebasing: b[0 ..< n]), at: off)
                h.update(UnsafeRawBufferPointer(rebasing: b[0 ..< n]))
            }
            off += UInt64(n)
        }
        return h.finish()
    }
}

/// Hex and base64 text forms of bytes.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex.
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hex (either case); nil on odd length or a non-hex character.
    public static func decode(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 48 ... 57: return c - 48
            case 97 ... 102: return c - 87
            case 65 ... 70: return c - 55
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = v(u[i]), let l = v(u[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }
}

/// RFC 4648 base64 (standard alphabet, with padding), strict when decoding.
public enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for s in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(s)) & 63)]) }
            i += 3
        }
        let rem = bytes.count - i
        if rem > 0 {
            var n = UInt32(bytes[i]) << 16
            if rem == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            out.append(rem == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes strict base64 (whitespace not allowed); nil when malformed.
    public static func decode(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 4 == 0 else { return nil }
        var table = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int16(i) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 4 * 3)
        var i = 0
        while i < u.count {
            var n: UInt32 = 0
            var pad = 0
            for j in 0 ..< 4 {
                let c = u[i + j]
                if c == UInt8(ascii: "=") {
                    guard i + 4 == u.count, j >= 2 else { return nil }
                    pad += 1
                    n <<= 6
                } else {
                    guard pad == 0 else { return nil }
                    let v = table[Int(c)]
                    guard v >= 0 else { return nil }
                    n = n << 6 | UInt32(v)
                }
            }
            out.append(UInt8(n >> 16 & 0xff))
            if pad < 2 { out.append(UInt8(n >> 8 & 0xff)) }
            if pad < 1 { out.append(UInt8(n & 0xff)) }
            i += 4
        }
        return out
    }
}
