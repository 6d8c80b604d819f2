import BinaryIO
import Firmware
import Platform
import Squash
#if canImport(Glibc)
import Glibc
#endif

/// Repacks an edited rootfs and the firmware image around it: the squashfs is written
/// with the original image's compressor, compressor options, block size, flags and
/// creation time, so every unchanged file's data blocks and fragment blocks are copied
/// as they are (Squash `DataWriter`), then `FirmwareImage.rebuild(replacingRootfs:)`
/// recomputes every header, CRC, padding, marker and fwtool trailer of the layout.
public enum InstallRepack {
    /// Sizes and block statistics of a repack.
    public struct Result: Sendable, Codable {
        /// squashfs bytes_used of the original rootfs.
        public var rootfsBytesBefore: UInt64
        /// squashfs bytes_used of the new rootfs.
        public var rootfsBytesAfter: UInt64
        /// Size of the input image.
        public var imageBytesBefore: Int
        /// Size of the output image.
        public var imageBytesAfter: Int
        /// Inodes in the new rootfs.
        public var inodes: Int
        /// Data blocks copied from the original image without recompressing.
        public var blocksReused: Int
        /// Fragment blocks copied from the original image.
        public var fragmentsReused: Int
        /// Data and fragment blocks compressed anew (new or changed files).
        public var blocksCompressed: Int
        /// What the user should know (e.g. a dropped fwtool signature).
        public var warnings: [String]
    }

    /// Writer options matching `image` (superblock compressor, block size, flags, time and
    /// the image's own codec, so its compressor options are written back unchanged).
    /// OpenWrt images are written with `-nopad` and `-root-owned` (include/image.mk); the
    /// output is unpadded, and root-owned when every id of the original is 0.
    public static func options(matching image: SquashImage) -> SquashWriterOptions {
        let sb = image.superblock
        var o = SquashWriterOptions(mkfsTime: sb.modificationTime, compressor: sb.compressor, blockSize: sb.blockSize)
        o.fragments = !sb.flags.contains(.noFragments)
        o.alwaysFragments = sb.flags.contains(.alwaysFragments)
        o.exportable = sb.flags.contains(.exportable)
        o.duplicates = sb.flags.contains(.duplicates)
        o.codec = image.codec
        o.padTo4K = false
        o.rootOwned = image.ids.ids.allSatisfy { $0 == 0 }
        return o
    }

    /// Like `rebuild`, but writes `output` itself (atomically): a FIT with an external
    /// rootfs is streamed from the new squashfs file (`FirmwareImage.rebuildWritingFile`),
    /// so neither the new rootfs nor the new image is held in memory; other images are
    /// rebuilt in memory and written.
    public static func rebuildWriting(_ firmware: FirmwareImage, tree: Tree, matching image: SquashImage, output: String,
                                      rebuildOptions: RebuildOptions, progress: ProgressMeter? = nil) throws -> Result {
        let tmp = FS.temporarySibling(of: output, tag: "rootfs")
        defer { unlink(tmp) }
        let report = try SquashWriter.write(tree, to: tmp, options: options(matching: image), progress: progress,
                                            progressLabel: "repack \(FS.basename(of: output))")
        let warnings: [String]
        do {
            if let r = try firmware.rebuildWritingFile(replacingRootfsFile: tmp, to: output, options: rebuildOptions) {
                warnings = r.warnings
            } else {
                let rebuilt = try firmware.rebuild(replacingRootfs: try FS.read(tmp, limit: FirmwareImage.maxImageSize),
                                                   options: rebuildOptions)
                try FS.writeAtomically(rebuilt.bytes, to: output)
                warnings = rebuilt.warnings
            }
        } catch let e as FormatError where e.kind == .refused {
            throw FormatError(.refused, offset: e.offset, context: e.context,
                              "\(e.message) (rootfs was \(image.superblock.bytesUsed) bytes, is now \(report.bytesUsed))",
                              file: e.file)
        }
        let d = report.data
        return Result(rootfsBytesBefore: image.superblock.bytesUsed, rootfsBytesAfter: report.bytesUsed,
                      imageBytesBefore: firmware.bytes.count, imageBytesAfter: Int(try FS.size(output)),
                      inodes: report.inodes, blocksReused: d.copiedBlocks, fragmentsReused: d.copiedFragments,
                      blocksCompressed: d.compressedBlocks, warnings: warnings)
    }

    /// Writes `tree` as a squashfs next to `output`, rebuilds `firmware` around it and
    /// returns the new image bytes (nothing is written to `output` here). `progress` counts
    /// the bytes of the rootfs written.
    public static func rebuild(_ firmware: FirmwareImage, tree: Tree, matching image: SquashImage, output: String,
                               rebuildOptions: RebuildOptions, progress: ProgressMeter? = nil) throws -> (bytes: [UInt8], result: Result) {
        let tmp = FS.temporarySibling(of: output, tag: "rootfs")
        defer { unlink(tmp) }
        let report = try SquashWriter.write(tree, to: tmp, options: options(matching: image), progress: progress,
                                            progressLabel: "repack \(FS.basename(of: output))")
        let sqfs = try FS.read(tmp, limit: FirmwareImage.maxImageSize)
        let rebuilt: RebuildResult
        do {
            rebuilt = try firmware.rebuild(replacingRootfs: sqfs, options: rebuildOptions)
        } catch let e as FormatError where e.kind == .refused {
            throw FormatError(.refused, offset: e.offset, context: e.context,
                              "\(e.message) (rootfs was \(image.superblock.bytesUsed) bytes, is now \(report.bytesUsed))",
                              file: e.file)
        }
        let d = report.data
        let result = Result(rootfsBytesBefore: image.superblock.bytesUsed, rootfsBytesAfter: report.bytesUsed,
                            imageBytesBefore: firmware.bytes.count, imageBytesAfter: rebuilt.bytes.count,
                            inodes: report.inodes, blocksReused: d.copiedBlocks, fragmentsReused: d.copiedFragments,
                            blocksCompressed: d.compressedBlocks, warnings: rebuilt.warnings)
        return (rebuilt.bytes, result)
    }
}
