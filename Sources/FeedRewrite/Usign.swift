import BinaryIO
import Digests
import Platform

/// usign / signify key and signature files (openwrt/usign main.c; OpenBSD signify, whose
/// Debian build `signify-openbsd` reads and writes the same files):
/// `untrusted comment: <text>\n<base64>\n`, where the base64 decodes to
/// - public key: "Ed" + fingerprint[8] + Ed25519 public key[32]
/// - secret key: "Ed" "BK" + kdfrounds (be32) + salt[16] + checksum[8] + fingerprint[8] +
///   seed[32] + public key[32]; checksum = first 8 bytes of SHA-512 of the 64 key bytes
/// - signature:  "Ed" + fingerprint[8] + Ed25519 signature[64] over the whole message.
public enum Usign {
    /// The comment line prefix every file starts with.
    public static let commentPrefix = "untrusted comment: "

    /// Splits a usign file into its comment and decoded payload of exactly `size` bytes.
    static func decodeFile(_ bytes: [UInt8], size: Int, what: String, file: String?) throws -> (comment: String, payload: [UInt8]) {
        let ctx = "read usign \(what)"
        guard bytes.count <= 4096 else { throw FormatError(.tooLarge, context: ctx, "\(bytes.count) bytes is too large for a \(what)", file: file) }
        guard let nl = bytes.firstIndex(of: 0x0a) else {
            throw FormatError(.truncated, offset: UInt64(bytes.count), context: ctx, "no newline after the comment line", file: file)
        }
        let first = String(decoding: bytes[0 ..< nl], as: UTF8.self)
        guard first.hasPrefix(commentPrefix) else {
            throw FormatError(.invalid, offset: 0, context: ctx, "first line does not start with \"untrusted comment: \"", file: file)
        }
        var rest = bytes[(nl + 1)...]
        while let l = rest.last, l == 0x0a || l == 0x0d || l == 0x20 { rest = rest.dropLast() }
        if let inner = rest.firstIndex(of: 0x0a) {
            throw FormatError(.invalid, offset: UInt64(inner), context: ctx, "more than one base64 line", file: file)
        }
        guard let payload = Base64.decode(String(decoding: rest, as: UTF8.self)) else {
            throw FormatError(.invalid, offset: UInt64(nl + 1), context: ctx, "bad base64", file: file)
        }
        guard payload.count == size else {
            throw FormatError(.invalid, offset: UInt64(nl + 1), context: ctx, "decodes to \(payload.count) bytes, a \(what) has \(size)", file: file)
        }
        guard payload[0] == UInt8(ascii: "E"), payload[1] == UInt8(ascii: "d") else {
            throw FormatError(.unsupported, offset: UInt64(nl + 1), context: ctx, "algorithm is not \"Ed\"", file: file)
        }
        return (String(first.dropFirst(commentPrefix.count)), payload)
    }

    static func encodeFile(comment: String, payload: [UInt8]) -> [UInt8] {
        Array((commentPrefix + comment.replacingOccurrencesOfNewlines() + "\n" + Base64.encode(payload) + "\n").utf8)
    }

    /// A fingerprint as usign prints it (`%PRIx64`: lowercase hex, no leading zeros) —
    /// the file name under /etc/opkg/keys.
    public static func fingerprintName(_ fp: [UInt8]) -> String {
        var v: UInt64 = 0
        for b in fp.prefix(8) { v = v << 8 | UInt64(b) }
        return String(v, radix: 16)
    }

    /// A public key file.
    public struct PublicKey: Sendable, Equatable {
        /// 8-byte key fingerprint.
        public var fingerprint: [UInt8]
        /// 32-byte Ed25519 public key.
        public var key: [UInt8]
        /// Text of the `untrusted comment:` line.
        public var comment: String

        /// Creates a key/signature from its parts.
        public init(fingerprint: [UInt8], key: [UInt8], comment: String) {
            self.fingerprint = fingerprint; self.key = key; self.comment = comment
        }

        /// Parses public key file bytes.
        public init(parsing bytes: [UInt8], file: String? = nil) throws {
            let (c, p) = try decodeFile(bytes, size: 42, what: "public key", file: file)
            comment = c; fingerprint = Array(p[2 ..< 10]); key = Array(p[10 ..< 42])
        }

        /// Loads a public key file.
        public static func open(_ path: String) throws -> PublicKey {
            try withFile(path) { try PublicKey(parsing: try FS.read(path, limit: 4096), file: path) }
        }

        /// 16 lowercase hex digits.
        public var fingerprintHex: String { Hex.encode(fingerprint) }
        /// usign's `-F` form (no leading zeros).
        public var fingerprintName: String { Usign.fingerprintName(fingerprint) }

        /// The file bytes.
        public func render() -> [UInt8] { encodeFile(comment: comment, payload: Array("Ed".utf8) + fingerprint + key) }

        /// Whether `signature` over `message` verifies with this key (fingerprints must match).
        public func verify(_ message: [UInt8], _ signature: Signature) throws -> Bool {
            guard signature.fingerprint == fingerprint else { return false }
            return try message.withUnsafeBytes { try Ed25519.verify($0, signature: signature.signature, publicKey: key) }
        }
    }

    /// A secret key file (unencrypted: kdfrounds 0, as `usign -G` and `signify -G -n` write).
    public struct SecretKey: Sendable {
        /// 8-byte key fingerprint.
        public var fingerprint: [UInt8]
        /// 32-byte Ed25519 seed (the RFC 8032 private key).
        public var seed: [UInt8]
        /// 32-byte Ed25519 public key.
        public var publicKey: [UInt8]
        /// 16-byte salt (unused with kdfrounds 0).
        public var salt: [UInt8]
        /// bcrypt-pbkdf rounds; 0 = unencrypted.
        public var kdfRounds: UInt32
        /// Text of the `untrusted comment:` line.
        public var comment: String

        /// Parses secret key file bytes, checking the algorithm, the kdf rounds (must be 0),
        /// the checksum and that the stored public half matches the seed.
        public init(parsing bytes: [UInt8], file: String? = nil) throws {
            let (c, p) = try decodeFile(bytes, size: 104, what: "secret key", file: file)
            let ctx = "read usign secret key"
            guard p[2] == UInt8(ascii: "B"), p[3] == UInt8(ascii: "K") else {
                throw FormatError(.unsupported, context: ctx, "kdf algorithm is not \"BK\"", file: file)
            }
            kdfRounds = UInt32(p[4]) << 24 | UInt32(p[5]) << 16 | UInt32(p[6]) << 8 | UInt32(p[7])
            guard kdfRounds == 0 else {
                throw FormatError(.unsupported, context: ctx, "passphrase-protected key (kdfrounds \(kdfRounds)); create it with -n", file: file)
            }
            salt = Array(p[8 ..< 24])
            let checksum = Array(p[24 ..< 32])
            fingerprint = Array(p[32 ..< 40])
            seed = Array(p[40 ..< 72])
            publicKey = Array(p[72 ..< 104])
            comment = c
            guard Array(Digest.sha512(Array(p[40 ..< 104])).prefix(8)) == checksum else {
                throw FormatError(.checksum, context: ctx, "checksum does not match the key bytes", file: file)
            }
            guard try Ed25519.publicKey(seed: seed) == publicKey else {
                throw FormatError(.checksum, context: ctx, "public half does not belong to the secret seed", file: file)
            }
        }

        /// A new key pair with a random fingerprint and salt, like `usign -G`.
        public static func generate(comment: String) throws -> SecretKey {
            let kp = try Ed25519.generate()
            var rng = SystemRandomNumberGenerator()
            return SecretKey(fingerprint: (0 ..< 8).map { _ in UInt8.random(in: 0 ... 255, using: &rng) },
                             seed: kp.seed, publicKey: kp.publicKey,
                             salt: (0 ..< 16).map { _ in UInt8.random(in: 0 ... 255, using: &rng) },
                             kdfRounds: 0, comment: comment)
        }

        init(fingerprint: [UInt8], seed: [UInt8], publicKey: [UInt8], salt: [UInt8], kdfRounds: UInt32, comment: String) {
            self.fingerprint = fingerprint; self.seed = seed; self.publicKey = publicKey
            self.salt = salt; self.kdfRounds = kdfRounds; self.comment = comment
        }

        /// Loads a secret key file.
        public static func open(_ path: String) throws -> SecretKey {
            try withFile(path) { try SecretKey(parsing: try FS.read(path, limit: 4096), file: path) }
        }

        /// The file bytes.
        public func render() -> [UInt8] {
            let checksum = Array(Digest.sha512(seed + publicKey).prefix(8))
            let rounds: [UInt8] = [UInt8(kdfRounds >> 24 & 0xff), UInt8(kdfRounds >> 16 & 0xff), UInt8(kdfRounds >> 8 & 0xff), UInt8(kdfRounds & 0xff)]
            return encodeFile(comment: comment, payload: Array("EdBK".utf8) + rounds + salt + checksum + fingerprint + seed + publicKey)
        }

        /// The matching public key file.
        public func publicKeyFile(comment: String) -> PublicKey {
            PublicKey(fingerprint: fingerprint, key: publicKey, comment: comment)
        }

        /// 16 lowercase hex digits.
        public var fingerprintHex: String { Hex.encode(fingerprint) }

        /// Signs `message`; the comment is usign's `signed by key <fingerprint>`.
        public func sign(_ message: [UInt8]) throws -> Signature {
            let sig = try message.withUnsafeBytes { try Ed25519.sign($0, seed: seed) }
            return Signature(fingerprint: fingerprint, signature: sig, comment: "signed by key \(Usign.fingerprintName(fingerprint))")
        }
    }

    /// A signature file (`Packages.sig`).
    public struct Signature: Sendable, Equatable {
        /// 8-byte key fingerprint.
        public var fingerprint: [UInt8]
        /// Result of the signature check.
        public var signature: [UInt8]
        /// Text of the `untrusted comment:` line.
        public var comment: String

        /// Creates a key/signature from its parts.
        public init(fingerprint: [UInt8], signature: [UInt8], comment: String) {
            self.fingerprint = fingerprint; self.signature = signature; self.comment = comment
        }

        /// Parses signature file bytes.
        public init(parsing bytes: [UInt8], file: String? = nil) throws {
            let (c, p) = try decodeFile(bytes, size: 74, what: "signature", file: file)
            comment = c; fingerprint = Array(p[2 ..< 10]); signature = Array(p[10 ..< 74])
        }

        /// Loads a signature file.
        public static func open(_ path: String) throws -> Signature {
            try withFile(path) { try Signature(parsing: try FS.read(path, limit: 4096), file: path) }
        }

        /// 16 lowercase hex digits.
        public var fingerprintHex: String { Hex.encode(fingerprint) }

        /// The file bytes.
        public func render() -> [UInt8] { encodeFile(comment: comment, payload: Array("Ed".utf8) + fingerprint + signature) }
    }
}

extension String {
    func replacingOccurrencesOfNewlines() -> String {
        String(self.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
