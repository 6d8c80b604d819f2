import BinaryIO
import Platform

/// The 96-byte squashfs 4.0 superblock, little-endian, at offset 0 of the image
/// (plougher/squashfs-tools squashfs_fs.h `struct squashfs_super_block`; squashfs-tools-ng
/// include/sqfs/super.h). Parsing applies the checks the kernel applies at mount
/// (fs/squashfs/super.c squashfs_fill_super, id.c, decompressor.c) plus the table-order
/// checks every image mksquashfs writes passes; fields the kernel ignores (unknown flag
/// bits, the exportable flag, the top 16 bits of the root inode reference) are kept, not
/// refused. `serialize()` writes every field back as read.
public struct Superblock: Sendable, Equatable {
    /// "hsqs" read as a little-endian u32.
    public static let magic: UInt32 = 0x7371_7368
    /// The byte-swapped magic ("sqsh"), written by big-endian squashfs 1.x-3.x images.
    public static let magicSwapped: UInt32 = 0x6873_7173
    /// Size of the on-disk superblock.
    public static let size = 96
    /// Value of a table start that is absent.
    public static let absent: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
    /// Smallest and largest block size squashfs 4.0 allows (4 KiB .. 1 MiB).
    public static let minBlockSize: UInt32 = 4096
    public static let maxBlockSize: UInt32 = 1 << 20
    /// Largest compressor-options payload the kernel reads (one 4 KiB page).
    public static let maxOptionsSize = 4096
    /// Uncompressed size of a metadata block.
    public static let metadataBlockSize = 8192

    /// Superblock flag bits (squashfs_fs.h SQUASHFS_*_FLAG / sqfs `SQFS_FLAG_*`).
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let uncompressedInodes = Flags(rawValue: 0x0001)
        public static let uncompressedData = Flags(rawValue: 0x0002)
        /// Unused in 4.0 ("check" in older versions).
        public static let check = Flags(rawValue: 0x0004)
        public static let uncompressedFragments = Flags(rawValue: 0x0008)
        public static let noFragments = Flags(rawValue: 0x0010)
        public static let alwaysFragments = Flags(rawValue: 0x0020)
        public static let duplicates = Flags(rawValue: 0x0040)
        public static let exportable = Flags(rawValue: 0x0080)
        public static let uncompressedXattrs = Flags(rawValue: 0x0100)
        public static let noXattrs = Flags(rawValue: 0x0200)
        public static let compressorOptions = Flags(rawValue: 0x0400)
        public static let uncompressedIds = Flags(rawValue: 0x0800)
        /// Every bit squashfs 4.0 defines.
        public static let all = Flags(rawValue: 0x0FFF)

        /// Names of the set bits, in bit order (as `unsquashfs -s` describes them).
        public var names: [String] {
            let table: [(Flags, String)] = [
                (.uncompressedInodes, "uncompressed-inodes"), (.uncompressedData, "uncompressed-data"),
                (.check, "check"), (.uncompressedFragments, "uncompressed-fragments"),
                (.noFragments, "no-fragments"), (.alwaysFragments, "always-fragments"),
                (.duplicates, "duplicates"), (.exportable, "exportable"),
                (.uncompressedXattrs, "uncompressed-xattrs"), (.noXattrs, "no-xattrs"),
                (.compressorOptions, "compressor-options"), (.uncompressedIds, "uncompressed-ids"),
            ]
            return table.filter { contains($0.0) }.map { $0.1 }
        }
    }

    public var inodeCount: UInt32
    /// Image creation time, seconds since the epoch.
    public var modificationTime: UInt32
    public var blockSize: UInt32
    public var fragmentCount: UInt32
    /// `compression` as stored; always a known `Compressor` in a superblock from
    /// `init(parsing:)` (see `compressor`), any value in one from `init(decoding:)`.
    public var compressorID: UInt16
    public var blockLog: UInt16
    public var flags: Flags
    public var idCount: UInt16
    public var versionMajor: UInt16 = 4
    public var versionMinor: UInt16 = 0
    /// Inode reference of the root directory (metadata block offset << 16 | offset in block).
    public var rootInode: UInt64
    /// Bytes of the image that are used (tables end here; padding may follow).
    public var bytesUsed: UInt64
    public var idTableStart: UInt64
    public var xattrIdTableStart: UInt64
    public var inodeTableStart: UInt64
    public var directoryTableStart: UInt64
    public var fragmentTableStart: UInt64
    public var exportTableStart: UInt64

    /// A superblock with every field given (for writers); version is 4.0.
    public init(inodeCount: UInt32, modificationTime: UInt32, blockSize: UInt32, fragmentCount: UInt32,
                compressor: Compressor, flags: Flags, idCount: UInt16, rootInode: UInt64, bytesUsed: UInt64,
                idTableStart: UInt64, xattrIdTableStart: UInt64, inodeTableStart: UInt64,
                directoryTableStart: UInt64, fragmentTableStart: UInt64, exportTableStart: UInt64) {
        self.inodeCount = inodeCount; self.modificationTime = modificationTime; self.blockSize = blockSize
        self.fragmentCount = fragmentCount; self.compressorID = compressor.rawValue
        self.blockLog = UInt16(blockSize.trailingZeroBitCount)
        self.flags = flags; self.idCount = idCount; self.rootInode = rootInode; self.bytesUsed = bytesUsed
        self.idTableStart = idTableStart; self.xattrIdTableStart = xattrIdTableStart
        self.inodeTableStart = inodeTableStart; self.directoryTableStart = directoryTableStart
        self.fragmentTableStart = fragmentTableStart; self.exportTableStart = exportTableStart
    }

    /// Parses and validates the superblock from the first 96 bytes of `bytes`.
    /// `imageSize` is the size of the region holding the image (for bounds checks).
    /// Big-endian and pre-4.0 images are rejected with "unsupported squashfs version".
    /// Rules and their source (fs/squashfs/super.c unless named):
    /// - magic "hsqs"; version exactly 4.0 (`supported_squashfs_filesystem`);
    /// - compressor id known — lzma too, which the mainline kernel refuses but unsquashfs
    ///   and OpenWrt's old lzma kernels read (decompressor.c);
    /// - bytes used within the device (`bytes_used > bdev_nr_bytes`);
    /// - block size at most 1 MiB (`SQUASHFS_FILE_MAX_SIZE`) and at least 4 KiB (the page
    ///   size, `PAGE_SIZE > block_size`), block log at most 20 and `block_size == 1 << block_log`;
    /// - root inode offset within a metadata block (`SQUASHFS_INODE_OFFSET > SQUASHFS_METADATA_SIZE`;
    ///   8192 itself fails when the inode is read), its block inside the inode table;
    /// - at least one id (id.c `no_ids == 0`); inode table before directory table;
    /// - fragments > 0 need a fragment table (fragment.c reads the index at its start); with
    ///   none, the fragment table start is not looked at (`if (fragments == 0) goto ...`).
    /// The flags are not checked (the kernel tests only the bits it uses).
    public init(parsing bytes: [UInt8], fileOffset: UInt64 = 0, imageSize: UInt64) throws {
        try self.init(decoding: bytes, fileOffset: fileOffset)
        let comp = compressorID

        func bad(_ field: Int, _ msg: String) -> FormatError {
            FormatError(.invalid, offset: fileOffset &+ UInt64(field), context: "read superblock", msg)
        }
        guard versionMajor == 4, versionMinor == 0 else {
            throw FormatError(.unsupported, offset: fileOffset &+ 28, context: "read superblock",
                              "unsupported squashfs version \(versionMajor).\(versionMinor); only 4.0 is supported")
        }
        guard Compressor(rawValue: comp) != nil else { throw bad(20, "unknown compressor id \(comp)") }
        guard blockSize >= Superblock.minBlockSize, blockSize <= Superblock.maxBlockSize, blockSize.nonzeroBitCount == 1 else {
            throw bad(12, "block size \(blockSize) is not a power of two in 4 KiB..1 MiB")
        }
        guard UInt32(1) << UInt32(min(blockLog, 31)) == blockSize else {
            throw bad(22, "block log \(blockLog) does not match block size \(blockSize)")
        }
        guard idCount > 0 else { throw bad(26, "id count is 0 (at least the root's owner is needed)") }
        guard inodeCount > 0 else { throw bad(4, "inode count is 0") }
        guard bytesUsed >= UInt64(Superblock.size), bytesUsed <= imageSize else {
            throw FormatError(.truncated, offset: fileOffset &+ 40, context: "read superblock",
                              "bytes used \(bytesUsed) exceeds the \(imageSize) bytes available")
        }
        // Table order written by mksquashfs: inodes < directories < fragments < export < ids,
        // with xattrs between; every present table must start inside [96, bytesUsed).
        let tables: [(String, UInt64, Int, Bool)] = [
            ("inode table", inodeTableStart, 64, false), ("directory table", directoryTableStart, 72, false),
            ("fragment table", fragmentTableStart, 80, true), ("export table", exportTableStart, 88, true),
            ("id table", idTableStart, 48, false), ("xattr id table", xattrIdTableStart, 56, true),
        ]
        for (name, start, field, optional) in tables {
            if start == Superblock.absent && optional { continue }
            // With no fragments the kernel never reads the fragment table start.
            if field == 80 && fragmentCount == 0 { continue }
            guard start >= UInt64(Superblock.size), start < bytesUsed else {
                throw bad(field, "\(name) start 0x\(String(start, radix: 16)) outside the image [0x60, 0x\(String(bytesUsed, radix: 16)))")
            }
        }
        guard inodeTableStart < directoryTableStart else {
            throw bad(64, "inode table 0x\(String(inodeTableStart, radix: 16)) does not precede directory table 0x\(String(directoryTableStart, radix: 16))")
        }
        guard (rootInode >> 16) & 0xFFFF_FFFF < directoryTableStart - inodeTableStart,
              (rootInode & 0xFFFF) < UInt64(Superblock.metadataBlockSize) else {
            throw bad(32, "root inode reference 0x\(String(rootInode, radix: 16)) outside the inode table")
        }
        if fragmentCount > 0 && fragmentTableStart == Superblock.absent {
            throw bad(16, "\(fragmentCount) fragments but no fragment table")
        }
    }

    /// "hsqs": `magic` as its bytes appear in the file, which every squashfs
    /// sniff in the project goes through (`looksLikeSquashfs`).
    public static let magicBytes: [UInt8] = (0 ..< 4).map { UInt8(truncatingIfNeeded: magic >> (8 * $0)) }

    /// Whether `bytes` hold the squashfs 4.0 magic "hsqs" at `offset` (4 bytes; nothing
    /// else is checked). The one magic test for squashfs: firmware detection, `--offset
    /// auto`, bare-rootfs sniffing in the installers and the CLI all call it.
    public static func looksLikeSquashfs(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, offset <= bytes.count - 4 else { return false }
        let m = magicBytes
        return bytes[offset] == m[0] && bytes[offset + 1] == m[1] && bytes[offset + 2] == m[2] && bytes[offset + 3] == m[3]
    }

    /// Whether `file` starts with the squashfs magic (false when it cannot be read).
    public static func looksLikeSquashfs(file: RandomAccessFile) -> Bool {
        guard file.size >= 4, let head = try? file.read(at: 0, count: 4) else { return false }
        return looksLikeSquashfs(head)
    }

    /// The 96 little-endian bytes of this superblock.
    public func serialize() -> [UInt8] {
        var w = ByteWriter(capacity: Superblock.size)
        w.u32le(Superblock.magic)
        w.u32le(inodeCount); w.u32le(modificationTime); w.u32le(blockSize); w.u32le(fragmentCount)
        w.u16le(compressorID); w.u16le(blockLog); w.u16le(flags.rawValue); w.u16le(idCount)
        w.u16le(versionMajor); w.u16le(versionMinor)
        w.u64le(rootInode); w.u64le(bytesUsed); w.u64le(idTableStart); w.u64le(xattrIdTableStart)
        w.u64le(inodeTableStart); w.u64le(directoryTableStart); w.u64le(fragmentTableStart); w.u64le(exportTableStart)
        return w.finish()
    }

    /// The root inode reference as the kernel uses it: SQUASHFS_INODE_BLK takes 32 bits of
    /// block offset and SQUASHFS_INODE_OFFSET 16 bits of offset; the top 16 bits are ignored.
    public var rootReference: UInt64 { rootInode & 0xFFFF_FFFF_FFFF }

    /// Whether the image holds a fragment table.
    public var hasFragmentTable: Bool { fragmentTableStart != Superblock.absent && fragmentCount > 0 }
    /// Whether the image holds an export (NFS) table.
    public var hasExportTable: Bool { exportTableStart != Superblock.absent }
    /// Whether the image holds an xattr table.
    public var hasXattrTable: Bool { xattrIdTableStart != Superblock.absent }
}

/// Compressor ids of squashfs 4.0 (squashfs_fs.h `ZLIB_COMPRESSION` .. `ZSTD_COMPRESSION`).
public enum Compressor: UInt16, Sendable, CaseIterable, Codable {
    case gzip = 1, lzma = 2, lzo = 3, xz = 4, lz4 = 5, zstd = 6

    /// The name mksquashfs `-comp` uses.
    public var name: String {
        switch self {
        case .gzip: return "gzip"
        case .lzma: return "lzma"
        case .lzo: return "lzo"
        case .xz: return "xz"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        }
    }

    /// The compressor with mksquashfs name `name`.
    public init?(name: String) {
        guard let c = Compressor.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }
}

extension Superblock {
    /// The superblock's fields as stored, read without the mount checks of
    /// `init(parsing:)`: only the magic is checked and the compressor id is kept as is. A
    /// firmware container uses this to place a squashfs inside an image — its length,
    /// compressor and times — even when the filesystem itself is damaged, so the rest of
    /// the image can still be mapped. A big-endian ("sqsh") image is refused as
    /// unsupported, any other magic as invalid; fewer than 96 bytes as truncated.
    /// `fileOffset` places errors in the file.
    public init(decoding bytes: [UInt8], fileOffset: UInt64 = 0, context: String = "read superblock") throws {
        var r = ByteReader(bytes, fileOffset: fileOffset, context: context)
        let magic = try r.u32le("magic")
        if magic == Superblock.magicSwapped {
            var b = r
            try b.seek(to: 28)
            let major = try b.u16be("version major")
            throw FormatError(.unsupported, offset: fileOffset, context: context,
                              "unsupported squashfs version \(major) (big-endian); only little-endian 4.0 is supported")
        }
        guard magic == Superblock.magic else {
            throw FormatError(.invalid, offset: fileOffset, context: context,
                              "bad magic 0x\(String(magic, radix: 16)), not a squashfs image")
        }
        inodeCount = try r.u32le("inode count")
        modificationTime = try r.u32le("modification time")
        blockSize = try r.u32le("block size")
        fragmentCount = try r.u32le("fragment count")
        compressorID = try r.u16le("compressor")
        blockLog = try r.u16le("block log")
        flags = Flags(rawValue: try r.u16le("flags"))
        idCount = try r.u16le("id count")
        versionMajor = try r.u16le("version major")
        versionMinor = try r.u16le("version minor")
        rootInode = try r.u64le("root inode")
        bytesUsed = try r.u64le("bytes used")
        idTableStart = try r.u64le("id table start")
        xattrIdTableStart = try r.u64le("xattr id table start")
        inodeTableStart = try r.u64le("inode table start")
        directoryTableStart = try r.u64le("directory table start")
        fragmentTableStart = try r.u64le("fragment table start")
        exportTableStart = try r.u64le("export table start")
    }

    /// The compressor. `init(parsing:)` refuses ids Squash does not know; a superblock
    /// from `init(decoding:)` with such an id reads as gzip here — use `compressorName`.
    public var compressor: Compressor {
        get { Compressor(rawValue: compressorID) ?? .gzip }
        set { compressorID = newValue.rawValue }
    }

    /// The compressor's mksquashfs name, or `unknown(<id>)`.
    public var compressorName: String {
        Compressor(rawValue: compressorID)?.name ?? "unknown(\(compressorID))"
    }
}
