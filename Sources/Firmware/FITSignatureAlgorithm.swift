import BinaryIO

/// A FIT signature node's `algo` ("sha256,rsa2048") and `padding` ("pss"; PKCS#1 v1.5
/// when absent), as U-Boot names them (u-boot boot/image-sig.c checksum_algos /
/// crypto_algos / padding_algos; doc/usage/fit/signature.rst).
public struct FITSignatureAlgorithm: Sendable, Equatable {
    /// The checksum half.
    public enum Checksum: String, Sendable {
        case sha1, sha256, sha384, sha512
    }

    /// The crypto half.
    public enum Crypto: Sendable, Equatable {
        /// RSA with a modulus of `bits` (2048, 3072, 4096).
        case rsa(bits: Int)
        /// ECDSA on a curve of `bits` (256: prime256v1, 384: secp384r1).
        case ecdsa(bits: Int)
    }

    /// `algo` as written.
    public var name: String
    /// The digest.
    public var checksum: Checksum
    /// The key type and size.
    public var crypto: Crypto
    /// RSA-PSS (`padding = "pss"`) rather than PKCS#1 v1.5.
    public var pss: Bool

    /// Parses `algo` and `padding`; `node` names the signature node in messages.
    public init(algo: String, padding: String?, node: String) throws {
        let ctx = "read FIT signature"
        let parts = algo.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let c = Checksum(rawValue: String(parts[0])) else {
            throw FormatError(.unsupported, context: ctx, "\(node): signature algo \(algo.debugDescription) is not one U-Boot knows (sha1|sha256|sha384|sha512,rsaN|ecdsaN)")
        }
        let kind = parts[1]
        switch kind {
        case "rsa2048": crypto = .rsa(bits: 2048)
        case "rsa3072": crypto = .rsa(bits: 3072)
        case "rsa4096": crypto = .rsa(bits: 4096)
        case "ecdsa256": crypto = .ecdsa(bits: 256)
        case "ecdsa384": crypto = .ecdsa(bits: 384)
        default:
            throw FormatError(.unsupported, context: ctx, "\(node): signature algo \(algo.debugDescription) is not one U-Boot knows (rsa2048, rsa3072, rsa4096, ecdsa256, ecdsa384)")
        }
        switch padding {
        case nil, "pkcs-1.5": pss = false
        case "pss": pss = true
        case let p?:
            throw FormatError(.unsupported, context: ctx, "\(node): padding \(p.debugDescription) is not pkcs-1.5 or pss")
        }
        name = algo
        checksum = c
    }
}
