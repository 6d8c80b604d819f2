import BinaryIO

/// OpenWrt NAND sysupgrade image: an uncompressed tar of `sysupgrade-<board>/CONTROL`,
/// `.../kernel` and `.../root` (openwrt include/image-commands.mk Build/sysupgrade-tar,
/// package/base-files/files/lib/upgrade/nand.sh), optionally followed by fwtool chunks.
///
/// Members are read from their 512-byte ustar/GNU headers directly (POSIX.1-1988 ustar:
/// name[100] at 0, size octal[12] at 124, chksum[8] at 148, typeflag at 156, prefix[155]
/// at 345) because the layout needs each member's exact offset, which libarchive's reader
/// does not expose; `tar -tv` cross-checks the result in the tests.
public struct NANDTarLayout: Sendable, Equatable {
    /// One tar member: where its header and data are.
    public struct Member: Sendable, Equatable {
        /// Member path (prefix + name).
        public var name: String
        /// Offset of its 512-byte header.
        public var headerOffset: Int
        /// Offset of its data.
        public var dataOffset: Int
        /// Data length.
        public var size: Int
        /// ustar typeflag byte.
        public var typeflag: UInt8
        /// Header + data + padding to 512.
        public var span: Int { 512 + (size + 511) / 512 * 512 }
    }

    /// Members in archive order.
    public var members: [Member]
    /// Offset of the end-of-archive zero blocks.
    public var endOffset: Int
    /// Length of everything before the fwtool chunks.
    public var bodySize: Int
    /// fwtool chunks after the tar, in file order.
    public var chunks: [FwtoolChunk]
    /// The squashfs superblock of `root` (offset relative to the member data).
    public var rootfs: SquashfsSpan?
    /// The board name from the `sysupgrade-<board>/` folder.
    public var board: String?

    /// Whether `bytes` start with a ustar header naming a `sysupgrade-` folder.
    public static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 1024 else { return false }
        let magic = Array(bytes[257 ..< 262])
        let name = Array(bytes[0 ..< 11])
        return magic == Array("ustar".utf8) && name == Array("sysupgrade-".utf8)
    }

    static func octal(_ b: ArraySlice<UInt8>, at offset: Int, _ what: String) throws -> Int {
        var v = 0
        var seen = false
        for c in b {
            if c == 0 || c == 0x20 { if seen { break } else { continue } }
            guard c >= 0x30 && c <= 0x37 else {
                throw FormatError(.invalid, offset: UInt64(offset), context: "read tar header", "\(what) is not octal")
            }
            v = try Checked.add(try Checked.mul(v, 8, what), Int(c - 0x30), what)
            seen = true
        }
        return v
    }

    /// The ustar header checksum: sum of the header bytes with chksum read as spaces.
    static func headerChecksum(_ h: ArraySlice<UInt8>) -> Int {
        var s = 0
        for (i, b) in h.enumerated() { s += (i >= 148 && i < 156) ? 0x20 : Int(b) }
        return s
    }

    /// Parses the tar members of `bytes` (fwtool chunks at the end are split off first).
    public static func parse(_ bytes: [UInt8]) throws -> NANDTarLayout {
        let (chunks, bodyEnd) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
        var members: [Member] = []
        var pos = 0
        while true {
            guard pos + 512 <= bodyEnd else {
                throw FormatError(.truncated, offset: UInt64(pos), context: "read tar header", "archive ends without end-of-archive blocks")
            }
            let h = bytes[pos ..< pos + 512]
            if h.allSatisfy({ $0 == 0 }) { break }
            let stored = try octal(h[(pos + 148) ..< (pos + 156)], at: pos + 148, "chksum")
            guard stored == headerChecksum(h) else {
                throw FormatError(.checksum, offset: UInt64(pos + 148), context: "read tar header",
                                  "header checksum \(stored) != computed \(headerChecksum(h))")
            }
            let size = try octal(h[(pos + 124) ..< (pos + 136)], at: pos + 124, "size")
            let name = String(decoding: h[pos ..< pos + 100].prefix { $0 != 0 }, as: UTF8.self)
            let prefix = String(decoding: h[(pos + 345) ..< (pos + 500)].prefix { $0 != 0 }, as: UTF8.self)
            let m = Member(name: prefix.isEmpty ? name : prefix + "/" + name, headerOffset: pos, dataOffset: pos + 512,
                           size: size, typeflag: h[pos + 156])
            guard m.dataOffset + size <= bodyEnd else {
                throw FormatError(.truncated, offset: UInt64(pos + 124), context: "read tar member \(m.name)",
                                  "size \(size) beyond archive end \(bodyEnd)")
            }
            members.append(m)
            pos += m.span
        }
        var layout = NANDTarLayout(members: members, endOffset: pos, bodySize: bodyEnd, chunks: chunks, rootfs: nil, board: nil)
        if let root = members.first(where: { $0.name.hasSuffix("/root") }) {
            let data = Array(bytes[root.dataOffset ..< root.dataOffset + root.size])
            if SquashfsSpan.matches(data, at: 0) { layout.rootfs = try SquashfsSpan(in: data, at: 0, context: "read \(root.name)") }
        }
        if let first = members.first {
            let dir = first.name.split(separator: "/").first.map(String.init) ?? ""
            if dir.hasPrefix("sysupgrade-") { layout.board = String(dir.dropFirst("sysupgrade-".count)) }
        }
        return layout
    }

    /// The data of the member whose name ends in `/<named>`.
    public func member(named: String, in bytes: [UInt8]) -> [UInt8]? {
        guard let m = members.first(where: { $0.name.hasSuffix("/" + named) }) else { return nil }
        return Array(bytes[m.dataOffset ..< m.dataOffset + m.size])
    }

    /// Regions: one per member (header + data + padding), the end blocks, fwtool chunks.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        for m in members {
            let role: Region.Role = m.name.hasSuffix("/kernel") ? .kernel : m.name.hasSuffix("/root") ? .rootfs : .tarMember
            var checks: [Checksum] = []
            var fitNote = ""
            if role == .kernel, FITImage.matches(bytes, at: m.dataOffset),
               let f = try? FITImage.parse(Array(bytes[m.dataOffset ..< m.dataOffset + m.size])) {
                // A FIT kernel (qualcommax/ipq40xx/mvebu): its hash nodes are checked too.
                checks = f.images.flatMap { f.checksums(of: $0) }
                fitNote = ", FIT\(f.isSigned ? " signed" : "")"
            }
            rs.append(Region(offset: UInt64(m.headerOffset), size: UInt64(m.span), role: role, checksums: checks,
                             note: "\(m.name) (\(m.size) bytes at 0x\(String(m.dataOffset, radix: 16))\(fitNote))"))
        }
        rs.append(Region(offset: UInt64(endOffset), size: UInt64(bodySize - endOffset), role: .tarEnd))
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
