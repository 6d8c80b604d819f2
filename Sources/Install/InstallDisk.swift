import BinaryIO
import Firmware
import Platform
import Squash
#if canImport(Glibc)
import Glibc
#endif

/// `install` into an x86 disk image (`*-combined.img.gz`, `*-combined-efi.img.gz`): the
/// same plan as `OfflineInstaller` (resolver, opkg database, info files), written by a
/// different backend. The disk is inflated into a temporary file beside the output
/// (`DiskImageFile`); an ext2/3/4 rootfs partition is edited in place with libext2fs
/// (only what the install changed is written: new and changed files, directories,
/// symlinks, permissions, owners and times), a squashfs rootfs partition is rewritten as
/// `InstallRepack` does and copied over the old one; partition sizes stay, every GPT CRC
/// is recomputed, the disk is gzip'd again and the fwtool chunks re-appended.
enum InstallDisk {
    static func run(_ options: InstallOptions) throws -> InstallReport {
        let disk = try DiskImageFile.open(options.image, scratch: options.output)
        guard let p = disk.rootfs else {
            throw FormatError(.unsupported, context: "install", "the disk image has no squashfs or ext rootfs partition", file: options.image)
        }
        var root: InstallRootfs
        var repack = InstallRepack.Result(rootfsBytesBefore: 0, rootfsBytesAfter: 0, imageBytesBefore: disk.imageSize, imageBytesAfter: 0,
                                          inodes: 0, blocksReused: 0, fragmentsReused: 0, blocksCompressed: 0, warnings: [])
        let applied: OfflineInstaller.Applied
        switch p.filesystem {
        case .squashfs:
            let view = try RandomAccessFile(path: disk.diskPath).view(base: UInt64(p.offset), length: UInt64(p.size))
            let squash = try withFile(options.image) { try SquashImage(view: view) }
            let tree = try withFile(options.image) { try squash.readTree() }
            root = InstallRootfs(tree: tree, image: squash, installTime: options.installTime ?? squash.superblock.modificationTime)
            guard let a = try OfflineInstaller.applyAll(options, root: &root) else { throw apkRefusal(options) }
            applied = a
            let tmp = FS.temporarySibling(of: options.output, tag: "rootfs")
            defer { unlink(tmp) }
            let w = try SquashWriter.write(root.tree, to: tmp, options: InstallRepack.options(matching: squash))
            try withFile(options.image) {
                try disk.replacePartitionContent(p, from: tmp, oldLength: Int(squash.superblock.bytesUsed))
            }
            repack.rootfsBytesBefore = squash.superblock.bytesUsed
            repack.rootfsBytesAfter = w.bytesUsed
            repack.inodes = w.inodes
            repack.blocksReused = w.data.copiedBlocks
            repack.fragmentsReused = w.data.copiedFragments
            repack.blocksCompressed = w.data.compressedBlocks
        case .ext:
            let fs = try Ext4Filesystem.open(disk.diskPath, offset: UInt64(p.offset), writable: true, label: options.image)
            let usedBefore = fs.blockCounts
            let tree = try withFile(options.image) { try fs.readTree() }
            root = InstallRootfs(tree: tree, image: nil, installTime: options.installTime ?? fs.mkfsTime)
            root.ext = fs
            guard let a = try OfflineInstaller.applyAll(options, root: &root) else { throw apkRefusal(options) }
            applied = a
            try withFile(options.image) {
                try fs.apply(from: tree, to: root.tree) { try FS.read($0, limit: UInt64(DiskImageLayout.maxDiskSize)) }
            }
            let usedAfter = fs.blockCounts
            repack.rootfsBytesBefore = (usedBefore.total - usedBefore.free) * UInt64(fs.blockSize)
            repack.rootfsBytesAfter = (usedAfter.total - usedAfter.free) * UInt64(fs.blockSize)
            repack.inodes = root.tree.count
            try withFile(options.image) { try fs.close() }
        default:
            throw FormatError(.unsupported, context: "install", "rootfs partition \(p.index) holds no squashfs or ext filesystem", file: options.image)
        }
        try disk.resealGPT()
        var warnings: [String] = []
        repack.imageBytesAfter = try disk.write(to: options.output, options: options.rebuild, warnings: &warnings)
        repack.warnings = warnings
        var report = InstallReport(image: options.image, output: options.output,
                                   imageKind: disk.kind.rawValue,
                                   kernelPackage: applied.status.installed("kernel")?.version, installedTime: root.installTime,
                                   packages: applied.results, dependencies: applied.plan.requirements, keys: applied.keys,
                                   feedLines: applied.linesAdded, forced: applied.forced, repack: repack, warnings: warnings)
        report.summarize()
        return report
    }

    static func apkRefusal(_ options: InstallOptions) -> FormatError {
        FormatError(.unsupported, context: "install", "the disk image's rootfs uses apk; installing .apk packages into x86 disk images is not supported", file: options.image)
    }
}
