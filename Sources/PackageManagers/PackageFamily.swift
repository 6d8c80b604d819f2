import BinaryIO

/// What a package manager is to imagetool: a feed (index file, verify, index), packages,
/// keys (generate, trust on a device) and an installed database in a rootfs. `OpkgFamily`
/// and `ApkFamily` implement it over the FeedRewrite and Apk libraries; `PackageManager`
/// chooses one. The rebase engines (Rebase) and the installers (Install) keep their
/// family-specific halves and are chosen through the same detector.
public protocol PackageFamily: Sendable {
    /// The manager this family implements.
    static var manager: PackageManager { get }

    // MARK: Feed

    /// The feed's index file name (`Packages`, `packages.adb`).
    static var indexFileName: String { get }
    /// Whether the folder `dir` is a feed of this family (by its index, not by names).
    static func isFeed(_ dir: String) -> Bool
    /// Whether a file name in a feed folder names one of this family's packages.
    static func isPackageFileName(_ name: String) -> Bool
    /// Checks the feed's index signature against `keys`, then every package against it.
    static func verifyFeed(_ dir: String, keys: TrustedKeys) throws -> FeedVerification
    /// Rebuilds the feed's index from its packages, signed with the secret key file
    /// `signingKey` when given.
    static func indexFeed(_ dir: String, signingKey: String?, progress: ProgressMeter?) throws -> FeedIndexing
    /// Whether the feed `dir` verifies completely against the public half of the secret key
    /// file `secretKey` (a feed this tool wrote and signed, checked before it is kept).
    static func isIntact(_ dir: String, signedWith secretKey: String) -> Bool

    // MARK: Packages

    /// Whether the file at `path` is one of this family's packages (name or magic).
    static func isPackage(_ path: String) -> Bool

    // MARK: Keys

    /// Whether `path` names a key file of this family.
    static func isKeyFileName(_ path: String) -> Bool
    /// Writes a new signing key pair (both files or neither).
    static func generateKeyPair(secret: String, public: String, comment: String?, force: Bool) throws -> GeneratedKeyPair
    /// Where a device keeps the public keys it trusts.
    static var trustedKeysDirectory: String { get }
    /// The largest public key file read.
    static var keyFileLimit: UInt64 { get }
    /// The file name the public key `bytes` (read from `file`) takes in
    /// `trustedKeysDirectory`, after checking it is a public key of this family.
    static func trustedKeyName(_ bytes: [UInt8], file: String) throws -> String

    // MARK: Installed database

    /// The installed database inside a rootfs (absolute path).
    static var installedDatabase: String { get }
    /// The file of extra feed lines in a rootfs (`install --feed-line`).
    static var customFeedsFile: String { get }
}

/// Trusted public keys for a feed check: one key file, or a folder of them (like
/// /etc/opkg/keys or /etc/apk/keys).
public enum TrustedKeys: Sendable {
    case file(String)
    case directory(String)
}
