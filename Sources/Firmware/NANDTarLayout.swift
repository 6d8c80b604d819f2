import BinaryIO
import Codecs

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
}

extension NANDTarLayout {
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
    public init(parsing bytes: [UInt8]) throws {
        let (chunks, bodyEnd) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
        var members: [Member] = []
        var pos = 0
        while true {
            guard pos + 512 <= bodyEnd else {
                throw FormatError(.truncated, offset: UInt64(pos), context: "read tar header", "archive ends without end-of-archive blocks")
            }
            let h = bytes[pos ..< pos + 512]
            if h.allSatisfy({ $0 == 0 }) { break }
            let stored = try Self.octal(h[(pos + 148) ..< (pos + 156)], at: pos + 148, "chksum")
            guard stored == Self.headerChecksum(h) else {
                throw FormatError(.checksum, offset: UInt64(pos + 148), context: "read tar header",
                                  "header checksum \(stored) != computed \(Self.headerChecksum(h))")
            }
            let size = try Self.octal(h[(pos + 124) ..< (pos + 136)], at: pos + 124, "size")
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
            if SquashfsSpan.matches(data, at: 0) { layout.rootfs = try SquashfsSpan(parsing: data, at: 0, context: "read \(root.name)") }
        }
        if let first = members.first {
            let dir = first.name.split(separator: "/").first.map(String.init) ?? ""
            if dir.hasPrefix("sysupgrade-") { layout.board = String(dir.dropFirst("sysupgrade-".count)) }
        }
        self = layout
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
               let f = try? FITImage(parsing: Array(bytes[m.dataOffset ..< m.dataOffset + m.size])) {
                // A FIT kernel (qualcommax/ipq40xx/mvebu): its hash nodes are checked too.
                checks = f.images.flatMap { f.checksums(of: $0) }
                fitNote = ", FIT\(f.isSigned ? " signed" : "")"
            }
            rs.append(Region(offset: UInt64(m.headerOffset), size: UInt64(m.span), role: role, checksums: checks,
                             note: "\(m.name) (\(m.size) bytes at 0x\(String(m.dataOffset, radix: 16))\(fitNote))"))
        }
        rs.append(Region(offset: UInt64(endOffset), size: UInt64(bodySize - endOffset), role: .tarEnd))
        return rs + FwtoolChunk.regions(of: chunks, in: bytes, from: bodySize)
    }

    /// Writes `value` as a NUL-terminated zero-padded octal field of `width` bytes
    /// (GNU tar's `%0*o` form).
    static func octalField(_ value: Int, width: Int) throws -> [UInt8] {
        let s = String(value, radix: 8)
        guard s.count <= width - 1 else {
            throw FormatError(.tooLarge, context: "write tar header", "\(value) does not fit in \(width - 1) octal digits")
        }
        return Array((String(repeating: "0", count: width - 1 - s.count) + s).utf8) + [0]
    }

    /// The tar with the `root` and/or `kernel` member data replaced: size and header
    /// checksum rewritten (`%06o\0 `), data padded to 512, other headers kept byte for
    /// byte, end blocks padded to the original record size (10240 for GNU tar's default).
    /// A squashfs root that scripts/sysupgrade-tar.sh stored zero-padded to 1 KiB
    /// (`dd bs=1024 conv=sync`) is padded so again.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?) throws -> [UInt8] {
        var out: [UInt8] = []
        for m in members {
            var header = Array(bytes[m.headerOffset ..< m.headerOffset + 512])
            var data = Array(bytes[m.dataOffset ..< m.dataOffset + m.size])
            if m.name.hasSuffix("/root"), let r = newRoot {
                data = r
                if let span = rootfs, UInt64(m.size) > span.bytesUsed, m.size % 1024 == 0,
                   bytes[(m.dataOffset + Int(span.bytesUsed)) ..< (m.dataOffset + m.size)].allSatisfy({ $0 == 0 }) {
                    data += repeatElement(0, count: (1024 - r.count % 1024) % 1024)
                }
            }
            if m.name.hasSuffix("/kernel"), let k = newKernel { data = k }
            if data.count != m.size {
                header.replaceSubrange(124 ..< 136, with: try NANDTarLayout.octalField(data.count, width: 12))
                let sum = NANDTarLayout.headerChecksum(header[...])
                header.replaceSubrange(148 ..< 156, with: try NANDTarLayout.octalField(sum, width: 7) + [0x20])
            }
            out += header
            out += data
            out += repeatElement(0, count: (512 - data.count % 512) % 512)
        }
        let endLength = bodySize - endOffset
        let record = bodySize % 10240 == 0 ? 10240 : 512
        var end = max(1024, endLength)
        if record == 10240 { end = max(1024, ((out.count + 1024 + 10239) / 10240) * 10240 - out.count) }
        out += repeatElement(0, count: end)
        return out
    }
}

extension FirmwareImage.Kind {
    /// NAND sysupgrade tar (`sysupgrade-<board>/CONTROL|kernel|root`).
    public static let nandTar = FirmwareImage.Kind(rawValue: "nand-sysupgrade-tar")
}

extension NANDTarLayout: FirmwareFamily {
    public static var familyDescription: String { "NAND sysupgrade tar" }

    public static func detect(_ bytes: [UInt8]) throws -> NANDTarLayout? {
        matches(bytes) ? try NANDTarLayout(parsing: bytes) : nil
    }

    public var kind: FirmwareImage.Kind { .nandTar }

    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? { member(named: "kernel", in: bytes) }

    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? { member(named: "root", in: bytes) }

    /// The `root` member's data offset (the span's offset is relative to the member).
    public var rootfsFileOffset: UInt64? {
        guard rootfs != nil, let m = members.first(where: { $0.name.hasSuffix("/root") }) else { return nil }
        return UInt64(m.dataOffset)
    }

    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        members.filter { $0.name.hasSuffix("/kernel") || $0.name.hasSuffix("/root") }
            .map { ($0.dataOffset, $0.size, $0.name.hasSuffix("/root") ? "rootfs" : "kernel", 0) }
    }

    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        var out = try rebuildBody(bytes, rootfs: newRoot, kernel: newKernel)
        try FirmwareImage.appendChunks(&out, chunks, original: bytes, originalBodySize: bodySize,
                                       options: options, warnings: &warnings)
        return out
    }
}
