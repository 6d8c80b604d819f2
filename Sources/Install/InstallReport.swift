import BinaryIO
import PackageManagers

/// What `imagetool install` did: per package the action and files, how every dependency
/// was met, keys and feed lines added, what was forced, and the repack's block reuse and
/// sizes. Contains no clock time, so the same inputs give the same report.
public struct InstallReport: Sendable, Codable {
    /// One package of the run.
    public struct Package: Sendable, Codable {
        /// Package name (`Package:`).
        public var name: String
        /// Version as written (`Version:`).
        public var version: String
        /// The .ipk file.
        public var file: String
        /// install, upgrade, skip-same-version, skip-downgrade.
        public var action: String
        /// Version installed before, for upgrades and skips.
        public var installedVersion: String?
        /// Paths written to the .list file.
        public var files: [String]
        /// Files of the previous version that the new one no longer has (removed).
        public var obsoleteFilesRemoved: [String]
        /// Installed packages removed because this one replaces them.
        public var replaced: [String]
        /// Files taken over from another package (--force-overwrite or Replaces).
        public var takenOver: [String]
        /// Conffiles declared by the package (absolute paths).
        public var conffiles: [String]
    }

    /// The input firmware image.
    public var image: String
    /// The image written.
    public var output: String
    /// Firmware layout family (FirmwareImage.Kind).
    public var imageKind: String
    /// Version of the image's installed `kernel` package.
    public var kernelPackage: String?
    /// Installed-Time written to the status stanzas.
    public var installedTime: UInt32
    /// Per package, in the order given.
    public var packages: [Package]
    /// How every dependency group was met.
    public var dependencies: [InstallResolver.Requirement]
    /// Public keys placed in /etc/opkg/keys (file name -> "added" / "replaced" / "unchanged").
    public var keys: [String: String]
    /// Lines appended to /etc/opkg/customfeeds.conf (already present ones are not repeated).
    public var feedLines: [String]
    /// What --force / --force-depends / --force-overwrite overrode.
    public var forced: [String]
    /// Block reuse and sizes of the repack.
    public var repack: InstallRepack.Result?
    /// What the user should know (e.g. a dropped fwtool signature).
    public var warnings: [String]

    /// Packages actually installed or upgraded (stored so the JSON carries it).
    public var installedCount = 0
    /// Files added by all packages.
    public var filesAdded = 0

    /// Fills in the totals from `packages`.
    public mutating func summarize() {
        installedCount = packages.filter { $0.action == "install" || $0.action == "upgrade" }.count
        filesAdded = packages.reduce(0) { $0 + $1.files.count }
    }

    /// The human table.
    public func table(verbose: Bool) -> String {
        var lines: [String] = []
        lines.append("image     \(image) (\(imageKind)), kernel \(kernelPackage ?? "?")")
        let w = max(7, packages.map(\.name.count).max() ?? 0)
        lines.append(pad("PACKAGE", w + 2) + "ACTION             VERSION / FILES")
        for p in packages {
            var detail = p.version
            if let old = p.installedVersion { detail += " (installed: \(old))" }
            if !p.files.isEmpty { detail += ", \(p.files.count) file(s)" }
            if !p.replaced.isEmpty { detail += ", replaces \(p.replaced.joined(separator: ", "))" }
            lines.append(pad(p.name, w + 2)
                         + pad(p.action, 19) + detail)
            if verbose { for f in p.files { lines.append(String(repeating: " ", count: w + 2) + "  " + f) } }
        }
        for r in dependencies {
            lines.append("depends   \(r.package): \(r.requirement) -> \(r.satisfiedBy ?? "nothing") (\(r.outcome))")
        }
        for (k, v) in keys.sorted(by: { $0.key < $1.key }) { lines.append("key       \(PackageManager.detect(keyFile: k).family.trustedKeysDirectory)/\(k) \(v)") }
        for l in feedLines { lines.append("feed      /etc/opkg/customfeeds.conf += \(l)") }
        if let r = repack {
            lines.append("rootfs    \(r.rootfsBytesBefore) -> \(r.rootfsBytesAfter) bytes, \(r.inodes) inodes; blocks: \(r.blocksReused) reused, \(r.fragmentsReused) fragment blocks reused, \(r.blocksCompressed) compressed")
            lines.append("image     \(r.imageBytesBefore) -> \(r.imageBytesAfter) bytes, written to \(output)")
        }
        lines.append("\(installedCount) package(s) installed, \(filesAdded) file(s) added")
        for f in forced { lines.append("FORCED    \(f)") }
        return lines.joined(separator: "\n")
    }

    private func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
