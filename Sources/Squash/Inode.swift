import BinaryIO

/// One squashfs 4.0 inode as stored in the inode table (squashfs_fs.h
/// `squashfs_*_inode_header`; squashfs-tools-ng include/sqfs/inode.h). Every inode starts
/// with a 16-byte header (type, permissions, uid index, gid index, mtime, inode number);
/// types 1-7 are the basic forms and 8-14 the extended forms of dir, file, symlink, block
/// device, char device, fifo and socket.
public struct Inode: Sendable {
    /// Inode types (basic 1-7, extended 8-14).
    public static let basicDir: UInt16 = 1, basicFile: UInt16 = 2, basicSymlink: UInt16 = 3
    public static let basicBlock: UInt16 = 4, basicChar: UInt16 = 5, basicFifo: UInt16 = 6, basicSocket: UInt16 = 7
    /// Value of xattr index and fragment index meaning "none".
    public static let none: UInt32 = 0xFFFF_FFFF

    /// Stored type (1-14).
    public var type: UInt16
    public var permissions: UInt16
    public var uidIndex: UInt16
    public var gidIndex: UInt16
    public var mtime: UInt32
    public var number: UInt32
    /// Hard-link count (1 for basic files, which do not store it).
    public var linkCount: UInt32 = 1
    /// Index into the xattr id table, or `Inode.none`.
    public var xattrIndex: UInt32 = Inode.none

    // Directories
    public var dirBlock: UInt32 = 0
    public var dirOffset: UInt16 = 0
    /// Listing size as stored (bytes of listing + 3).
    public var dirSize: UInt32 = 0
    public var parent: UInt32 = 0

    // Regular files
    public var blocksStart: UInt64 = 0
    public var fileSize: UInt64 = 0
    public var sparse: UInt64 = 0
    public var fragmentIndex: UInt32 = Inode.none
    public var fragmentOffset: UInt32 = 0
    public var blockSizes: [UInt32] = []

    // Symlinks and devices
    public var target: [UInt8] = []
    public var device: UInt32 = 0

    /// The basic type (1-7) of this inode, which directory entries record.
    public var basicType: UInt16 { type > 7 ? type - 7 : type }

    /// The tree kind of this inode.
    public var kind: Node.Kind {
        switch basicType {
        case Inode.basicDir: return .directory
        case Inode.basicFile: return .file
        case Inode.basicSymlink: return .symlink
        case Inode.basicBlock: return .blockDevice
        case Inode.basicChar: return .charDevice
        case Inode.basicFifo: return .fifo
        default: return .socket
        }
    }

    /// Parses the inode at the reader's position. `blockSize` decides how many block sizes a
    /// file inode lists (bounded by what the rest of the table can hold).
    public init(parsing r: inout ByteReader, blockSize: UInt32) throws {
        type = try r.u16le("inode type")
        permissions = try r.u16le("permissions")
        uidIndex = try r.u16le("uid index")
        gidIndex = try r.u16le("gid index")
        mtime = try r.u32le("mtime")
        number = try r.u32le("inode number")
        switch type {
        case 1:
            dirBlock = try r.u32le("directory block")
            linkCount = try r.u32le("link count")
            dirSize = UInt32(try r.u16le("directory size"))
            dirOffset = try r.u16le("directory offset")
            parent = try r.u32le("parent inode")
        case 8:
            linkCount = try r.u32le("link count")
            dirSize = try r.u32le("directory size")
            dirBlock = try r.u32le("directory block")
            parent = try r.u32le("parent inode")
            let indexCount = try r.u16le("index count")
            dirOffset = try r.u16le("directory offset")
            xattrIndex = try r.u32le("xattr index")
            // Directory index entries: u32 index, u32 start, u32 name size - 1, name.
            for _ in 0 ..< indexCount {
                try r.skip(8)
                let n = try r.u32le("index name size")
                guard n < 256 else { throw r.error(.invalid, "directory index name of \(n + 1) bytes") }
                try r.skip(Int(n) + 1)
            }
        case 2, 9:
            if type == 2 {
                blocksStart = UInt64(try r.u32le("blocks start"))
                fragmentIndex = try r.u32le("fragment index")
                fragmentOffset = try r.u32le("fragment offset")
                fileSize = UInt64(try r.u32le("file size"))
            } else {
                blocksStart = try r.u64le("blocks start")
                fileSize = try r.u64le("file size")
                sparse = try r.u64le("sparse bytes")
                linkCount = try r.u32le("link count")
                fragmentIndex = try r.u32le("fragment index")
                fragmentOffset = try r.u32le("fragment offset")
                xattrIndex = try r.u32le("xattr index")
            }
            let bs = UInt64(blockSize)
            let count = fileSize / bs + (fragmentIndex == Inode.none && fileSize % bs != 0 ? 1 : 0)
            guard count <= UInt64(r.remaining / 4) else {
                throw r.error(.invalid, "file of \(fileSize) bytes needs \(count) block sizes, the inode table holds at most \(r.remaining / 4)")
            }
            var sizes = [UInt32](repeating: 0, count: Int(count))
            for i in 0 ..< sizes.count { sizes[i] = try r.u32le("block size") }
            blockSizes = sizes
        case 3, 10:
            linkCount = try r.u32le("link count")
            let n = try r.u32le("target size")
            guard n > 0, n <= 4096 else { throw r.error(.invalid, "symlink target of \(n) bytes") }
            target = try r.bytes(Int(n), "symlink target")
            if type == 10 { xattrIndex = try r.u32le("xattr index") }
        case 4, 5, 11, 12:
            linkCount = try r.u32le("link count")
            device = try r.u32le("device number")
            if type > 7 { xattrIndex = try r.u32le("xattr index") }
        case 6, 7, 13, 14:
            linkCount = try r.u32le("link count")
            if type > 7 { xattrIndex = try r.u32le("xattr index") }
        default:
            throw r.error(.invalid, "unknown inode type \(type)", at: r.offset - 16)
        }
        guard permissions & ~0o7777 == 0 else {
            throw r.error(.invalid, "permissions 0o\(String(permissions, radix: 8)) have bits above 0o7777")
        }
    }

    /// Device number split as Linux `new_decode_dev` does (squashfs stores the kernel's
    /// 32-bit encoding: minor low byte, major in bits 8-19, minor high bits 20-31).
    public var deviceNumbers: Device {
        Device(major: (device & 0xFFF00) >> 8, minor: (device & 0xFF) | ((device >> 12) & 0xFFF00))
    }

    /// The 32-bit squashfs encoding of `device` (inverse of `deviceNumbers`).
    public static func encode(_ d: Device) -> UInt32 {
        (d.minor & 0xFF) | ((d.major & 0xFFF) << 8) | ((d.minor & ~0xFF) << 12)
    }
}
