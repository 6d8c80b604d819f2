import BinaryIO
import Platform

/// The package manifest OpenWrt writes beside each image in `bin/targets/<target>/<sub>/`
/// (include/image.mk `Image/Manifest`: `opkg list-installed` output, one
/// `name - version` line per package; `*.manifest`). Images whose rootfs records no
/// installed kernel package — initramfs kernels, and builds that strip opkg's data
/// (`DISTRIB_TAINTS` `no-all`, CONFIG_CLEAN_IPKG) — still have their build's kernel package
/// version there.
public struct BuildManifest: Sendable, Equatable {
    /// The manifest file.
    public var path: String
    /// Package name -> version.
    public var packages: [String: String]

    /// Largest manifest read.
    static let maxSize: UInt64 = 4 << 20

    /// Parses `name - version` lines (other lines are ignored).
    public init(parsing text: String, path: String) {
        self.path = path
        packages = [:]
        for line in text.split(separator: "\n") {
            guard let r = line.firstRange(of: " - ") else { continue }
            let name = line[..<r.lowerBound], version = line[r.upperBound...]
            guard !name.isEmpty, !name.contains(" "), !version.isEmpty, !version.contains(" ") else { continue }
            packages[String(name)] = String(version)
        }
    }

    /// The kernel package version from the manifests in the folder of `imagePath` whose
    /// kernel's upstream version is `release` (any, when nil); nil unless exactly one
    /// version qualifies (a folder holding several builds' manifests is ambiguous).
    public static func kernelPackage(besides imagePath: String, release: String?) -> (version: String, source: String)? {
        let dir = FS.dirname(of: FS.absolute(imagePath))
        guard let names = try? FS.list(dir) else { return nil }
        var found: [String: String] = [:]
        for n in names.sorted() where n.hasSuffix(".manifest") {
            let p = dir + "/" + n
            guard FS.isRegularFile(p), let b = try? FS.read(p, limit: maxSize) else { continue }
            let m = BuildManifest(parsing: String(decoding: b, as: UTF8.self), path: p)
            guard let v = m.packages["kernel"] else { continue }
            let upstream = v.prefix { $0 != "-" && $0 != "~" }
            if let release, upstream != release { continue }
            if found[v] == nil { found[v] = p }
        }
        guard found.count == 1, let (v, p) = found.first else { return nil }
        return (v, p)
    }
}
