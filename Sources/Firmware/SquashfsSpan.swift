import BinaryIO

/// Where a squashfs 4.0 root filesystem sits in an image and how long it is: the
/// superblock's `bytes_used` (squashfs-tools squashfs_fs.h `squashfs_super_block`,
/// little-endian, magic "hsqs"). Only the fields the layout needs are read here; the
/// filesystem itself is read by the Squash library.
public struct SquashfsSpan: Sendable, Equatable, Codable {
    /// "hsqs" little-endian.
    static let magic: [UInt8] = [0x68, 0x73, 0x71, 0x73]
    static let superblockSize = 96

    /// Absolute offset of the superblock.
    public var offset: UInt64
    /// `bytes_used`: the filesystem's length without padding.
    public var bytesUsed: UInt64
    /// `compression` id name (gzip, lzma, lzo, xz, lz4, zstd).
    public var compressor: String
    /// `block_size`.
    public var blockSize: UInt32
    /// `inodes`.
    public var inodeCount: UInt32
    /// `mkfs_time`.
    public var modificationTime: UInt32
    /// "major.minor".
    public var version: String

    /// Whether `bytes` hold the squashfs magic at `offset`.
    public static func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, bytes.count - offset >= superblockSize else { return false }
        return bytes[offset] == 0x68 && bytes[offset + 1] == 0x73 && bytes[offset + 2] == 0x71 && bytes[offset + 3] == 0x73
    }

    /// Reads the superblock at `offset` of `bytes`, checking that version is 4.0 and that
    /// `bytes_used` fits in the bytes available after it.
    public init(in bytes: [UInt8], at offset: Int, limit: Int? = nil, context: String = "read squashfs superblock") throws {
        let end = min(limit ?? bytes.count, bytes.count)
        var r = try ByteReader(bytes, context: context).view(at: offset, length: min(SquashfsSpan.superblockSize, max(0, end - offset)), "squashfs superblock")
        let m = try r.bytes(4, "s_magic")
        guard m == SquashfsSpan.magic else {
            throw FormatError(.invalid, offset: UInt64(offset), context: context, "no squashfs magic")
        }
        inodeCount = try r.u32le("inodes")
        modificationTime = try r.u32le("mkfs_time")
        blockSize = try r.u32le("block_size")
        _ = try r.u32le("fragments")
        let comp = try r.u16le("compression")
        _ = try r.u16le("block_log")
        _ = try r.u16le("flags")
        _ = try r.u16le("no_ids")
        let major = try r.u16le("s_major")
        let minor = try r.u16le("s_minor")
        _ = try r.u64le("root_inode")
        let used = try r.u64le("bytes_used")
        version = "\(major).\(minor)"
        guard major == 4 else {
            throw FormatError(.unsupported, offset: UInt64(offset) + 28, context: context,
                              "squashfs version \(version), only 4.0 is supported")
        }
        let available = UInt64(end - offset)
        guard used >= UInt64(SquashfsSpan.superblockSize), used <= available else {
            throw FormatError(.truncated, offset: UInt64(offset) + 40, context: context,
                              "bytes_used \(used) but \(available) bytes follow the superblock start")
        }
        self.offset = UInt64(offset)
        self.bytesUsed = used
        switch comp {
        case 1: compressor = "gzip"
        case 2: compressor = "lzma"
        case 3: compressor = "lzo"
        case 4: compressor = "xz"
        case 5: compressor = "lz4"
        case 6: compressor = "zstd"
        default: compressor = "unknown(\(comp))"
        }
    }

    /// One past the last used byte.
    public var end: UInt64 { offset + bytesUsed }

    /// Finds the first squashfs superblock at or after `from`, stepping by `step` bytes.
    static func find(in bytes: [UInt8], from: Int, limit: Int, step: Int = 4) -> Int? {
        var i = from
        while i + superblockSize <= min(limit, bytes.count) {
            if matches(bytes, at: i) { return i }
            i += step
        }
        return nil
    }
}
