import CCrypto
import Platform

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
