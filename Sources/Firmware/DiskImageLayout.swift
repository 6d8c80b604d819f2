import BinaryIO

/// OpenWrt x86 combined image: an MBR disk image with a boot partition and a squashfs
/// rootfs partition (openwrt target/linux/x86/image/Makefile, scripts/gen_image_generic.sh
/// with firmware-utils ptgen), usually `gzip -9n`'d with fwtool metadata appended after
/// the gzip stream (include/image.mk; sysupgrade on x86 reads past the gzip member).
///
/// MBR: 446 bytes of boot code, four 16-byte partition entries (status, CHS, type, CHS,
/// le32 first LBA, le32 sector count), 0x55 0xAA at 510.
public struct DiskImageLayout: Sendable, Equatable {
    /// Largest decompressed disk accepted.
    public static let maxDiskSize = 1 << 30

    /// One MBR partition entry.
    public struct Partition: Sendable, Equatable {
        /// 1-based entry number in the MBR table.
        public var index: Int
        /// Partition type byte (0x83 Linux, 0xef EFI...).
        public var type: UInt8
        /// Status byte 0x80.
        public var bootable: Bool
        /// Byte offset on the disk (first LBA * 512).
        public var offset: Int
        /// Length in bytes (sectors * 512).
        public var size: Int
    }

    /// Whether the disk is wrapped in gzip.
    public var gzipped: Bool
    /// Input bytes the gzip stream used (gzipped images).
    public var gzipSize: Int
    /// The raw disk image (decompressed when gzipped).
    public var disk: [UInt8]
    /// Non-empty MBR entries sorted by offset.
    public var partitions: [Partition]
    /// Index into `partitions` of the squashfs rootfs.
    public var rootfsPartition: Int?
    /// The rootfs superblock (offset relative to the disk).
    public var rootfs: SquashfsSpan?
    /// Length of everything before the fwtool chunks (the gzip stream or the raw disk).
    public var bodySize: Int
    /// fwtool chunks after the gzip stream or disk, in file order.
    public var chunks: [FwtoolChunk]

    /// The kernel lives inside the boot partition's filesystem; not extracted.
    public var kernelImage: [UInt8]? { nil }

    /// The rootfs bytes (`bytes_used` long).
    public var rootfsImage: [UInt8]? {
        guard let r = rootfs else { return nil }
        return Array(disk[Int(r.offset) ..< Int(r.end)])
    }

    static func hasMBR(_ b: [UInt8]) -> Bool { b.count >= 512 && b[510] == 0x55 && b[511] == 0xaa }

    /// A gzip stream or a raw MBR disk.
    public static func matches(_ bytes: [UInt8]) -> Bool {
        (bytes.count > 18 && bytes[0] == 0x1f && bytes[1] == 0x8b) || hasMBR(bytes)
    }

    /// Parses the disk (inflating a gzip wrapper, bounded) and its partition table.
    public static func parse(_ bytes: [UInt8]) throws -> DiskImageLayout {
        var disk = bytes
        var gz = false
        var gzSize = 0
        var bodyEnd = bytes.count
        var chunks: [FwtoolChunk] = []
        if bytes[0] == 0x1f && bytes[1] == 0x8b {
            let inf = try Deflate.inflate(bytes, framing: .gzip, maxOutput: maxDiskSize, context: "inflate disk image")
            disk = inf.bytes
            gz = true
            gzSize = inf.consumed
            let (c, start) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
            guard start >= gzSize else {
                throw FormatError(.invalid, offset: UInt64(start), context: "read fwtool trailer", "chunk overlaps the gzip stream")
            }
            guard start == gzSize else {
                throw FormatError(.invalid, offset: UInt64(gzSize), context: "read gzip trailer",
                                  "\(start - gzSize) unexplained bytes after the gzip stream")
            }
            chunks = c
            bodyEnd = gzSize
        } else {
            let (c, start) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
            chunks = c
            bodyEnd = start
            disk = Array(bytes[..<start])
        }
        guard hasMBR(disk) else {
            throw FormatError(.invalid, offset: 510, context: "read MBR", "no 0x55AA boot signature")
        }
        var parts: [Partition] = []
        for i in 0 ..< 4 {
            var r = try ByteReader(disk, context: "read MBR partition \(i + 1)").view(at: 446 + 16 * i, length: 16)
            let status = try r.u8("status")
            try r.skip(3)
            let type = try r.u8("type")
            try r.skip(3)
            let lba = try r.u32le("first LBA")
            let count = try r.u32le("sectors")
            guard type != 0, count != 0 else { continue }
            let off = try Checked.mul(Int(lba), 512, "partition offset")
            let size = try Checked.mul(Int(count), 512, "partition size")
            guard try Checked.add(off, size, "partition end") <= disk.count else {
                throw FormatError(.truncated, offset: UInt64(446 + 16 * i + 8), context: "read MBR partition \(i + 1)",
                                  "partition [\(off), +\(size)) beyond disk end \(disk.count)")
            }
            parts.append(Partition(index: i + 1, type: type, bootable: status == 0x80, offset: off, size: size))
        }
        parts.sort { $0.offset < $1.offset }
        for k in 1 ..< max(1, parts.count) where parts[k].offset < parts[k - 1].offset + parts[k - 1].size {
            throw FormatError(.invalid, offset: 446, context: "read MBR", "partitions \(parts[k - 1].index) and \(parts[k].index) overlap")
        }
        var layout = DiskImageLayout(gzipped: gz, gzipSize: gzSize, disk: disk, partitions: parts, rootfsPartition: nil,
                                     rootfs: nil, bodySize: bodyEnd, chunks: chunks)
        if let k = parts.firstIndex(where: { SquashfsSpan.matches(disk, at: $0.offset) }) {
            let p = parts[k]
            let span = try SquashfsSpan(in: disk, at: p.offset, limit: p.offset + p.size, context: "read rootfs partition \(p.index)")
            layout.rootfsPartition = k
            layout.rootfs = span
        }
        return layout
    }

    /// Outer regions: the gzip stream (or MBR, partitions and gaps of a raw disk) and
    /// fwtool chunks.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        if gzipped {
            let n = gzipSize
            let storedCRC = n >= 8 ? UInt32(bytes[n - 8]) | UInt32(bytes[n - 7]) << 8 | UInt32(bytes[n - 6]) << 16 | UInt32(bytes[n - 5]) << 24 : 0
            rs.append(Region(offset: 0, size: UInt64(n), role: .gzip,
                             checksums: [Checksum(kind: "gzip-crc32", stored: storedCRC, computed: CRC32.checksum(disk))],
                             note: "disk image, \(disk.count) bytes inflated, \(partitions.count) partitions"))
        } else {
            rs.append(Region(offset: 0, size: 512, role: .mbr))
            var pos = 512
            for (k, p) in partitions.enumerated() {
                if p.offset > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(p.offset - pos), role: .diskGap)) }
                rs.append(Region(offset: UInt64(p.offset), size: UInt64(p.size), role: k == rootfsPartition ? .rootfs : .partition,
                                 note: "partition \(p.index) type 0x\(String(p.type, radix: 16))"))
                pos = p.offset + p.size
            }
            if pos < bodySize { rs.append(Region(offset: UInt64(pos), size: UInt64(bodySize - pos), role: .diskGap)) }
        }
        var pos = UInt64(bodySize)
        var reg: UInt32 = 0xffff_ffff
        var crcPos = 0
        for c in chunks {
            let t = Int(pos) + c.data.count
            reg = CRC32.uninverted(Array(bytes[crcPos ..< t]), continuing: reg)
            crcPos = t
            rs += c.regions(at: pos, crcBefore: reg)
            pos += UInt64(c.data.count + FwtoolChunk.trailerSize)
        }
        return rs
    }
}
