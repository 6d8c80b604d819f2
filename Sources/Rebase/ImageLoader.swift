import BinaryIO
import Firmware
import KernelABI
import Squash

/// Reads the image side of a rebase from a firmware file: Firmware finds the kernel and
/// rootfs regions, the kernel payload gives the banner, IKCONFIG and a digest of the
/// decompressed kernel, and Squash reads the rootfs in place (nothing is extracted).
public enum ImageLoader {
    /// Loads `path`. `imageConfig` (a `.config`) stands in when the kernel has no IKCONFIG.
    public static func load(_ path: String, imageConfig: String? = nil) throws -> ImageSide {
        let file = try RandomAccessFile(path: path)
        var payload: KernelPayload? = nil
        let squash: SquashImage
        if file.size >= 4, try file.read(at: 0, count: 4) == Array("hsqs".utf8) {
            // A bare rootfs (e.g. an unpacked or apk-era rootfs.sqfs): no kernel to read.
            squash = try withFile(path) { try SquashImage(view: try file.view()) }
        } else {
            let fw = try FirmwareImage.open(path)
            do { payload = try fw.kernelPayload() } catch let e as FormatError where e.kind == .unsupported { payload = nil }
            guard let span = fw.rootfsSpan else {
                throw FormatError(.invalid, context: "read image", "no squashfs rootfs found in the image", file: path)
            }
            squash = try withFile(path) { try SquashImage(view: try file.view(base: span.offset, length: span.bytesUsed)) }
        }
        let tree = try withFile(path) { try squash.readTree() }
        let rootfs = SquashRootfs(image: squash, tree: tree)
        let facts = try withFile(path) { try RootfsFacts(reading: rootfs) }
        guard let kv = facts.kernelPackageVersion else {
            throw FormatError(.invalid, context: "read rootfs", "no installed kernel package (opkg status / apk db)", file: path)
        }
        guard let kpv = KernelPackageVersion(kv) else {
            throw FormatError(.invalid, context: "read rootfs", "kernel package version \(kv.debugDescription) carries no vermagic", file: path)
        }
        var modules: [KernelModule] = []
        let release = facts.moduleReleases.first ?? payload?.release
        if let release {
            modules = try rootfs.modules(release: release, file: path)
        }
        var config: KernelConfig? = nil
        var configSource: String? = nil
        if let c = imageConfig {
            config = try KernelConfig.load(c); configSource = c
        } else if let text = payload?.config {
            config = KernelConfig.parse(text); configSource = "IKCONFIG"
        }
        return ImageSide(path: path, kernelPackage: kpv, arch: facts.arch, release: release, modules: modules,
                         config: config, configSource: configSource, kernelDigest: payload?.digest,
                         packageManager: facts.packageManager ?? "opkg")
    }

    /// SHA-256 of the decompressed kernel of a firmware image or kernel file.
    public static func kernelDigest(ofFile path: String) throws -> String {
        let fw = try FirmwareImage.open(path)
        return try withFile(path) { try fw.kernelPayload().digest }
    }

    /// Looks for the kernel of the build that produced `feed` in OpenWrt's
    /// `bin/targets/<target>/<subtarget>/` layout: the feed is `.../packages/`, kernels and
    /// images sit one level up (`*-kernel.bin`, `*-uImage*`, `*-sysupgrade.bin`, FIT `*.itb`).
    public static func findFeedKernel(besides feed: String) -> (digest: String, source: String)? {
        let parent = FS.dirname(of: FS.absolute(feed))
        guard let names = try? FS.list(parent) else { return nil }
        let candidates = names.filter { n in
            n.hasSuffix("-kernel.bin") || n.contains("-uImage") || n.hasSuffix("-sysupgrade.bin") || n.hasSuffix("-vmlinux.bin")
                || n.hasSuffix("-sysupgrade.itb") || n.hasSuffix("-fit.itb") || n.hasSuffix("-kernel.itb")
        }.sorted()
        for n in candidates {
            let p = parent + "/" + n
            if FS.isRegularFile(p), let d = try? kernelDigest(ofFile: p) { return (d, p) }
        }
        return nil
    }
}

extension SquashRootfs {
    /// Every `.ko` below /lib/modules/<release>, parsed (read in place, nothing extracted).
    func modules(release: String, file: String) throws -> [KernelModule] {
        var out: [KernelModule] = []
        var stack = ["/lib/modules/" + release]
        while let dir = stack.popLast() {
            for name in try list(dir) ?? [] {
                let p = dir + "/" + name
                if try list(p) != nil {
                    // Symlinked folders could loop (e.g. build -> ../..): bound the depth.
                    if p.split(separator: "/").count < 12 { stack.append(p) }
                    continue
                }
                guard name.hasSuffix(".ko"), let b = try readFile(p, limit: 64 << 20) else { continue }
                out.append(try withFile(file) { try KernelModule.parse(b, path: p) })
            }
        }
        return out.sorted { $0.path < $1.path }
    }
}
