import BinaryIO
import Firmware
import Platform
import Squash
#if canImport(Glibc)
import Glibc
#endif

/// The image an offline apk install edits: a firmware image (any layout `FirmwareImage`
/// reads; the squashfs rootfs is read in place when stored verbatim) or a bare squashfs
/// rootfs (`hsqs` at offset 0, e.g. an apk-era `rootfs.sqfs`), which is written back bare.
struct InstallApkImage {
    /// The firmware image, nil for a bare squashfs.
    let firmware: FirmwareImage?
    /// The rootfs squashfs.
    let squash: SquashImage
    /// A temporary copy of the rootfs, removed by `close()`.
    private let tempCopy: String?

    /// Layout name for the report.
    var kind: String { firmware?.kind.rawValue ?? "squashfs" }

    /// Opens `path`; a temporary rootfs copy (when needed) is made beside `output`.
    static func open(_ path: String, output: String) throws -> InstallApkImage {
        let file = try RandomAccessFile(path: path)
        if Superblock.looksLikeSquashfs(file: file) {
            let sq = try withFile(path) { try SquashImage(view: try file.view()) }
            return InstallApkImage(firmware: nil, squash: sq, tempCopy: nil)
        }
        let fw = try FirmwareImage.open(path)
        guard let span = fw.rootfsSpan, let rootBytes = fw.rootfsImage else {
            if let p = fw.problems.first {
                throw FormatError(.refused, context: "install", "the rootfs cannot be read (\(p.located)); install rewrites it and refuses a damaged one", file: path)
            }
            throw FormatError(.unsupported, context: "install", "the image has no squashfs rootfs", file: path)
        }
        let start = Int(span.offset), end = start + rootBytes.count
        if end <= fw.bytes.count, fw.bytes[start ..< end].elementsEqual(rootBytes) {
            let view = try file.view(base: span.offset, length: UInt64(rootBytes.count))
            return InstallApkImage(firmware: fw, squash: try withFile(path) { try SquashImage(view: view) }, tempCopy: nil)
        }
        let t = FS.temporarySibling(of: output, tag: "source-rootfs")
        try FS.writeAtomically(rootBytes, to: t)
        do {
            let view = try RandomAccessFile(path: t).view()
            return InstallApkImage(firmware: fw, squash: try withFile(path) { try SquashImage(view: view) }, tempCopy: t)
        } catch {
            unlink(t)
            throw error
        }
    }

    /// Removes the temporary rootfs copy, if any.
    func close() { if let t = tempCopy { unlink(t) } }

    /// Writes `tree` to `output`: a bare squashfs with the original's compressor, options,
    /// block size and time (unchanged files' blocks copied), or the rebuilt firmware image.
    func write(_ tree: Tree, to output: String, rebuild: RebuildOptions, progress: ProgressMeter? = nil) throws -> InstallRepack.Result {
        if let firmware {
            let (bytes, r) = try InstallRepack.rebuild(firmware, tree: tree, matching: squash, output: output,
                                                       rebuildOptions: rebuild, progress: progress)
            try FS.writeAtomically(bytes, to: output)
            return r
        }
        // Written beside the output first, so a refused size leaves no output behind.
        let tmp = FS.temporarySibling(of: output, tag: "rootfs")
        defer { unlink(tmp) }
        let report = try SquashWriter.write(tree, to: tmp, options: InstallRepack.options(matching: squash), progress: progress,
                                            progressLabel: "repack \(FS.basename(of: output))")
        if let max = rebuild.maxImageSize, report.bytesUsed > max {
            throw FormatError(.refused, context: "install", "the new rootfs is \(report.bytesUsed) bytes, more than --max-image-size \(max)")
        }
        guard rename(tmp, output) == 0 else { throw FormatError.errno("rename into place", file: output) }
        FS.syncDirectory(FS.dirname(of: output))
        let d = report.data
        let before = squash.superblock.bytesUsed
        return InstallRepack.Result(rootfsBytesBefore: before, rootfsBytesAfter: report.bytesUsed,
                                    imageBytesBefore: Int(clamping: before), imageBytesAfter: Int(clamping: report.bytesUsed),
                                    inodes: report.inodes, blocksReused: d.copiedBlocks, fragmentsReused: d.copiedFragments,
                                    blocksCompressed: d.compressedBlocks, warnings: [])
    }
}
