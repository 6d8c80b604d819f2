import BinaryIO
import Digests

/// A v0 signature block: u8 sign_ver (0), u8 hash_alg (4 = SHA-512), 16-byte key id, then the
/// signature. The signed message is `le32 schema || sign_ver || hash_alg || key id ||
/// SHA-512(ADB block payload)`, itself hashed with SHA-512 by the signature scheme
/// [alpinelinux/apk-tools: src/adb.c adb_digest_v0_signature, adb_trust_write_signatures,
/// adb_trust_verify_signature; src/adb.h struct adb_sign_v0].
public struct ADBSignature: Sendable, Equatable {
    /// apk's digest number for SHA-512 [apk-tools: src/apk_crypto.h APK_DIGEST_SHA512].
    public static let hashSHA512: UInt8 = 4
    /// Longest signature apk writes or reads [apk-tools: src/adb.h ADB_MAX_SIGNATURE_LEN].
    public static let maxLength = 2048

    /// Signature format version (0).
    public var version: UInt8
    /// apk digest number of the ADB digest (4 = SHA-512).
    public var hashAlgorithm: UInt8
    /// The signing key's 16-byte id.
    public var keyID: [UInt8]
    /// The signature proper (DER ECDSA or RSA PKCS#1).
    public var signature: [UInt8]

    /// Parses a SIG block payload.
    public init(payload: [UInt8], offset: Int = 0) throws {
        var r = ByteReader(payload, fileOffset: UInt64(offset), context: "read ADB signature")
        version = try r.u8("signature version")
        hashAlgorithm = try r.u8("signature hash algorithm")
        keyID = try r.bytes(16, "signature key id")
        signature = r.rest()
        guard version == 0 else { throw r.error(.unsupported, "signature version \(version) (only 0 known)", at: 0) }
        guard signature.count <= Self.maxLength else { throw r.error(.tooLarge, "signature of \(signature.count) bytes", at: 18) }
    }

    /// A v0 SHA-512 signature record.
    public init(keyID: [UInt8], signature: [UInt8]) {
        version = 0
        hashAlgorithm = Self.hashSHA512
        self.keyID = keyID
        self.signature = signature
    }

    /// The SIG block payload.
    public var payload: [UInt8] { [version, hashAlgorithm] + keyID + signature }

    /// The message that is signed for `schema` and an ADB payload.
    static func message(schema: UInt32, version: UInt8, hashAlgorithm: UInt8, keyID: [UInt8], adbDigest: [UInt8]) -> [UInt8] {
        var w = ByteWriter(capacity: 4 + 18 + adbDigest.count)
        w.u32le(schema)
        w.u8(version)
        w.u8(hashAlgorithm)
        w.append(keyID)
        w.append(adbDigest)
        return w.finish()
    }

    /// Signs the ADB block of `schema` with `key`.
    public static func make(schema: UInt32, adbPayload: [UInt8], key: ApkKey) throws -> ADBSignature {
        let msg = message(schema: schema, version: 0, hashAlgorithm: hashSHA512, keyID: key.id,
                          adbDigest: Digest.sha512(adbPayload))
        return ADBSignature(keyID: key.id, signature: try key.sign(msg))
    }

    /// Whether this signature verifies the ADB payload under `key` (key ids must match).
    public func verifies(schema: UInt32, adbPayload: [UInt8], key: ApkKey) -> Bool {
        guard keyID == key.id, hashAlgorithm == Self.hashSHA512 else { return false }
        let msg = Self.message(schema: schema, version: version, hashAlgorithm: hashAlgorithm, keyID: keyID,
                               adbDigest: Digest.sha512(adbPayload))
        return key.verify(signature, of: msg)
    }
}

/// The outcome of checking an ADB file's signatures against trusted keys.
public struct ADBTrust: Sendable, Codable, Equatable {
    /// Key ids (hex) of every signature block present.
    public var signatureKeyIDs: [String]
    /// The trusted key file that verified, or nil.
    public var verifiedBy: String?
    /// Key id (hex) that verified, or nil.
    public var verifiedKeyID: String?

    /// Whether some trusted key verified a signature.
    public var isTrusted: Bool { verifiedBy != nil }
}

extension ADBFile {
    /// Checks every signature block against `keys` (apk accepts the file when any verifies).
    public func checkSignatures(keys: [ApkKey]) throws -> ADBTrust {
        guard let adb = adbBlock else { throw FormatError(.invalid, context: "verify ADB", "no ADB block") }
        var trust = ADBTrust(signatureKeyIDs: [], verifiedBy: nil, verifiedKeyID: nil)
        for block in signatures {
            let sig = try ADBSignature(payload: block.payload, offset: block.payloadOffset ?? 0)
            trust.signatureKeyIDs.append(Hex.encode(sig.keyID))
            if trust.isTrusted { continue }
            for key in keys where sig.verifies(schema: schema, adbPayload: adb.payload, key: key) {
                trust.verifiedBy = key.name
                trust.verifiedKeyID = key.idHex
                break
            }
        }
        return trust
    }

    /// Replaces all signature blocks with one fresh signature by `key` (nil: leave unsigned).
    public mutating func resign(with key: ApkKey?) throws {
        guard let adbIndex = blocks.firstIndex(where: { $0.type == .adb }) else {
            throw FormatError(.invalid, context: "sign ADB", "no ADB block")
        }
        blocks.removeAll { $0.type == .sig }
        if let key {
            let sig = try ADBSignature.make(schema: schema, adbPayload: blocks[adbIndex].payload, key: key)
            blocks.insert(ADBBlock(type: .sig, payload: sig.payload), at: adbIndex + 1)
        }
    }
}
