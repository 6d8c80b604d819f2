#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Firmware
import KernelABI
import Squash

/// Reads the image side of a rebase from a firmware file: Firmware finds the kernel and
/// rootfs regions, the kernel payload gives the banner, IKCONFIG and a digest of the
/// decompressed kernel, and Squash reads the rootfs in place (nothing is extracted).
public enum ImageLoader {
    /// Loads `path`. `imageConfig` (a `.config`) stands in when the kernel has no IKCONFIG.
    ///
    /// A damaged rootfs does not stop the load: what rebase needs first is the kernel's
    /// identity. The facts are salvaged by path lookup (`SquashLookupRootfs`), modules that
    /// cannot be read are skipped, and `lostEvidence` says what is missing (installed
    /// modules, symbol checks). Only the installed kernel package version — the version the
    /// kmods must depend on — is indispensable: without it the load fails naming why.
    public static func load(_ path: String, imageConfig: String? = nil) throws -> ImageSide {
        let file = try RandomAccessFile(path: path)
        var payload: KernelPayload? = nil
        var squash: SquashImage? = nil
        var lost: [String] = []
        var extRootfs: (any RootfsSource)? = nil
        if file.size >= 4, try file.read(at: 0, count: 4) == Array("hsqs".utf8) {
            // A bare rootfs (e.g. an unpacked or apk-era rootfs.sqfs): no kernel to read.
            squash = try withFile(path) { try SquashImage(view: try file.view()) }
        } else {
            let fw = try FirmwareImage.open(path)
            do { payload = try fw.kernelPayload() } catch let e as FormatError where e.kind == .unsupported { payload = nil }
            if case .disk(let l) = fw.layout, let p = l.extRootfs {
                // x86 ext4 rootfs: read through libext2fs from a temporary copy of the partition.
                extRootfs = try withFile(path) { try l.openExtRootfs(p) }
            } else if let span = fw.rootfsSpan {
                do {
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
                } catch let e as FormatError {
                    lost.append("the rootfs at 0x\(String(span.offset, radix: 16)) cannot be opened (\(e.located))")
                }
            } else if fw.problems.isEmpty {
                throw FormatError(.invalid, context: "read image", "no squashfs rootfs found in the image", file: path)
            } else {
                lost += fw.problems.map(\.located)
            }
        }
        var facts: RootfsFacts? = nil
        var source: RootfsSource? = nil
        if let ext = extRootfs {
            facts = try withFile(path) { try RootfsFacts(reading: ext) }
            source = ext
        } else if let squash {
            do {
                let tree = try withFile(path) { try squash.readTree() }
                let rootfs = SquashRootfs(image: squash, tree: tree)
                facts = try withFile(path) { try RootfsFacts(reading: rootfs) }
                source = rootfs
            } catch let e as FormatError {
                lost.append("the rootfs tree is damaged (\(e.located)); facts read by path lookup")
                let lookup = SquashLookupRootfs(image: squash)
                facts = try? RootfsFacts(reading: lookup, salvage: true)
                lost += facts?.unreadable.map { "cannot read \($0)" } ?? []
                source = lookup
            }
        }
        let bannerRelease = payload?.release
        if facts == nil, payload != nil { facts = RootfsFacts.empty }
        if facts?.kernelPackageVersion == nil {
            facts?.fillKernelPackage(fromManifestBesides: path, release: bannerRelease)
            if let src = facts?.kernelPackageSource {
                lost.append("the rootfs records no installed kernel package: its version is taken from the \(src)")
            }
        }
        guard let facts, let kv = facts.kernelPackageVersion else {
            let why = lost.isEmpty ? "" : " (\(lost.joined(separator: "; ")))"
            throw FormatError(.invalid, context: "read rootfs", "no installed kernel package (opkg status / apk db)\(why): the version the kmods must depend on is unknown", file: path)
        }
        guard let kpv = KernelPackageVersion(kv) else {
            throw FormatError(.invalid, context: "read rootfs", "kernel package version \(kv.debugDescription) carries no vermagic", file: path)
        }
        var modules: [KernelModule] = []
        let release = facts.moduleReleases.first ?? payload?.release
        if let release, let source {
            modules = try source.modules(release: release, file: path, salvage: true, lost: &lost)
        }
        if !lost.isEmpty && modules.isEmpty {
            lost.append("no installed modules could be read: the module vermagic and symbol checks have nothing from the image to compare with")
        }
        var config: KernelConfig? = nil
        var configSource: String? = nil
        if let c = imageConfig {
            config = try KernelConfig.load(c); configSource = c
        } else if let text = payload?.config {
            config = KernelConfig.parse(text); configSource = "IKCONFIG"
        }
        var side = ImageSide(path: path, kernelPackage: kpv, arch: facts.arch, release: release, modules: modules,
                             config: config, configSource: configSource, kernelDigest: payload?.digest,
                             packageManager: facts.packageManager ?? "opkg")
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

extension RootfsSource {
    /// Every `.ko` below /lib/modules/<release>, parsed (read in place, nothing extracted).
    /// With `salvage`, a folder or module that cannot be read is named in `lost` and skipped.
    func modules(release: String, file: String, salvage: Bool, lost: inout [String]) throws -> [KernelModule] {
        var out: [KernelModule] = []
        var stack = ["lib/modules/" + release]
        while let dir = stack.popLast() {
            let names: [String]
            do { names = try list(dir) ?? [] } catch {
                guard salvage else { throw error }
                lost.append("cannot read /\(dir): \(error)"); continue
            }
            for name in names {
                let p = dir + "/" + name
                do {
                    if try list(p) != nil {
                        // Symlinked folders could loop (e.g. build -> ../..): bound the depth.
                        if p.split(separator: "/").count < 12 { stack.append(p) }
                        continue
                    }
                    guard name.hasSuffix(".ko"), let b = try readFile(p, limit: 64 << 20) else { continue }
                    out.append(try withFile(file) { try KernelModule.parse(b, path: "/" + p) })
                } catch {
                    guard salvage else { throw error }
                    lost.append("cannot read module /\(p): \(error)")
                }
            }
        }
        return out.sorted { $0.path < $1.path }
    }
}
