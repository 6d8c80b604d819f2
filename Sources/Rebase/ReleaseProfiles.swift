import BinaryIO
import FoundationEssentials
import Platform

/// An OpenWrt release's `profiles.json` (`bin/targets/<target>/<subtarget>/profiles.json`
/// on the downloads server), used by `rebase --kernel` as the kernel's identity when
/// neither the image nor the device is at hand.
///
/// Written by openwrt/openwrt scripts/json_overview_image_info.py from the per-image
/// files of scripts/json_add_image_info.py (`metadata_version` 1, keys sorted):
/// `arch_packages` (the package architecture, e.g. `mips_24kc`), `target`
/// (`ath79/generic`), `version_number`, `version_code`, `profiles` (per device), and
/// since 21.02 `linux_kernel` = {`version` (e.g. `5.15.137`, also the /lib/modules folder
/// name), `release` (the kernel package release, `1`), `vermagic` (32 hex digits)}.
/// The installed `kernel` package's version is `<version>-<release>-<vermagic>` up to
/// 23.05 (as openwrt/asu's `parse_kernel_version` builds it) and
/// `<version>~<vermagic>-r<release>` from 24.10 on, and in snapshots
/// (../shared/docs/openwrt-formats.md §2).
public struct ReleaseProfiles: Sendable {
    /// Package architecture (`arch_packages`).
    public var arch: String
    /// `target` (`ath79/generic`), when present.
    public var target: String?
    /// `version_number` (`23.05.5`, `SNAPSHOT`), when present.
    public var versionNumber: String?
    /// `version_code` (`r24106-10cc5fcd00`), when present.
    public var versionCode: String?
    /// `linux_kernel.version`: upstream kernel version and the /lib/modules folder name.
    public var kernelVersion: String
    /// `linux_kernel.release`: the kernel package's release.
    public var kernelRelease: String
    /// `linux_kernel.vermagic`.
    public var vermagic: String
    /// Device profile names.
    public var profiles: [String]

    /// Largest profiles.json read (the biggest targets' files are a few MB).
    public static let maxSize: UInt64 = 32 << 20

    private struct Document: Decodable {
        struct Kernel: Decodable { var version: String; var release: String; var vermagic: String }
        var arch_packages: String?
        var target: String?
        var version_number: String?
        var version_code: String?
        var linux_kernel: Kernel?
        var profiles: [String: Profile]?
        struct Profile: Decodable {}
    }

    /// Whether `head` (the first bytes of a file) looks like JSON.
    public static func looksLike(_ head: [UInt8]) -> Bool {
        head.first(where: { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }) == UInt8(ascii: "{")
    }

    /// Reads and checks the file at `path`.
    public init(path: String) throws {
        try self.init(parsing: try FS.read(path, limit: ReleaseProfiles.maxSize), file: path)
    }

    /// Parses profiles.json bytes; `file` names it in errors.
    public init(parsing bytes: [UInt8], file: String) throws {
        func fail(_ msg: String) -> FormatError { FormatError(.invalid, context: "read profiles.json", msg, file: file) }
        let doc: Document
        do { doc = try JSONDecoder().decode(Document.self, from: Data(bytes)) } catch {
            throw fail("not an OpenWrt profiles.json: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        guard doc.profiles != nil else { throw fail("no \"profiles\" object: not an OpenWrt profiles.json") }
        guard let k = doc.linux_kernel else {
            throw fail("no \"linux_kernel\" object (written since OpenWrt 21.02): the kernel's version and vermagic are unknown")
        }
        guard let arch = doc.arch_packages, ReleaseProfiles.isWord(arch) else { throw fail("missing or bad \"arch_packages\"") }
        guard ReleaseProfiles.isWord(k.version), k.version.first?.isNumber == true else {
            throw fail("bad linux_kernel.version \(String(k.version.prefix(40)).debugDescription)")
        }
        guard !k.release.isEmpty, k.release.count <= 8, k.release.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail("bad linux_kernel.release \(String(k.release.prefix(40)).debugDescription)")
        }
        guard k.vermagic.utf8.count == 32, k.vermagic.utf8.allSatisfy({ (48 ... 57).contains($0) || (97 ... 102).contains($0) }) else {
            throw fail("bad linux_kernel.vermagic \(String(k.vermagic.prefix(40)).debugDescription) (expected 32 lowercase hex digits)")
        }
        self.arch = arch; target = doc.target; versionNumber = doc.version_number; versionCode = doc.version_code
        kernelVersion = k.version; kernelRelease = k.release; vermagic = k.vermagic
        profiles = (doc.profiles ?? [:]).keys.sorted()
    }

    /// Letters, digits and `._+-`, 1...64 characters.
    static func isWord(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) }
    }

    /// Whether the release names its kernel package `V~hash-rR` (24.10 on, and snapshots).
    public var tildeStyle: Bool {
        guard let v = versionNumber else { return false }
        if v.uppercased().hasSuffix("SNAPSHOT") && !v.contains(".") { return true }
        let parts = v.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1].prefix { $0.isNumber }) else { return false }
        return major > 24 || (major == 24 && minor >= 10)
    }

    /// "apk" from 25.x on and in snapshots, else "opkg".
    public var packageManager: String {
        guard let v = versionNumber else { return "opkg" }
        if !v.contains(".") && v.uppercased().hasSuffix("SNAPSHOT") { return "apk" }
        return (Int(v.split(separator: ".").first ?? "") ?? 0) >= 25 ? "apk" : "opkg"
    }

    /// The installed `kernel` package's version this release's images carry.
    public var kernelPackageVersion: String {
        tildeStyle ? "\(kernelVersion)~\(vermagic)-r\(kernelRelease)" : "\(kernelVersion)-\(kernelRelease)-\(vermagic)"
    }
}
