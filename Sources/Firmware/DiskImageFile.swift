#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Codecs
import Platform

/// An x86 disk image worked on through files instead of memory (for `install`): the gzip
/// stream is inflated chunk by chunk into a temporary disk file beside the output, the
/// partitions are edited in place there (libext2fs opens the file at the partition
/// offset; a new squashfs is copied over the old one), every GPT CRC is recomputed, and
/// the disk is deflated again chunk by chunk with the fwtool chunks appended — so peak
/// memory stays far below the disk size. Layout rules as `DiskImageLayout`.
public final class DiskImageFile: @unchecked Sendable {
    /// The image file read.
    public let source: String
    /// The temporary raw disk.
    public let diskPath: String
    let disk: RandomAccessFile
    /// Disk size in bytes.
    public let diskSize: Int
    /// Whether the image was gzip'd.
    public let gzipped: Bool
    /// Bytes of the gzip stream (or raw disk) before the fwtool chunks.
    public let bodySize: Int
    /// Size of the input image file.
    public let imageSize: Int
    /// fwtool chunks after the body.
    public let chunks: [FwtoolChunk]
    /// Partitions sorted by offset, with their filesystems.
    public let partitions: [DiskImageLayout.Partition]
    /// The GPT, for EFI images.
    public let gpt: GPTLayout?
    /// Index of the rootfs partition.
    public let rootfsPartition: Int?
    /// The image family (x86-combined or x86-combined-efi), as `FirmwareImage` names it.
    public var kind: FirmwareImage.Kind { DiskImageLayout.kind(hasGPT: gpt != nil) }
    /// Disk bytes whose original gzip blocks the last `write` reused.
    public private(set) var reusedBytes = 0

    /// Inflates (or copies) `path` into a temporary disk file beside `scratch` and reads
    /// its partition table.
    public static func open(_ path: String, scratch: String) throws -> DiskImageFile {
        try DiskImageFile(path: path, scratch: scratch)
    }

    private init(path: String, scratch: String) throws {
        source = path
        let input = try RandomAccessFile(path: path)
        imageSize = Int(input.size)
        let tailLength = Int(min(input.size, 256 << 10))
        let tail = try input.read(at: input.size - UInt64(tailLength), count: tailLength, context: "read fwtool trailer")
        let (c, startInTail) = try FwtoolChunk.parseChain(tail, end: tail.count)
        chunks = c
        let chunkStart = imageSize - tailLength + startInTail
        let head = try input.read(at: 0, count: min(imageSize, 2), context: "read image")
        gzipped = head.count == 2 && head[0] == 0x1f && head[1] == 0x8b
        diskPath = FS.temporarySibling(of: scratch, tag: "disk")
        let d = try RandomAccessFile(creating: diskPath, mode: 0o600)
        disk = d
        do {
            if gzipped {
                let r = try GzipStream.inflate(input, end: UInt64(chunkStart), into: d, maxOutput: DiskImageLayout.maxDiskSize,
                                               context: "inflate disk image")
                guard r.consumed == chunkStart else {
                    throw FormatError(.invalid, offset: UInt64(r.consumed), context: "read gzip trailer",
                                      "\(chunkStart - r.consumed) unexplained bytes after the gzip stream")
                }
                diskSize = r.produced
            } else {
                var pos = 0
                while pos < chunkStart {
                    let n = min(1 << 20, chunkStart - pos)
                    try d.write(try input.read(at: UInt64(pos), count: n), at: UInt64(pos))
                    pos += n
                }
                diskSize = chunkStart
            }
            bodySize = chunkStart
            let size = diskSize
            let table = try DiskImageLayout.partitionTable(diskSize: size) { off, n in
                guard off >= 0, n >= 0, off <= size - n else {
                    throw FormatError(.truncated, offset: UInt64(max(0, off)), context: "read disk", "\(n) bytes at \(off) beyond the disk end \(size)")
                }
                return try d.read(at: UInt64(off), count: n, context: "read disk")
            }
            partitions = table.partitions
            gpt = table.gpt
            rootfsPartition = table.rootfs
        } catch let e as FormatError {
            unlink(diskPath)
            throw e.file == nil ? e.inFile(path) : e
        } catch {
            unlink(diskPath)
            throw error
        }
    }

    deinit { unlink(diskPath) }

    /// The rootfs partition.
    public var rootfs: DiskImageLayout.Partition? { rootfsPartition.map { partitions[$0] } }

    /// Reads disk bytes.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        try disk.read(at: UInt64(offset), count: count, context: "read disk")
    }

    /// Copies the file `path` over partition `p` from its start, zeroing what remains of
    /// the old content up to `oldEnd` (a partition-relative length); refuses a file larger
    /// than the partition.
    public func replacePartitionContent(_ p: DiskImageLayout.Partition, from path: String, oldLength: Int) throws {
        let src = try RandomAccessFile(path: path)
        let n = Int(src.size)
        guard n <= p.size else {
            throw FormatError(.refused, offset: UInt64(p.offset), context: "rebuild disk image",
                              "rootfs of \(n) bytes does not fit partition \(p.index) of \(p.size) bytes (\(n - p.size) too many)", file: source)
        }
        var pos = 0
        while pos < n {
            let k = min(1 << 20, n - pos)
            try disk.write(try src.read(at: UInt64(pos), count: k), at: UInt64(p.offset + pos))
            pos += k
        }
        while pos < min(oldLength, p.size) {
            let k = min(1 << 20, min(oldLength, p.size) - pos)
            try disk.write([UInt8](repeating: 0, count: k), at: UInt64(p.offset + pos))
            pos += k
        }
    }

    /// Rewrites the GPT headers and entry arrays with every CRC recomputed.
    public func resealGPT() throws {
        guard let g = gpt else { return }
        for w in try g.resealedWrites(read: { try self.read(at: $0, count: $1) }) {
            try disk.write(w.bytes, at: UInt64(w.offset))
        }
    }

    /// Writes the image to `output` atomically: the disk gzip'd again (zlib level 9, no
    /// name or time, like `gzip -9n`) when the input was, then the fwtool chunks with
    /// every trailer CRC recomputed (metadata replaced by `options.metadataJSON`; a
    /// signature re-signed with `options.signer` or dropped with a warning). Returns the
    /// output size.
    public func write(to output: String, options: RebuildOptions, warnings: inout [String]) throws -> Int {
        try disk.sync()
        let tmp = FS.temporarySibling(of: output)
        do {
            let out = try RandomAccessFile(creating: tmp)
            var reg: UInt32 = 0xffff_ffff
            var pos: Int
            if gzipped {
                // Unchanged stretches keep their original compressed blocks (GzipStream.recompress).
                let input = try RandomAccessFile(path: source)
                if let r = try GzipStream.recompress(original: input, end: UInt64(bodySize), newData: disk, size: diskSize,
                                                     level: 9, into: out, register: &reg) {
                    pos = r.written
                    reusedBytes = r.stats.reusedBytes
                } else {
                    reg = 0xffff_ffff
                    pos = try GzipStream.deflate(disk, size: diskSize, level: 9, into: out, at: 0, register: &reg)
                }
            } else {
                pos = 0
                while pos < diskSize {
                    let b = try read(at: pos, count: min(1 << 20, diskSize - pos))
                    try out.write(b, at: UInt64(pos))
                    reg = CRC32.uninverted(b, continuing: reg)
                    pos += b.count
                }
            }
            // The image changed, so a signature is re-signed or dropped (existing chain code).
            let bodyLength = pos
            let tail = try FirmwareImage.chunkTail(chunks, register: &reg, originalBodySize: bodySize, options: options, warnings: &warnings,
                                                   signedUnchanged: { _, _ in false },
                                                   message: { tail in try out.read(at: 0, count: bodyLength, context: "read output for signing") + tail })
            try out.write(tail, at: UInt64(pos))
            pos += tail.count
            if let max = options.maxImageSize, UInt64(pos) > max {
                throw FormatError(.refused, context: "rebuild image", "image would be \(pos) bytes, \(UInt64(pos) - max) more than the allowed \(max)")
            }
            try out.sync()
            guard rename(tmp, output) == 0 else { throw FormatError.errno("rename into place", file: output) }
            return pos
        } catch {
            unlink(tmp)
            throw error
        }
    }
}
