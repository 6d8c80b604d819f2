import BinaryIO
import Firmware
import KernelABI
import Squash

/// Reads the image side of a rebase from what `--kernel` names: a firmware file (Firmware
/// finds the kernel and rootfs regions, the kernel payload gives the banner, IKCONFIG and a
/// digest of the decompressed kernel, Squash reads the rootfs in place), a bare squashfs
/// rootfs, a rootfs folder, a device snapshot (`DeviceSnapshot`) or a release's
/// profiles.json (`ReleaseProfiles`). Each gives what it holds; the verdict states what
/// evidence was therefore unavailable (`ImageSide.Source`).
public enum ImageLoader {
    /// Loads `path`. `imageConfig` (a `.config`) stands in when there is no IKCONFIG.
    public static func load(_ path: String, imageConfig: String? = nil) throws -> ImageSide {
        if FS.isDirectory(path) {
            return try side(path, rootfs: DirectoryRootfs(root: path), source: .rootfsFolder, imageConfig: imageConfig)
        }
        let file = try RandomAccessFile(path: path)
        let head = try file.read(at: 0, count: Int(min(file.size, 64)))
        if head.starts(with: Array("hsqs".utf8)) {
            // A bare rootfs (e.g. an unpacked or apk-era rootfs.sqfs): no kernel to read.
            let squash = try withFile(path) { try SquashImage(view: try file.view()) }
            let tree = try withFile(path) { try squash.readTree() }
            return try side(path, rootfs: SquashRootfs(image: squash, tree: tree), source: .squashfs, imageConfig: imageConfig)
        }
        if DeviceSnapshot.looksLike(head) {
            let snap = try DeviceSnapshot(path: path)
            let config = try imageConfig == nil ? snap.kernelConfigText(file: path) : nil
            let release = snap.banner.flatMap(DeviceSnapshot.release(fromBanner:))
            return try side(path, rootfs: snap, source: .snapshot, imageConfig: imageConfig,
                            config: config.map { (KernelConfig.parse($0), "IKCONFIG") }, bannerRelease: release)
        }
        if ReleaseProfiles.looksLike(head) {
            let p = try ReleaseProfiles(path: path)
            guard let kpv = KernelPackageVersion(p.kernelPackageVersion) else {
                throw FormatError(.invalid, context: "read profiles.json", "kernel package version \(p.kernelPackageVersion) carries no vermagic", file: path)
            }
            let config = try imageConfig.map { try KernelConfig.load($0) }
            return ImageSide(path: path, kernelPackage: kpv, arch: p.arch, release: p.kernelVersion, modules: [],
                             config: config, configSource: imageConfig, kernelDigest: nil,
                             packageManager: p.packageManager,
                             source: .profiles)
        }
        let fw = try FirmwareImage.open(path)
        var payload: KernelPayload? = nil
        do { payload = try fw.kernelPayload() } catch let e as FormatError where e.kind == .unsupported { payload = nil }
        guard let span = fw.rootfsSpan else {
            throw FormatError(.invalid, context: "read image", "no squashfs rootfs found in the image", file: path)
        }
        let squash = try withFile(path) { try SquashImage(view: try file.view(base: span.offset, length: span.bytesUsed)) }
        let tree = try withFile(path) { try squash.readTree() }
        return try side(path, rootfs: SquashRootfs(image: squash, tree: tree), source: .firmware, imageConfig: imageConfig,
                        config: payload?.config.map { (KernelConfig.parse($0), "IKCONFIG") }, bannerRelease: payload?.release,
                        kernelDigest: payload?.digest)
    }

    /// The image side read from a rootfs (any `RootfsSource`) and what is known of its kernel.
    static func side(_ path: String, rootfs: RootfsSource, source: ImageSide.Source, imageConfig: String?,
                     config kernelConfig: (KernelConfig, String)? = nil, bannerRelease: String? = nil,
                     kernelDigest: String? = nil) throws -> ImageSide {
        let facts = try withFile(path) { try RootfsFacts(reading: rootfs) }
        guard let kv = facts.kernelPackageVersion else {
            throw FormatError(.invalid, context: "read rootfs", "no installed kernel package (opkg status / apk db)", file: path)
        }
        guard let kpv = KernelPackageVersion(kv) else {
            throw FormatError(.invalid, context: "read rootfs", "kernel package version \(kv.debugDescription) carries no vermagic", file: path)
        }
        var modules: [KernelModule] = []
        let release = facts.moduleReleases.first ?? bannerRelease
        if let release {
            modules = try ImageLoader.modules(of: rootfs, release: release, file: path)
        }
        var config: KernelConfig? = nil
        var configSource: String? = nil
        if let c = imageConfig {
            config = try KernelConfig.load(c); configSource = c
        } else if let (c, src) = kernelConfig {
            config = c; configSource = src
        }
        return ImageSide(path: path, kernelPackage: kpv, arch: facts.arch, release: release, modules: modules,
                         config: config, configSource: configSource, kernelDigest: kernelDigest,
                         packageManager: facts.packageManager ?? "opkg", source: source)
    }

    /// SHA-256 of the decompressed kernel of a firmware image or kernel file.
    public static func kernelDigest(ofFile path: String) throws -> String {
        let fw = try FirmwareImage.open(path)
        return try withFile(path) { try fw.kernelPayload().digest }
    }

    /// Looks for the kernel of the build that produced `feed` in OpenWrt's
    /// `bin/targets/<target>/<subtarget>/` layout: the feed is `.../packages/`, kernels and
    /// images sit one level up (`*-kernel.bin`, `*-uImage*`, `*-sysupgrade.bin`).
    public static func findFeedKernel(besides feed: String) -> (digest: String, source: String)? {
        let parent = FS.dirname(of: FS.absolute(feed))
        guard let names = try? FS.list(parent) else { return nil }
        let candidates = names.filter { n in
            n.hasSuffix("-kernel.bin") || n.contains("-uImage") || n.hasSuffix("-sysupgrade.bin") || n.hasSuffix("-vmlinux.bin")
        }.sorted()
        for n in candidates {
            let p = parent + "/" + n
            if FS.isRegularFile(p), let d = try? kernelDigest(ofFile: p) { return (d, p) }
        }
        return nil
    }
}

extension ImageLoader {
    /// Every `.ko` below /lib/modules/<release> of `rootfs`, parsed (read in place, nothing
    /// extracted). Symlinked folders are not followed (a rootfs folder refuses them; in a
    /// squashfs they could loop, e.g. build -> ../..), and the depth is bounded.
    static func modules(of rootfs: RootfsSource, release: String, file: String) throws -> [KernelModule] {
        var out: [KernelModule] = []
        var stack = ["lib/modules/" + release]
        while let dir = stack.popLast() {
            for name in try rootfs.list(dir) ?? [] {
                let p = dir + "/" + name
                let sub: [String]?
                do { sub = try rootfs.list(p) } catch let e as FormatError where e.kind == .unsafePath { continue }
                if sub != nil {
                    if p.split(separator: "/").count < 12 { stack.append(p) }
                    continue
                }
                guard name.hasSuffix(".ko") else { continue }
                let bytes: [UInt8]?
                do { bytes = try rootfs.readFile(p, limit: 64 << 20) } catch let e as FormatError where e.kind == .unsafePath { continue }
                guard let b = bytes else { continue }
                do {
                    out.append(try KernelModule.parse(b, path: "/" + p))
                } catch var e as FormatError {
                    // Named by the input (image, snapshot, folder), the module inside it in the context.
                    e.context = "/\(p): \(e.context)"
                    e.file = file
                    throw e
                }
            }
        }
        return out.sorted { $0.path < $1.path }
    }
}
