import BinaryIO
import CCrypto
import Platform

/// Who re-signs a signed FIT, with which keys and at what time: what `mkimage -F -k
/// KEYDIR` does to a FIT's signature nodes (u-boot tools/image-host.c
/// fit_image_process_sig / fit_config_process_sig, lib/rsa/rsa-sign.c rsa_sign).
///
/// The private key of a signature node is `KEYDIR/<key-name-hint>.key` for RSA and
/// `KEYDIR/<key-name-hint>.pem` for ECDSA (PEM, as mkimage reads them: lib/rsa/rsa-sign.c,
/// lib/ecdsa/ecdsa-libcrypto.c), or one PEM file used for every node. Each node gets what
/// fit_image_write_sig writes, in its order: `value`, `signer-name`, `signer-version`,
/// `timestamp` (seconds, big-endian) and, for a configuration, `hashed-nodes` and
/// `hashed-strings`. The timestamp is the caller's (mkimage takes SOURCE_DATE_EPOCH, else
/// the current time; a library never reads the clock). `signer-name`/`signer-version`
/// default to "imagetool" and its version: the honest signer; a FIT re-signed by mkimage
/// carries "mkimage" and U-Boot's version, which no verifier reads.
///
/// RSA (2048/3072/4096 bits, PKCS#1 v1.5 or PSS with the maximal salt length that mkimage
/// produces through OpenSSL) and ECDSA (P-256/P-384; the value is r then s, each
/// big-endian and padded to the key size, as ecdsa_sig_encode_raw writes it) are signed
/// through libcrypto's EVP interface.
public struct FITSigner: Sendable {
    /// Where the private keys are.
    public enum KeySource: Sendable, Equatable {
        /// `<dir>/<key-name-hint>.key` per signature node (mkimage -k).
        case directory(String)
        /// One PEM private key for every signature node (mkimage -G).
        case file(String)
    }

    /// The keys.
    public var keys: KeySource
    /// `signer-name`.
    public var name: String
    /// `signer-version`.
    public var version: String
    /// `timestamp`, seconds since the epoch.
    public var timestamp: UInt32

    /// A signer; `keys` is a directory (`-k`) or a PEM file (`-G`).
    public init(keys: KeySource, name: String = "imagetool", version: String, timestamp: UInt32) {
        self.keys = keys; self.name = name; self.version = version; self.timestamp = timestamp
    }

    /// A signer for `path`: a directory of `<key-name-hint>.key` files, else one PEM file.
    public init(keyPath path: String, name: String = "imagetool", version: String, timestamp: UInt32) {
        self.init(keys: FS.isDirectory(path) ? .directory(path) : .file(path), name: name, version: version, timestamp: timestamp)
    }

    /// The key file of a node with `hint` (`key-name-hint`); `ext` ".key" (RSA) or ".pem" (ECDSA).
    func keyFile(hint: String?, node: String, ext: String) throws -> String {
        switch keys {
        case .file(let f): return f
        case .directory(let d):
            guard let hint, !hint.isEmpty, !hint.contains("/") else {
                throw FormatError(.invalid, context: "re-sign FIT", "\(node) has no usable key-name-hint to find its key in \(d)")
            }
            return d + "/" + hint + ext
        }
    }

    /// Signs the concatenation of `parts` for the node at `node` (its path, for messages).
    func sign(_ alg: FITSignatureAlgorithm, hint: String?, node: String, parts: [UnsafeRawBufferPointer]) throws -> [UInt8] {
        let ctx = "re-sign FIT"
        let (type, bits, ext): (String, Int, String)
        switch alg.crypto {
        case .rsa(let b): (type, bits, ext) = ("RSA", b, ".key")
        case .ecdsa(let b): (type, bits, ext) = ("EC", b, ".pem")
        }
        let path = try keyFile(hint: hint, node: node, ext: ext)
        guard FS.isRegularFile(path) else {
            throw FormatError(.usage, context: ctx, "\(node) (key-name-hint \((hint ?? "").debugDescription)): no private key at \(path)")
        }
        let pem = try FS.read(path, limit: 1 << 20)
        let loaded: OpaquePointer? = pem.withUnsafeBytes { buf in
            guard let bio = BIO_new_mem_buf(buf.baseAddress, Int32(clamping: buf.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let pkey = loaded else {
            ERR_clear_error()
            throw FormatError(.invalid, context: ctx, "\(node): \(path) is not a PEM private key")
        }
        defer { EVP_PKEY_free(pkey) }
        guard EVP_PKEY_is_a(pkey, type) == 1 else {
            throw FormatError(.invalid, context: ctx, "\(node) wants \(alg.name) but \(path) is not an \(type) key")
        }
        let have = Int(EVP_PKEY_get_bits(pkey))
        guard have == bits else {
            throw FormatError(.invalid, context: ctx, "\(node) wants \(alg.name) but \(path) is a \(have)-bit \(type) key")
        }
        let md: OpaquePointer?
        switch alg.checksum {
        case .sha1: md = EVP_sha1()
        case .sha256: md = EVP_sha256()
        case .sha384: md = EVP_sha384()
        case .sha512: md = EVP_sha512()
        }
        guard let mdctx = EVP_MD_CTX_new() else { throw FormatError(.io, context: ctx, "out of memory") }
        defer { EVP_MD_CTX_free(mdctx) }
        var pctx: OpaquePointer? = nil
        guard EVP_DigestSignInit(mdctx, &pctx, md, nil, pkey) == 1 else {
            ERR_clear_error()
            throw FormatError(.io, context: ctx, "\(node): OpenSSL could not start a \(alg.name) signature")
        }
        if alg.pss {
            guard EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_MAX) > 0 else {
                ERR_clear_error()
                throw FormatError(.io, context: ctx, "\(node): OpenSSL refused PSS padding")
            }
        }
        for p in parts where p.count > 0 {
            guard EVP_DigestSignUpdate(mdctx, p.baseAddress, p.count) == 1 else {
                ERR_clear_error()
                throw FormatError(.io, context: ctx, "\(node): OpenSSL signing failed")
            }
        }
        var len = 0
        guard EVP_DigestSignFinal(mdctx, nil, &len) == 1, len > 0, len <= 1024 else {
            ERR_clear_error()
            throw FormatError(.io, context: ctx, "\(node): OpenSSL signing failed")
        }
        var sig = [UInt8](repeating: 0, count: len)
        let ok = sig.withUnsafeMutableBufferPointer { EVP_DigestSignFinal(mdctx, $0.baseAddress, &len) }
        guard ok == 1, len <= sig.count else {
            ERR_clear_error()
            throw FormatError(.io, context: ctx, "\(node): OpenSSL signing failed")
        }
        guard type == "EC" else { return Array(sig[0 ..< len]) }
        return try FITSigner.rawECDSA(Array(sig[0 ..< len]), pointBytes: (bits + 7) / 8, node: node)
    }

    /// A DER ECDSA-Sig-Value as U-Boot stores it: r then s, each `pointBytes` big-endian.
    static func rawECDSA(_ der: [UInt8], pointBytes: Int, node: String) throws -> [UInt8] {
        let decoded: OpaquePointer? = der.withUnsafeBufferPointer { b in
            var p: UnsafePointer<UInt8>? = b.baseAddress
            return d2i_ECDSA_SIG(nil, &p, b.count)
        }
        guard let sig = decoded else {
            ERR_clear_error()
            throw FormatError(.io, context: "re-sign FIT", "\(node): OpenSSL gave an undecodable ECDSA signature")
        }
        defer { ECDSA_SIG_free(sig) }
        var r: OpaquePointer? = nil, s: OpaquePointer? = nil
        ECDSA_SIG_get0(sig, &r, &s)
        var out = [UInt8](repeating: 0, count: 2 * pointBytes)
        let ok = out.withUnsafeMutableBufferPointer { o -> Bool in
            guard let base = o.baseAddress else { return false }
            return BN_bn2binpad(r, base, Int32(pointBytes)) == Int32(pointBytes)
                && BN_bn2binpad(s, base + pointBytes, Int32(pointBytes)) == Int32(pointBytes)
        }
        guard ok else { throw FormatError(.io, context: "re-sign FIT", "\(node): ECDSA signature larger than the key") }
        return out
    }
}
