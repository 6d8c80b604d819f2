import BinaryIO

/// One entry of a squashfs directory listing (squashfs_fs.h `squashfs_dir_header` /
/// `squashfs_dir_entry`). A listing is a series of headers (u32 count - 1, u32 inode
/// metadata block, u32 base inode number), each followed by up to 256 entries
/// (u16 offset in block, i16 inode number delta, u16 basic type, u16 name size - 1, name).
public struct DirectoryEntry: Sendable {
    public var name: String
    /// Inode reference: metadata block offset in the inode table << 16 | offset in block.
    public var inodeRef: UInt64
    public var inodeNumber: UInt32
    /// Basic inode type (1-7).
    public var type: UInt16

    /// Parses the listing of `size` bytes (the inode's stored size minus 3) from `r`.
    /// Names must be non-empty, without "/" or NUL, not "." or "..", and unique.
    public static func parseListing(_ r: inout ByteReader, size: Int, inodeCount: UInt32) throws -> [DirectoryEntry] {
        var body = try r.slice(size, "directory listing")
        var out: [DirectoryEntry] = []
        var seen = Set<[UInt8]>()
        while !body.isAtEnd {
            let count = try body.u32le("header count")
            let start = try body.u32le("header start block")
            let base = try body.u32le("header inode number")
            guard count < 256 else { throw body.error(.invalid, "directory header lists \(count + 1) entries, at most 256 allowed") }
            for _ in 0 ... count {
                let off = try body.u16le("entry offset")
                let delta = try body.i16le("entry inode delta")
                let type = try body.u16le("entry type")
                let n = Int(try body.u16le("entry name size")) + 1
                guard n <= 256 else { throw body.error(.invalid, "entry name of \(n) bytes (at most 256)") }
                let nameBytes = try body.bytes(n, "entry name")
                guard !nameBytes.contains(0), !nameBytes.contains(UInt8(ascii: "/")), nameBytes != [46], nameBytes != [46, 46] else {
                    throw body.error(.unsafePath, "unsafe entry name \(String(decoding: nameBytes, as: UTF8.self).debugDescription)")
                }
                // Tree names are Strings: two invalid names would decode to the same one and a
                // file would be lost or renamed, so such names are refused rather than altered.
                guard let name = String(validating: nameBytes, as: UTF8.self) else {
                    throw body.error(.unsupported, "entry name \(nameBytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined().debugDescription) is not UTF-8")
                }
                guard (1 ... 7).contains(type) else { throw body.error(.invalid, "entry type \(type) not in 1..7") }
                guard off < UInt16(Superblock.metadataBlockSize) else { throw body.error(.invalid, "entry inode offset \(off) beyond a metadata block") }
                let num = Int64(base) + Int64(delta)
                guard num >= 1, num <= Int64(inodeCount) else {
                    throw body.error(.invalid, "entry inode number \(num) outside 1...\(inodeCount)")
                }
                guard seen.insert(nameBytes).inserted else {
                    throw body.error(.invalid, "duplicate entry name \(String(decoding: nameBytes, as: UTF8.self).debugDescription)")
                }
                out.append(DirectoryEntry(name: name,
                                          inodeRef: UInt64(start) << 16 | UInt64(off), inodeNumber: UInt32(num), type: type))
            }
        }
        return out
    }
}
