import BinaryIO
import CCrypto

/// Ed25519 (RFC 8032, pure, no pre-hash) through OpenSSL 3's EVP interface — the
/// algorithm usign and signify use (openwrt/usign main.c, edsign.c).
public enum Ed25519 {
    /// A generated key pair: 32-byte seed (RFC 8032 private key) and 32-byte public key.
    public struct KeyPair: Sendable {
        /// 32-byte Ed25519 seed (the RFC 8032 private key).
        public var seed: [UInt8]
        /// 32-byte Ed25519 public key.
        public var publicKey: [UInt8]
    }

    static func opensslError(_ what: String) -> FormatError {
        let code = ERR_get_error()
        var buf = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buf, buf.count)
        let msg = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return FormatError(.io, context: "ed25519", "\(what): \(msg)")
    }

    /// A fresh key pair from OpenSSL's random generator.
    public static func generate() throws -> KeyPair {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "ED25519", nil) else { throw opensslError("create key context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1 else { throw opensslError("keygen init") }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &pkey) == 1, let pkey else { throw opensslError("keygen") }
        defer { EVP_PKEY_free(pkey) }
        var seed = [UInt8](repeating: 0, count: 32), pub = [UInt8](repeating: 0, count: 32)
        var n = 32
        guard EVP_PKEY_get_raw_private_key(pkey, &seed, &n) == 1, n == 32 else { throw opensslError("export private key") }
        n = 32
        guard EVP_PKEY_get_raw_public_key(pkey, &pub, &n) == 1, n == 32 else { throw opensslError("export public key") }
        return KeyPair(seed: seed, publicKey: pub)
    }

    /// The public key belonging to a 32-byte seed.
    public static func publicKey(seed: [UInt8]) throws -> [UInt8] {
        guard seed.count == 32 else { throw FormatError(.invalid, context: "ed25519", "seed must be 32 bytes, got \(seed.count)") }
        guard let pkey = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, seed, 32) else { throw opensslError("load private key") }
        defer { EVP_PKEY_free(pkey) }
        var pub = [UInt8](repeating: 0, count: 32)
        var n = 32
        guard EVP_PKEY_get_raw_public_key(pkey, &pub, &n) == 1, n == 32 else { throw opensslError("derive public key") }
        return pub
    }

    /// The 64-byte signature of `message` by `seed`.
    public static func sign(_ message: UnsafeRawBufferPointer, seed: [UInt8]) throws -> [UInt8] {
        guard seed.count == 32 else { throw FormatError(.invalid, context: "ed25519", "seed must be 32 bytes, got \(seed.count)") }
        guard let pkey = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, seed, 32) else { throw opensslError("load private key") }
        defer { EVP_PKEY_free(pkey) }
        guard let md = EVP_MD_CTX_new() else { throw opensslError("digest context") }
        defer { EVP_MD_CTX_free(md) }
        guard EVP_DigestSignInit_ex(md, nil, nil, nil, nil, pkey, nil) == 1 else { throw opensslError("sign init") }
        var sig = [UInt8](repeating: 0, count: 64)
        var n = 64
        let base = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let empty: [UInt8] = [0]
        let rc = empty.withUnsafeBufferPointer { e in
            EVP_DigestSign(md, &sig, &n, base ?? e.baseAddress, message.count)
        }
        guard rc == 1, n == 64 else { throw opensslError("sign") }
        return sig
    }

    /// Whether `signature` is valid for `message` under `publicKey`.
    public static func verify(_ message: UnsafeRawBufferPointer, signature: [UInt8], publicKey: [UInt8]) throws -> Bool {
        guard publicKey.count == 32, signature.count == 64 else { return false }
        guard let pkey = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, publicKey, 32) else { throw opensslError("load public key") }
        defer { EVP_PKEY_free(pkey) }
        guard let md = EVP_MD_CTX_new() else { throw opensslError("digest context") }
        defer { EVP_MD_CTX_free(md) }
        guard EVP_DigestVerifyInit_ex(md, nil, nil, nil, nil, pkey, nil) == 1 else { throw opensslError("verify init") }
        let base = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let empty: [UInt8] = [0]
        let rc = empty.withUnsafeBufferPointer { e in
            EVP_DigestVerify(md, signature, 64, base ?? e.baseAddress, message.count)
        }
        ERR_clear_error()
        return rc == 1
    }
}
