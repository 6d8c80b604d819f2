#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Firmware
import KernelABI
import Platform
import Squash

/// Reads the image side of a rebase from what `--kernel` names: a firmware file (Firmware
/// finds the kernel and rootfs regions, the kernel payload gives the banner, IKCONFIG and a
/// digest of the decompressed kernel, Squash reads the rootfs in place), a bare squashfs
/// rootfs, a rootfs folder, a device snapshot (`DeviceSnapshot`) or a release's
/// profiles.json (`ReleaseProfiles`). Each gives what it holds; the verdict states what
/// evidence was therefore unavailable (`ImageSide.Source`).
public enum ImageLoader {
    /// Loads `path`. `imageConfig` (a `.config`) stands in when there is no IKCONFIG.
    ///
    /// A damaged image does not stop the load: what rebase needs first is the kernel's
    /// identity. A rootfs whose tree cannot be read is read by path lookup
    /// (`SquashLookupRootfs`), modules that cannot be read are skipped, and `lostEvidence`
    /// says what is missing (installed modules, symbol checks). Only the installed kernel
    /// package version — the version the kmods must depend on — is indispensable; when the
    /// rootfs records none it is taken from the build manifest beside the image, else the
    /// load fails naming why.
    public static func load(_ path: String, imageConfig: String? = nil) throws -> ImageSide {
        if FS.isDirectory(path) {
            return try side(path, rootfs: DirectoryRootfs(root: path), source: .rootfsFolder, imageConfig: imageConfig)
        }
        let file = try RandomAccessFile(path: path)
        let head = try file.read(at: 0, count: Int(min(file.size, 64)))
        if Superblock.looksLikeSquashfs(head) {
            // A bare rootfs (e.g. an unpacked or apk-era rootfs.sqfs): no kernel to read.
            let squash = try withFile(path) { try SquashImage(view: try file.view()) }
            let (rootfs, lost) = readSquash(squash)
            return try side(path, rootfs: rootfs, source: .squashfs, imageConfig: imageConfig, lost: lost)
        }
        if DeviceSnapshot.looksLike(head) {
            let snap = try DeviceSnapshot(path: path)
            let config = try imageConfig == nil ? snap.kernelConfigText(file: path) : nil
            let release = snap.banner.flatMap(DeviceSnapshot.release(fromBanner:))
            return try side(path, rootfs: snap, source: .snapshot, imageConfig: imageConfig,
                            config: config.map { (KernelConfig(parsing: $0), "IKCONFIG") }, bannerRelease: release)
        }
        if ReleaseProfiles.looksLike(head) {
            let p = try ReleaseProfiles(path: path)
            guard let kpv = KernelPackageVersion(p.kernelPackageVersion) else {
                throw FormatError(.invalid, context: "read profiles.json", "kernel package version \(p.kernelPackageVersion) carries no vermagic", file: path)
            }
            let config = try imageConfig.map { try KernelConfig.open($0) }
            return ImageSide(path: path, kernelPackage: kpv, arch: p.arch, release: p.kernelVersion, modules: [],
                             config: config, configSource: imageConfig, kernelDigest: nil,
                             packageManager: p.packageManager,
                             source: .profiles)
        }
        let fw = try FirmwareImage.open(path)
        var payload: KernelPayload? = nil
        do { payload = try fw.kernelPayload() } catch let e as FormatError where e.kind == .unsupported { payload = nil }
        var lost: [String] = []
        var rootfs: RootfsSource? = nil
        if let l = fw.layout as? DiskImageLayout, let p = l.extRootfs {
            // x86 ext4 rootfs: read through libext2fs from a temporary copy of the partition.
            rootfs = try withFile(path) { try l.openExtRootfs(p) }
        } else if let span = fw.rootfsSpan {
            do {
                var squash: SquashImage? = nil
                if let off = fw.rootfsFileOffset {
                    squash = try withFile(path) { try SquashImage(view: try file.view(base: off, length: span.bytesUsed)) }
                } else if let root = fw.rootfsImage {
                    // Not stored contiguously (UBI LEBs, gzip'd disk): read a temporary copy
                    // (unlinked at once; the open descriptor keeps it readable).
                    let tmp = FS.temporarySibling(of: "/tmp/imagetool-rebase-rootfs.sqfs", tag: "rebase")
                    defer { unlink(tmp) }
                    try FS.writeAtomically(root, to: tmp, mode: 0o600)
                    squash = try withFile(path) { try SquashImage(view: try RandomAccessFile(path: tmp).view()) }
                }
                if let squash {
                    let (r, l) = readSquash(squash)
                    rootfs = r
                    lost += l
                }
            } catch let e as FormatError {
                lost.append("the rootfs at 0x\(String(span.offset, radix: 16)) cannot be opened (\(e.located))")
            }
        } else if fw.problems.isEmpty {
            throw FormatError(.invalid, context: "read image", "no squashfs rootfs found in the image", file: path)
        } else {
            lost += fw.problems.map(\.located)
        }
        return try side(path, rootfs: rootfs, source: .firmware, imageConfig: imageConfig,
                        config: payload?.config.map { (KernelConfig(parsing: $0), "IKCONFIG") }, bannerRelease: payload?.release,
                        kernelDigest: payload?.digest, lost: lost)
    }

    /// The squashfs as a rootfs source: its whole tree, or — when the tree cannot be read —
    /// path lookup, with a note saying so.
    static func readSquash(_ squash: SquashImage) -> (RootfsSource, [String]) {
        do {
            return (SquashRootfs(image: squash, tree: try squash.readTree()), [])
        } catch let e as FormatError {
            return (SquashLookupRootfs(image: squash), ["the rootfs tree is damaged (\(e.located)); facts read by path lookup"])
        } catch {
            return (SquashLookupRootfs(image: squash), ["the rootfs tree is damaged (\(error)); facts read by path lookup"])
        }
    }

    /// The image side read from a rootfs (any `RootfsSource`, nil when none could be opened)
    /// and what is known of its kernel. Images (`.firmware`, `.squashfs`) are salvaged: what
    /// cannot be read is added to `lost`; snapshots and folders are read strictly.
    static func side(_ path: String, rootfs: RootfsSource?, source: ImageSide.Source, imageConfig: String?,
                     config kernelConfig: (KernelConfig, String)? = nil, bannerRelease: String? = nil,
                     kernelDigest: String? = nil, lost: [String] = []) throws -> ImageSide {
        var lost = lost
        let salvage = source == .firmware || source == .squashfs
        var facts = RootfsFacts.empty
        if let rootfs {
            facts = try withFile(path) { try RootfsFacts(reading: rootfs, salvage: salvage) }
            lost += facts.unreadable.map { "cannot read \($0)" }
        }
        if facts.kernelPackageVersion == nil, source == .firmware {
            facts.fillKernelPackage(fromManifestBesides: path, release: bannerRelease)
            if let src = facts.kernelPackageSource {
                lost.append("the rootfs records no installed kernel package: its version is taken from the \(src)")
            }
        }
        guard let kv = facts.kernelPackageVersion else {
            let why = lost.isEmpty ? "" : " (\(lost.joined(separator: "; ")))"
            throw FormatError(.invalid, context: "read rootfs", "no installed kernel package (opkg status / apk db)\(why): the version the kmods must depend on is unknown", file: path)
        }
        guard let kpv = KernelPackageVersion(kv) else {
            throw FormatError(.invalid, context: "read rootfs", "kernel package version \(kv.debugDescription) carries no vermagic", file: path)
        }
        var modules: [KernelModule] = []
        let release = facts.moduleReleases.first ?? bannerRelease
        if let release, let rootfs {
            modules = try ImageLoader.modules(of: rootfs, release: release, file: path, salvage: salvage, lost: &lost)
        }
        if !lost.isEmpty && modules.isEmpty {
            lost.append("no installed modules could be read: the module vermagic and symbol checks have nothing from the image to compare with")
        }
        var config: KernelConfig? = nil
        var configSource: String? = nil
        if let c = imageConfig {
            config = try KernelConfig.open(c); configSource = c
        } else if let (c, src) = kernelConfig {
            config = c; configSource = src
        }
        var side = ImageSide(path: path, kernelPackage: kpv, arch: facts.arch, release: release, modules: modules,
                             config: config, configSource: configSource, kernelDigest: kernelDigest,
                             packageManager: facts.packageManager ?? "opkg", source: source)
        side.lostEvidence = lost
        return side
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

extension ImageLoader {
    /// Every `.ko` below /lib/modules/<release> of `rootfs`, parsed (read in place, nothing
    /// extracted). Symlinked folders are not followed (a rootfs folder refuses them; in a
    /// squashfs they could loop, e.g. build -> ../..), and the depth is bounded. With
    /// `salvage`, a folder or module that cannot be read is named in `lost` and skipped;
    /// otherwise the error names the input, with the module in its context.
    static func modules(of rootfs: RootfsSource, release: String, file: String, salvage: Bool = false,
                        lost: inout [String]) throws -> [KernelModule] {
        var out: [KernelModule] = []
        var stack = ["lib/modules/" + release]
        while let dir = stack.popLast() {
            let names: [String]
            do { names = try rootfs.list(dir) ?? [] } catch {
                guard salvage else { throw error }
                lost.append("cannot read /\(dir): \(error)"); continue
            }
            for name in names {
                let p = dir + "/" + name
                do {
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
                        out.append(try KernelModule(parsing: b, path: "/" + p))
                    } catch var e as FormatError {
                        // Named by the input (image, snapshot, folder), the module inside it in the context.
                        e.context = "/\(p): \(e.context)"
                        e.file = file
                        throw e
                    }
                } catch {
                    guard salvage else { throw error }
                    lost.append("cannot read module /\(p): \((error as? FormatError)?.located ?? "\(error)")")
                }
            }
        }
        return out.sorted { $0.path < $1.path }
    }
}
