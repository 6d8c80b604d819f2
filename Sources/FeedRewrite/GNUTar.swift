import BinaryIO

/// One member of a tar archive: header metadata plus, for regular files, its bytes.
/// Read by `ArchiveReader` (libarchive) and written by `GNUTar.write`.
public struct TarMember: Sendable, Equatable {
    /// Kind of member.
    public enum Kind: String, Sendable, Codable { case file, directory, symlink, other }
    /// Name as stored (`./control`).
    public var name: String
    /// Member kind.
    public var kind: Kind
    /// Permission bits (e.g. 0o644).
    public var mode: UInt32
    /// Numeric owner id.
    public var uid: UInt32
    /// Numeric group id.
    public var gid: UInt32
    /// Owner names ("" when written with `--numeric-owner`).
    public var uname: String
    /// Group name (empty with --numeric-owner).
    public var gname: String
    /// Modification time, seconds since the epoch.
    public var mtime: Int64
    /// Symlink target.
    public var linkTarget: String
    /// For a hard link (tar typeflag '1'): the name of the earlier member it links to;
    /// empty otherwise. Such a member carries no data of its own. Read only (the writer
    /// never writes hard links).
    public var hardLinkTarget: String = ""
    /// File contents (empty for directories and links).
    public var data: [UInt8]
    /// Declared size from the header (equals `data.count` for files read fully).
    public var size: Int64

    /// Creates a member; defaults follow ipkg-build (`--numeric-owner`, owner 0:0).
    public init(name: String, kind: Kind = .file, mode: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0,
                uname: String = "", gname: String = "", mtime: Int64, linkTarget: String = "", data: [UInt8] = []) {
        self.name = name; self.kind = kind; self.mode = mode; self.uid = uid; self.gid = gid
        self.uname = uname; self.gname = gname; self.mtime = mtime; self.linkTarget = linkTarget
        self.data = data; self.size = Int64(data.count)
    }
}

/// Writer of GNU-format tar archives exactly as GNU tar writes them for ipkg-build
/// (openwrt/openwrt scripts/ipkg-build: `tar --format=gnu --numeric-owner --sort=name
/// --mtime=...`): 512-byte headers with octal fields, magic `"ustar  \0"`, checksum
/// `%06o\0 `, two zero blocks at the end, padded to a 10240-byte record. Never writes PAX
/// headers (opkg mis-reads them); names must fit the 100-byte field.
public enum GNUTar {
    /// GNU tar's default record size (blocking factor 20).
    public static let recordSize = 10240

    /// The archive bytes for `members`, in the given order (callers sort when needed).
    public static func write(_ members: [TarMember]) throws -> [UInt8] {
        var w = ByteWriter(capacity: members.reduce(recordSize) { $0 + 512 + ($1.data.count + 511) / 512 * 512 })
        for m in members {
            try header(m, into: &w)
            if m.kind == .file {
                w.append(m.data)
                w.pad(to: 512)
            }
        }
        w.fill(0, count: 1024)
        w.pad(to: recordSize)
        return w.finish()
    }

    static func octal(_ value: UInt64, width: Int, field: String, name: String) throws -> [UInt8] {
        let s = String(value, radix: 8)
        guard s.utf8.count <= width - 1 else {
            throw FormatError(.unsupported, context: "write tar header", "\(field) \(value) of \(name.debugDescription) does not fit a GNU tar octal field")
        }
        return Array(String(repeating: "0", count: width - 1 - s.utf8.count).utf8) + Array(s.utf8) + [0]
    }

    static func text(_ s: String, width: Int, field: String) throws -> [UInt8] {
        let u = Array(s.utf8)
        guard u.count <= width else {
            throw FormatError(.unsupported, context: "write tar header", "\(field) \(s.debugDescription) longer than \(width) bytes")
        }
        return u + [UInt8](repeating: 0, count: width - u.count)
    }

    static func header(_ m: TarMember, into w: inout ByteWriter) throws {
        guard !m.name.utf8.contains(0) else { throw FormatError(.unsafePath, context: "write tar header", "NUL in name") }
        var h: [UInt8] = []
        h.reserveCapacity(512)
        h += try text(m.name, width: 100, field: "name")
        h += try octal(UInt64(m.mode & 0o7777), width: 8, field: "mode", name: m.name)
        h += try octal(UInt64(m.uid), width: 8, field: "uid", name: m.name)
        h += try octal(UInt64(m.gid), width: 8, field: "gid", name: m.name)
        h += try octal(m.kind == .file ? UInt64(m.data.count) : 0, width: 12, field: "size", name: m.name)
        h += try octal(UInt64(max(0, m.mtime)), width: 12, field: "mtime", name: m.name)
        h += Array(repeating: 0x20, count: 8)  // checksum placeholder
        let type: UInt8
        switch m.kind {
        case .file: type = UInt8(ascii: "0")
        case .directory: type = UInt8(ascii: "5")
        case .symlink: type = UInt8(ascii: "2")
        case .other: throw FormatError(.unsupported, context: "write tar header", "cannot write special file \(m.name.debugDescription)")
        }
        h.append(type)
        h += try text(m.kind == .symlink ? m.linkTarget : "", width: 100, field: "link target")
        h += Array("ustar  ".utf8) + [0]           // GNU magic + version
        h += try text(m.uname, width: 32, field: "user name")
        h += try text(m.gname, width: 32, field: "group name")
        h += [UInt8](repeating: 0, count: 512 - h.count)  // devmajor/minor, atime/ctime... all empty
        var sum: UInt32 = 0
        for b in h { sum += UInt32(b) }
        let cks = Array(String(sum, radix: 8).utf8)
        let field = Array(repeating: UInt8(ascii: "0"), count: max(0, 6 - cks.count)) + cks + [0, 0x20]
        h.replaceSubrange(148 ..< 156, with: field)
        w.append(h)
    }
}
