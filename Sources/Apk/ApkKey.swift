import BinaryIO
import CCrypto
import Digests
import Platform

/// An apk signing or trusted key (OpenWrt uses ECDSA P-256; RSA keys load too) held as an
/// OpenSSL `EVP_PKEY`. Its id is the first 16 bytes of SHA-512 over `i2d_PublicKey` — for an
/// EC key the uncompressed public point, not the SubjectPublicKeyInfo
/// [alpinelinux/apk-tools: src/crypto_openssl.c apk_pkey_init; checked against the
/// stangri feed, whose key id bf8e0c84… matches this rule].
public final class ApkKey: @unchecked Sendable {
    let pkey: OpaquePointer
    /// The 16-byte key id written into signature blocks.
    public let id: [UInt8]
    /// Whether the private half is present.
    public let isPrivate: Bool
    /// Where the key came from (file name), for messages.
    public let name: String

    init(pkey: OpaquePointer, isPrivate: Bool, name: String) throws {
        self.pkey = pkey
        self.isPrivate = isPrivate
        self.name = name
        let n = i2d_PublicKey(pkey, nil)
        guard n > 0 else {
            EVP_PKEY_free(pkey)
            throw FormatError(.invalid, context: "read key", "cannot encode public key", file: name)
        }
        var der = [UInt8](repeating: 0, count: Int(n))
        let written: Int32 = der.withUnsafeMutableBufferPointer { buf in
            var p: UnsafeMutablePointer<UInt8>? = buf.baseAddress
            return i2d_PublicKey(pkey, &p)
        }
        guard written == n else {
            EVP_PKEY_free(pkey)
            throw FormatError(.invalid, context: "read key", "cannot encode public key", file: name)
        }
        id = Array(Digest.sha512(der).prefix(16))
    }

    deinit { EVP_PKEY_free(pkey) }

    /// The key id as lowercase hex.
    public var idHex: String { Hex.encode(id) }

    /// Loads a PEM key: a private key (`BEGIN PRIVATE KEY` / `BEGIN EC PRIVATE KEY`) when
    /// `private` is true, else a public key (`BEGIN PUBLIC KEY`).
    public convenience init(pem: [UInt8], private wantPrivate: Bool, name: String = "key") throws {
        let pkey: OpaquePointer? = pem.withUnsafeBytes { buf in
            guard let bio = BIO_new_mem_buf(buf.baseAddress, Int32(clamping: buf.count)) else { return nil }
            defer { BIO_free(bio) }
            return wantPrivate ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let pkey else {
            ERR_clear_error()
            throw FormatError(.invalid, context: "read key",
                              "not a PEM \(wantPrivate ? "private" : "public") key", file: name)
        }
        try self.init(pkey: pkey, isPrivate: wantPrivate, name: name)
    }

    /// Loads a PEM key file.
    public convenience init(path: String, private wantPrivate: Bool) throws {
        try self.init(pem: try FS.read(path, limit: 1 << 20), private: wantPrivate, name: path)
    }

    /// Generates a new ECDSA P-256 key pair [apk-tools: doc/apk-keys.5.scd; OpenWrt
    /// scripts use `openssl ecparam -name prime256v1 -genkey`].
    public static func generateECDSA(name: String = "generated") throws -> ApkKey {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw FormatError(.io, context: "generate key", "OpenSSL EC unavailable")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_group_name(ctx, "P-256") == 1,
              EVP_PKEY_generate(ctx, &pkey) == 1, let pkey else {
            ERR_clear_error()
            throw FormatError(.io, context: "generate key", "OpenSSL could not generate a P-256 key")
        }
        return try ApkKey(pkey: pkey, isPrivate: true, name: name)
    }

    /// The public key as PEM (`BEGIN PUBLIC KEY`, SubjectPublicKeyInfo), as /etc/apk/keys holds it.
    public func publicPEM() throws -> [UInt8] {
        try Self.pem { PEM_write_bio_PUBKEY($0, pkey) }
    }

    /// The private key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`).
    public func privatePEM() throws -> [UInt8] {
        guard isPrivate else { throw FormatError(.usage, context: "write key", "\(name) holds no private key") }
        return try Self.pem { PEM_write_bio_PrivateKey($0, pkey, nil, nil, 0, nil, nil) }
    }

    static func pem(_ write: (OpaquePointer) -> Int32) throws -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw FormatError(.io, context: "write key", "out of memory") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { ERR_clear_error(); throw FormatError(.io, context: "write key", "OpenSSL PEM encoding failed") }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            if n <= 0 { break }
            out += chunk[0 ..< Int(n)]
        }
        return out
    }

    /// Signs `message` with SHA-512 (DER ECDSA signature, or PKCS#1 v1.5 for RSA)
    /// [apk-tools: src/crypto_openssl.c apk_sign_start/apk_sign].
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard isPrivate else { throw FormatError(.usage, context: "sign", "\(name) holds no private key") }
        guard let ctx = EVP_MD_CTX_new() else { throw FormatError(.io, context: "sign", "out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        var len = 0
        let ok: Bool = message.withUnsafeBytes { m in
            guard EVP_DigestSignInit(ctx, nil, EVP_sha512(), nil, pkey) == 1 else { return false }
            return EVP_DigestSign(ctx, nil, &len, m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count) == 1
        }
        guard ok, len > 0 else { ERR_clear_error(); throw FormatError(.io, context: "sign", "OpenSSL signing failed") }
        var sig = [UInt8](repeating: 0, count: len)
        let done: Bool = message.withUnsafeBytes { m in
            sig.withUnsafeMutableBufferPointer { s in
                EVP_DigestSign(ctx, s.baseAddress, &len, m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count) == 1
            }
        }
        guard done else { ERR_clear_error(); throw FormatError(.io, context: "sign", "OpenSSL signing failed") }
        return Array(sig[0 ..< len])
    }

    /// Whether `signature` is a valid SHA-512 signature of `message` by this key.
    public func verify(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        let ok: Bool = message.withUnsafeBytes { m in
            signature.withUnsafeBytes { s in
                guard EVP_DigestVerifyInit(ctx, nil, EVP_sha512(), nil, pkey) == 1 else { return false }
                return EVP_DigestVerify(ctx, s.baseAddress?.assumingMemoryBound(to: UInt8.self), s.count,
                                        m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count) == 1
            }
        }
        ERR_clear_error()
        return ok
    }

    /// Loads every public key file in a directory (like /etc/apk/keys); files that are not
    /// PEM public keys are skipped and listed in `skipped`.
    public static func loadTrusted(directory: String) throws -> (keys: [ApkKey], skipped: [String]) {
        var keys: [ApkKey] = [], skipped: [String] = []
        for name in try FS.list(directory) {
            let path = directory + "/" + name
            guard FS.isRegularFile(path) else { continue }
            if let k = try? ApkKey(path: path, private: false) { keys.append(k) } else { skipped.append(name) }
        }
        return (keys, skipped)
    }
}
