import BinaryIO
import Squash

/// Where a squashfs 4.0 root filesystem sits in an image and how long it is: the
/// superblock's `bytes_used` (squashfs-tools squashfs_fs.h `squashfs_super_block`). The
/// superblock is read by the Squash library (`Superblock(decoding:)`, without the mount checks,
/// so an image whose rootfs is damaged is still mapped); only the checks a container
/// needs to place the filesystem are applied here: version 4 and `bytes_used` inside the
/// bytes available.
public struct SquashfsSpan: Sendable, Equatable, Codable {
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

    /// Size of the superblock (Squash `Superblock.size`).
    static var superblockSize: Int { Superblock.size }

    /// Whether `bytes` hold the squashfs magic at `offset` with a whole superblock after it.
    public static func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, bytes.count - offset >= Superblock.size else { return false }
        return Superblock.looksLikeSquashfs(bytes, at: offset)
    }

    /// Reads the superblock at `offset` of `bytes`, checking that version is 4.0 and that
    /// `bytes_used` fits in the bytes available after it.
    public init(parsing bytes: [UInt8], at offset: Int, limit: Int? = nil, context: String = "read squashfs superblock") throws {
        let end = min(limit ?? bytes.count, bytes.count)
        guard offset >= 0, offset <= end else {
            throw FormatError(.truncated, offset: UInt64(max(0, offset)), context: context, "squashfs superblock beyond the \(end) bytes available")
        }
        let head = Array(bytes[offset ..< min(end, offset + Superblock.size)])
        if head.count >= Superblock.magicBytes.count && !Superblock.looksLikeSquashfs(head) {
            throw FormatError(.invalid, offset: UInt64(offset), context: context, "no squashfs magic")
        }
        let f = try Superblock(decoding: head, fileOffset: UInt64(offset), context: context)
        version = "\(f.versionMajor).\(f.versionMinor)"
        guard f.versionMajor == 4 else {
            throw FormatError(.unsupported, offset: UInt64(offset) + 28, context: context,
                              "squashfs version \(version), only 4.0 is supported")
        }
        let available = UInt64(end - offset)
        guard f.bytesUsed >= UInt64(Superblock.size), f.bytesUsed <= available else {
            throw FormatError(.truncated, offset: UInt64(offset) + 40, context: context,
                              "bytes_used \(f.bytesUsed) but \(available) bytes follow the superblock start")
        }
        self.offset = UInt64(offset)
        bytesUsed = f.bytesUsed
        compressor = f.compressorName
        blockSize = f.blockSize
        inodeCount = f.inodeCount
        modificationTime = f.modificationTime
    }

    /// One past the last used byte.
    public var end: UInt64 { offset + bytesUsed }

    /// Finds the first squashfs superblock at or after `from`, stepping by `step` bytes.
    static func find(in bytes: [UInt8], from: Int, limit: Int, step: Int = 4) -> Int? {
        var i = from
        while i + Superblock.size <= min(limit, bytes.count) {
            if Superblock.looksLikeSquashfs(bytes, at: i) { return i }
            i += step
        }
        return nil
    }
}
