import BinaryIO

/// The package managers imagetool handles — opkg (OpenWrt up to 24.10: .ipk packages,
/// `Packages` feeds signed with usign) and apk v3 (OpenWrt 25.x: .apk ADB packages,
/// `packages.adb` feeds signed with ECDSA) — and the one detector that tells them apart
/// (../shared/docs/openwrt-formats.md §5). Every caller (rebase engine, installer, CLI)
/// asks `detect` once and then works through `family`; no other code looks at file
/// suffixes or magics to choose.
public enum PackageManager: String, Sendable, Codable, CaseIterable {
    case opkg, apk

    /// The family that implements this manager's feeds, packages, keys and database.
    public var family: any PackageFamily.Type {
        switch self {
        case .opkg: return OpkgFamily.self
        case .apk: return ApkFamily.self
        }
    }

    /// The manager of the feed folder `dir`: apk when it holds an ADB `packages.adb`, or
    /// when the key it is to be signed with is a PEM key (an apk feed being indexed for the
    /// first time has no packages.adb yet); else opkg.
    public static func detect(feed dir: String, signingKey: String? = nil) -> PackageManager {
        if ApkFamily.isFeed(dir) { return .apk }
        if let k = signingKey, ApkFamily.isKeyFileName(k) { return .apk }
        return .opkg
    }

    /// The manager of the package file at `path`: apk for a `.apk` name or an ADB magic
    /// (`ADB.`, `ADBd`, `ADBc`), else opkg (.ipk: gzip'd tar or ar).
    public static func detect(package path: String) -> PackageManager {
        ApkFamily.isPackage(path) ? .apk : .opkg
    }

    /// The manager a public key file is for: apk for a PEM key (`*.pem`), else opkg (usign,
    /// stored on the device under its fingerprint name).
    public static func detect(keyFile path: String) -> PackageManager {
        ApkFamily.isKeyFileName(path) ? .apk : .opkg
    }

    /// The manager of a rootfs, from which installed database it holds (`exists` says
    /// whether an absolute path exists in it); nil when it holds neither. An opkg status
    /// file wins over an apk database, as `RootfsFacts` reads them.
    public static func detect(rootfs exists: (String) -> Bool) -> PackageManager? {
        allCases.first { exists($0.family.installedDatabase) }
    }
}
