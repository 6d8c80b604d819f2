import BinaryIO
import Digests

/// TP-Link firmware header: 512 bytes, fields big-endian, in one of two generations that
/// openwrt/firmware-utils writes:
///
/// - **mktplinkfw** (src/mktplinkfw.c `struct fw_header`, ar71xx/ath79 "tplink-v1"):
///   version word 0x01000000 or 0x02000000, `vendor_name[24]`, `fw_version[36]`, hw_id at
///   0x40, md5sum1 at 0x4c, kernel_la at 0x74 … boot_len at 0x94.
/// - **mktplinkfw2** (src/mktplinkfw2.c, ramips/ath79/lantiq "tplink-v2", `ver. 2.0`): the
///   version word is written `htonl(bswap_32(hdr_ver))`, so it reads 0x02000000 or
///   0x03000000 like the first generation; no vendor, `fw_version[48]`, hw_id at 0x34,
///   md5sum1 at 0x40, kernel_la at 0x68 … boot_len at 0x88, then 0x55aa, sver, 0xa5, ver.
///
/// Version word 2 exists in both generations; the parser takes the one whose MD5 verifies,
/// else the one whose `kernel_ofs` is the header length (both tools always write 0x200).
///
/// `md5sum1` is the MD5 of the whole image (header to the end of what the tool wrote)
/// computed while the field holds the tool's salt — `md5salt_normal`, or `md5salt_boot`
/// when `boot_len != 0` — as `fill_header` and `inspect_fw` do. The two tools use
/// different salts. The raw 512 bytes are kept so fields imagetool does not interpret
/// (strings, md5sum2, padding) survive a rebuild unchanged.
public struct TPLinkHeader: Sendable, Equatable {
    /// Header length (both generations).
    public static let size = 512

    /// Which firmware-utils tool wrote the header.
    public enum Generation: String, Sendable, Codable {
        /// src/mktplinkfw.c (header versions 1 and 2).
        case mktplinkfw
        /// src/mktplinkfw2.c (header versions 2 and 3).
        case mktplinkfw2
    }

    /// Field offsets of one generation.
    struct Fields: Sendable {
        var vendor: (Int, Int)?
        var fwVersion: (Int, Int)
        var hwID, hwRev, extra, md5: Int
        var kernelLA, kernelEP, fwLength, kernelOfs, kernelLen, rootfsOfs, rootfsLen, bootOfs, bootLen: Int
        var saltNormal: [UInt8]
        var saltBoot: [UInt8]
    }

    /// mktplinkfw.c: `md5salt_normal` / `md5salt_boot`.
    static let v1Fields = Fields(
        vendor: (4, 24), fwVersion: (28, 36), hwID: 64, hwRev: 68, extra: 72, md5: 76,
        kernelLA: 116, kernelEP: 120, fwLength: 124, kernelOfs: 128, kernelLen: 132, rootfsOfs: 136, rootfsLen: 140,
        bootOfs: 144, bootLen: 148,
        saltNormal: [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdd, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x38],
        saltBoot: [0x8c, 0xef, 0x33, 0x5b, 0xd5, 0xc5, 0xce, 0xfa, 0xa7, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42])
    /// mktplinkfw2.c: its own `md5salt_normal` / `md5salt_boot` (two bytes differ from mktplinkfw's).
    static let v2Fields = Fields(
        vendor: nil, fwVersion: (4, 48), hwID: 0x34, hwRev: 0x38, extra: 0x3c, md5: 0x40,
        kernelLA: 0x68, kernelEP: 0x6c, fwLength: 0x70, kernelOfs: 0x74, kernelLen: 0x78, rootfsOfs: 0x7c, rootfsLen: 0x80,
        bootOfs: 0x84, bootLen: 0x88,
        saltNormal: [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdc, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x37],
        saltBoot: [0x8c, 0xef, 0x33, 0x5f, 0xd5, 0xc5, 0xce, 0xfa, 0xac, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42])

    /// The 512 header bytes as stored.
    public private(set) var raw: [UInt8]
    /// The tool generation the header follows.
    public let generation: Generation

    var f: Fields { generation == .mktplinkfw ? TPLinkHeader.v1Fields : TPLinkHeader.v2Fields }

    /// Header version word (0x01000000, 0x02000000 or 0x03000000).
    public var version: UInt32 { field(0) }
    /// 1, 2 or 3.
    public var headerVersion: Int { Int(version >> 24) }
    /// `vendor_name[24]` (mktplinkfw only; empty for mktplinkfw2).
    public var vendor: String { f.vendor.map { cString($0.0, $0.1) } ?? "" }
    /// `fw_version` (36 bytes in mktplinkfw, 48 in mktplinkfw2).
    public var firmwareVersion: String { cString(f.fwVersion.0, f.fwVersion.1) }
    /// `hw_id`.
    public var hardwareID: UInt32 { field(f.hwID) }
    /// `hw_rev`.
    public var hardwareRevision: UInt32 { field(f.hwRev) }
    /// `region_code` (mktplinkfw) or `hw_ver_add` (mktplinkfw2).
    public var regionCode: UInt32 { field(f.extra) }
    /// `md5sum1` as stored.
    public var storedMD5: [UInt8] { Array(raw[f.md5 ..< f.md5 + 16]) }
    /// `kernel_la` as stored (mktplinkfw2 `-e` stores it byte-swapped).
    public var kernelLoadAddress: UInt32 { field(f.kernelLA) }
    /// `kernel_ep` as stored.
    public var kernelEntryPoint: UInt32 { field(f.kernelEP) }
    /// Total firmware length of the flash layout (`fw_max_len`).
    public var firmwareLength: UInt32 { field(f.fwLength) }
    /// `kernel_ofs`.
    public var kernelOffset: UInt32 { field(f.kernelOfs) }
    /// `kernel_len`.
    public var kernelLength: UInt32 { field(f.kernelLen) }
    /// `rootfs_ofs` (0xffffffff or 0 in combined images, which have none).
    public var rootfsOffset: UInt32 { field(f.rootfsOfs) }
    /// `rootfs_len`.
    public var rootfsLength: UInt32 { field(f.rootfsLen) }
    /// `boot_ofs`.
    public var bootOffset: UInt32 { field(f.bootOfs) }
    /// `boot_len`.
    public var bootLength: UInt32 { field(f.bootLen) }
    /// `ver_hi.ver_mid.ver_lo` (16-bit fields in mktplinkfw, 8-bit in mktplinkfw2).
    public var versionTriple: String {
        switch generation {
        case .mktplinkfw:
            return "\(UInt16(raw[152]) << 8 | UInt16(raw[153])).\(UInt16(raw[154]) << 8 | UInt16(raw[155])).\(UInt16(raw[156]) << 8 | UInt16(raw[157]))"
        case .mktplinkfw2:
            return "\(raw[0x91]).\(raw[0x92]).\(raw[0x93])"
        }
    }

    /// Whether `bytes` at `offset` start with a version word of either generation (a
    /// shorter file then fails to parse as truncated).
    public static func matches(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, bytes.count - offset >= 4 else { return false }
        return bytes[offset + 1] == 0 && bytes[offset + 2] == 0 && bytes[offset + 3] == 0
            && (1 ... 3).contains(bytes[offset])
    }

    /// Parses the header at `offset` of `bytes`. The MD5 is computed over
    /// `bytes[offset ..< bodyEnd]` to tell the generations apart when the version word is 2.
    public init(parsing bytes: [UInt8], at offset: Int = 0, bodyEnd: Int? = nil) throws {
        let ctx = "read TP-Link header"
        var r = try ByteReader(bytes, context: ctx).view(at: offset, length: min(TPLinkHeader.size, max(0, bytes.count - offset)), "TP-Link header")
        let head = try r.slice(TPLinkHeader.size, "TP-Link header").rest()
        let word = head[0]
        guard TPLinkHeader.matches(head) else {
            throw FormatError(.invalid, offset: UInt64(offset), context: ctx,
                              "header version 0x\(Hex.encode(Array(head[0 ..< 4]))) is none of 1, 2 (mktplinkfw) or 2, 3 (mktplinkfw2)")
        }
        let end = min(bodyEnd ?? bytes.count, bytes.count)
        func candidate(_ g: Generation) -> TPLinkHeader { TPLinkHeader(raw: head, generation: g) }
        var chosen: TPLinkHeader
        switch word {
        case 1: chosen = candidate(.mktplinkfw)
        case 3: chosen = candidate(.mktplinkfw2)
        default:
            let a = candidate(.mktplinkfw), b = candidate(.mktplinkfw2)
            let image = offset < end ? bytes[offset ..< end] : []
            if a.computedMD5(image: image) == a.storedMD5 { chosen = a }
            else if b.computedMD5(image: image) == b.storedMD5 { chosen = b }
            else if b.kernelOffset == UInt32(TPLinkHeader.size) && a.kernelOffset != UInt32(TPLinkHeader.size) { chosen = b }
            else { chosen = a }
        }
        self = chosen
        let at = UInt64(offset)
        _ = try Checked.add(kernelOffset, kernelLength, "TP-Link kernel_ofs + kernel_len", offset: at + UInt64(f.kernelOfs))
        guard kernelOffset >= UInt32(TPLinkHeader.size) else {
            throw FormatError(.invalid, offset: at + UInt64(f.kernelOfs), context: ctx,
                              "kernel_ofs 0x\(String(kernelOffset, radix: 16)) inside the header")
        }
    }

    init(raw: [UInt8], generation: Generation) {
        self.raw = raw
        self.generation = generation
    }

    func field(_ at: Int) -> UInt32 {
        UInt32(raw[at]) << 24 | UInt32(raw[at + 1]) << 16 | UInt32(raw[at + 2]) << 8 | UInt32(raw[at + 3])
    }

    mutating func setField(_ at: Int, _ v: UInt32) {
        raw[at] = UInt8(v >> 24); raw[at + 1] = UInt8(truncatingIfNeeded: v >> 16)
        raw[at + 2] = UInt8(truncatingIfNeeded: v >> 8); raw[at + 3] = UInt8(truncatingIfNeeded: v)
    }

    func cString(_ at: Int, _ n: Int) -> String {
        String(decoding: raw[at ..< at + n].prefix { $0 != 0 && $0 != 0xff }, as: UTF8.self)
    }

    /// Whether the header describes a rootfs (`-c` combined images leave the fields 0 or 0xff…).
    public var hasRootfsFields: Bool {
        rootfsOffset != 0 && rootfsOffset != 0xffff_ffff && rootfsLength != 0xffff_ffff
    }

    /// Sets `kernel_len`.
    public mutating func setKernelLength(_ v: UInt32) { setField(f.kernelLen, v) }
    /// Sets `rootfs_len` (left alone in combined images, whose field is not a length).
    public mutating func setRootfsLength(_ v: UInt32) { if hasRootfsFields { setField(f.rootfsLen, v) } }

    /// The salt `md5sum1` holds while the image MD5 is computed.
    var salt: [UInt8] { bootLength == 0 ? f.saltNormal : f.saltBoot }

    /// MD5 of `image` (whose first 512 bytes are this header) with md5sum1 replaced by the salt.
    public func computedMD5(image: ArraySlice<UInt8>) -> [UInt8] {
        let h = Digest.Hasher(.md5)
        var head = raw
        head.replaceSubrange(f.md5 ..< f.md5 + 16, with: salt)
        h.update(head)
        if image.count > TPLinkHeader.size { h.update(image[(image.startIndex + TPLinkHeader.size)...]) }
        return h.finish()
    }

    /// MD5 of `image` (whose first 512 bytes are this header) with md5sum1 replaced by the salt.
    public func computedMD5(image: [UInt8]) -> [UInt8] { computedMD5(image: image[...]) }

    /// Writes this header into `image[0..<512]` and stores the image MD5 in md5sum1.
    public mutating func seal(_ image: inout [UInt8]) {
        let md5 = computedMD5(image: image)
        raw.replaceSubrange(f.md5 ..< f.md5 + 16, with: md5)
        image.replaceSubrange(0 ..< TPLinkHeader.size, with: raw)
    }

    /// The md5sum1 check for `image` (the header and everything the MD5 covers).
    public func checksum(image: ArraySlice<UInt8>) -> Checksum {
        Checksum(kind: "tplink-md5", stored: Hex.encode(storedMD5), computed: Hex.encode(computedMD5(image: image)))
    }

    /// The md5sum1 check for `image`.
    public func checksum(image: [UInt8]) -> Checksum { checksum(image: image[...]) }
}
