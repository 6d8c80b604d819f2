import BinaryIO
import FeedRewrite
import Platform

/// opkg (OpenWrt up to 24.10) as a `PackageFamily`: `.ipk` packages, a `Packages` index
/// signed with usign (Packages.sig), keys in /etc/opkg/keys under their fingerprint name,
/// the installed database /usr/lib/opkg/status [openwrt/opkg-lede, openwrt/usign].
public enum OpkgFamily: PackageFamily {
    public static let manager = PackageManager.opkg
    public static let indexFileName = "Packages"
    public static let trustedKeysDirectory = "/etc/opkg/keys"
    public static let keyFileLimit: UInt64 = 4096
    public static let installedDatabase = "/usr/lib/opkg/status"
    /// Where `install --feed-line` appends.
    public static let customFeedsFile = "/etc/opkg/customfeeds.conf"

    public static func isFeed(_ dir: String) -> Bool { FS.isRegularFile(dir + "/" + indexFileName) }

    public static func isPackageFileName(_ name: String) -> Bool { name.hasSuffix(".ipk") }

    public static func isPackage(_ path: String) -> Bool { isPackageFileName(path) }

    /// usign key files have no fixed name: any key that is not apk's PEM.
    public static func isKeyFileName(_ path: String) -> Bool { !ApkFamily.isKeyFileName(path) }

    public static func verifyFeed(_ dir: String, keys: TrustedKeys) throws -> FeedVerification {
        let source: Feed.Keys
        switch keys {
        case .file(let path): source = .key(try Usign.PublicKey.open(path))
        case .directory(let path): source = .directory(path)
        }
        return .opkg(try Feed.verify(dir, keys: source))
    }

    public static func indexFeed(_ dir: String, signingKey: String?, progress: ProgressMeter?) throws -> FeedIndexing {
        guard FS.isDirectory(dir) else { throw FormatError(.io, context: "index feed", "not a directory", file: dir) }
        let key = try signingKey.map { try Usign.SecretKey.open($0) }
        return .opkg(try FeedIndexWriter.write(dir, key: key, progress: progress))
    }

    /// Packages.sig against the key's public half, Packages.gz, every package's size and SHA-256.
    public static func isIntact(_ dir: String, signedWith secretKey: String) -> Bool {
        guard let secret = try? Usign.SecretKey.open(secretKey),
              let v = try? Feed.verify(dir, keys: .key(secret.publicKeyFile(comment: ""))) else { return false }
        return v.ok
    }

    /// An unencrypted usign key pair, like `usign -G` / `signify -G -n`; the comment lines
    /// default to "imagetool key <fingerprint> secret key" / "… public key".
    public static func generateKeyPair(secret: String, public: String, comment: String?, force: Bool) throws -> GeneratedKeyPair {
        for p in [secret, `public`] where FS.exists(p) && !force {
            throw FormatError(.refused, context: "generate key", "\(p) exists (use --force to overwrite)", file: p)
        }
        var sk = try Usign.SecretKey.generate(comment: "")
        let base = comment ?? "imagetool key \(Usign.fingerprintName(sk.fingerprint))"
        sk.comment = comment ?? "\(base) secret key"
        let pk = sk.publicKeyFile(comment: comment ?? "\(base) public key")
        // Both or neither: a full disk never leaves a new secret beside an old public key.
        try FS.writeAtomically([(secret, sk.render(), 0o600), (`public`, pk.render(), 0o644)])
        return GeneratedKeyPair(manager: manager, secret: secret, public: `public`, keyID: pk.fingerprintHex,
                                fingerprintName: pk.fingerprintName)
    }

    /// opkg looks a key up by its fingerprint name (openwrt/usign main.c).
    public static func trustedKeyName(_ bytes: [UInt8], file: String) throws -> String {
        try Usign.PublicKey(parsing: bytes, file: file).fingerprintName
    }
}
