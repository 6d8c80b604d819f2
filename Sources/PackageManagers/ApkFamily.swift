import Apk
import BinaryIO
import Platform

/// apk v3 (OpenWrt 25.x) as a `PackageFamily`: `.apk` ADB packages, a `packages.adb`
/// index signed with ECDSA P-256, PEM keys in /etc/apk/keys, the installed database
/// /lib/apk/db/installed [alpinelinux/apk-tools; ../shared/docs/openwrt-formats.md §5].
public enum ApkFamily: PackageFamily {
    public static let manager = PackageManager.apk
    public static let indexFileName = ApkFeed.indexName
    public static let trustedKeysDirectory = "/etc/apk/keys"
    public static let keyFileLimit: UInt64 = 16 << 10
    public static let installedDatabase = "/lib/apk/db/installed"
    /// Where `install --feed-line` appends (OpenWrt's apk repositories.d convention).
    public static let customFeedsFile = "/etc/apk/repositories.d/customfeeds.list"

    /// A `packages.adb` starting with the ADB magic.
    public static func isFeed(_ dir: String) -> Bool { ApkFeed.detect(dir) }

    public static func isPackageFileName(_ name: String) -> Bool { ApkFeed.isPackageFileName(name) }

    /// A `.apk` name, or an ADB container magic whatever the name.
    public static func isPackage(_ path: String) -> Bool { isPackageFileName(path) || hasV3Magic(path) }

    /// Whether `path` starts with an ADB container magic (`ADB.`, `ADBd`, `ADBc`): a v3
    /// package, raw or compressed (apk-tools src/adb.h).
    public static func hasV3Magic(_ path: String) -> Bool {
        guard let f = try? RandomAccessFile(path: path), f.size >= 4, let head = try? f.read(at: 0, count: 4) else { return false }
        return [Array("ADB.".utf8), Array("ADBd".utf8), Array("ADBc".utf8)].contains(head)
    }

    /// apk keys are PEM files (`*.pem`).
    public static func isKeyFileName(_ path: String) -> Bool { path.hasSuffix(".pem") }

    /// One key file is trusted as a folder holding just it would be: a file that is not a
    /// PEM public key is passed over (`ApkKey.loadTrusted`), so nothing verifies.
    public static func verifyFeed(_ dir: String, keys: TrustedKeys) throws -> FeedVerification {
        switch keys {
        case .directory(let keysDir):
            return .apk(try ApkFeed.verify(dir, keysDir: keysDir), keys: keysDir)
        case .file(let path):
            let bytes = try FS.read(path, limit: 1 << 20)
            let key = try? ApkKey(pem: bytes, private: false, name: path)
            return .apk(try ApkFeed.verify(dir, keys: key.map { [$0] } ?? []), keys: path)
        }
    }

    public static func indexFeed(_ dir: String, signingKey: String?, progress: ProgressMeter?) throws -> FeedIndexing {
        let key = try signingKey.map { try ApkKey(path: $0, private: true) }
        let output = dir + "/" + ApkFeed.indexName
        let index = try ApkFeed.writeIndex(dir, key: key, output: output, progress: progress)
        return .apk(index, output: output, signedBy: key?.idHex)
    }

    /// packages.adb's signature against the key's public half, every package's size and hash.
    public static func isIntact(_ dir: String, signedWith secretKey: String) -> Bool {
        guard let key = try? ApkKey(path: secretKey, private: true), let pem = try? key.publicPEM(),
              let pub = try? ApkKey(pem: pem, private: false, name: secretKey),
              let v = try? ApkFeed.verify(dir, keys: [pub]) else { return false }
        return v.ok
    }

    /// An ECDSA P-256 key pair: PKCS#8 PEM secret, SubjectPublicKeyInfo PEM public key (for
    /// /etc/apk/keys). apk keys carry no comment.
    public static func generateKeyPair(secret: String, public: String, comment: String?, force: Bool) throws -> GeneratedKeyPair {
        for p in [secret, `public`] {
            if FS.exists(p) && !force {
                throw FormatError(.refused, context: "generate key", "\(p) exists (use --force to overwrite)")
            }
            guard FS.isDirectory(FS.dirname(of: p)) else {
                throw FormatError(.io, context: "generate key", "folder \(FS.dirname(of: p)) does not exist", file: p)
            }
        }
        let key = try ApkKey.generateECDSA()
        // Both or neither: a full disk never leaves a new secret beside an old public key.
        try FS.writeAtomically([(secret, try key.privatePEM(), 0o600), (`public`, try key.publicPEM(), 0o644)])
        return GeneratedKeyPair(manager: manager, secret: secret, public: `public`, keyID: key.idHex, fingerprintName: nil)
    }

    /// apk trusts every PEM file in /etc/apk/keys: the key keeps its file name, `.pem` added.
    public static func trustedKeyName(_ bytes: [UInt8], file: String) throws -> String {
        _ = try ApkKey(pem: bytes, private: false, name: file)
        var name = FS.basename(of: file)
        if !isKeyFileName(name) { name += ".pem" }
        let comps = try SafePath.components(name, context: "--add-key")
        guard comps.count == 1 else { throw FormatError(.usage, context: "--add-key", "bad key file name \(name.debugDescription)") }
        return name
    }
}
