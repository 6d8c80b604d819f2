import BinaryIO

/// TP-Link v1/v2 firmware header: 512 bytes, big-endian (openwrt/firmware-utils
/// src/mktplinkfw.c `struct fw_header`; v1 = 0x01000000, v2 = 0x02000000, same layout).
///
/// `md5sum1` is the MD5 of the whole image computed while the field holds a fixed salt
/// (`md5salt_normal`, or `md5salt_boot` when a boot loader is included, boot_len != 0),
/// as `fill_header` and `inspect_fw` do. The raw 512 bytes are kept so fields imagetool
/// does not interpret (region strings, md5sum2, padding) survive a rebuild unchanged.
public struct TPLinkHeader: Sendable, Equatable {
    /// Header length.
    public static let size = 512
    static let versionV1: UInt32 = 0x0100_0000
    static let versionV2: UInt32 = 0x0200_0000
    /// The salt for images without a boot loader (mktplinkfw.c md5salt_normal).
    static let saltNormal: [UInt8] = [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb,
                                      0xdd, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x38]
    /// The salt for images carrying a boot loader (mktplinkfw.c md5salt_boot).
    static let saltBoot: [UInt8] = [0x8c, 0xef, 0x33, 0x5b, 0xd5, 0xc5, 0xce, 0xfa,
                                    0xa7, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42]
    static let md5Offset = 76

    /// The 512 header bytes as stored.
    public private(set) var raw: [UInt8]

    /// Header version word (0x01000000 or 0x02000000).
    public var version: UInt32 { field(0) }
    /// 1 or 2.
    public var headerVersion: Int { version == TPLinkHeader.versionV2 ? 2 : 1 }
    /// `vendor_name[24]`.
    public var vendor: String { cString(4, 24) }
    /// `fw_version[36]`.
    public var firmwareVersion: String { cString(28, 36) }
    /// `hw_id`.
    public var hardwareID: UInt32 { field(64) }
    /// `hw_rev`.
    public var hardwareRevision: UInt32 { field(68) }
    /// `region_code`.
    public var regionCode: UInt32 { field(72) }
    /// `md5sum1` as stored.
    public var storedMD5: [UInt8] { Array(raw[76 ..< 92]) }
    /// `kernel_la`.
    public var kernelLoadAddress: UInt32 { field(116) }
    /// `kernel_ep`.
    public var kernelEntryPoint: UInt32 { field(120) }
    /// Total firmware length of the flash layout (`fw_max_len`).
    public var firmwareLength: UInt32 { field(124) }
    /// `kernel_ofs`.
    public var kernelOffset: UInt32 { field(128) }
    /// `kernel_len`.
    public var kernelLength: UInt32 { field(132) }
    /// `rootfs_ofs`.
    public var rootfsOffset: UInt32 { field(136) }
    /// `rootfs_len`.
    public var rootfsLength: UInt32 { field(140) }
    /// `boot_ofs`.
    public var bootOffset: UInt32 { field(144) }
    /// `boot_len`.
    public var bootLength: UInt32 { field(148) }
    /// `ver_hi.ver_mid.ver_lo`.
    public var versionTriple: String {
        "\(UInt16(raw[152]) << 8 | UInt16(raw[153])).\(UInt16(raw[154]) << 8 | UInt16(raw[155])).\(UInt16(raw[156]) << 8 | UInt16(raw[157]))"
    }

    /// Whether `bytes` start with a v1/v2 header version word (a shorter file then fails
    /// to parse as truncated).
    public static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        let v = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return v == versionV1 || v == versionV2
    }

    /// Parses the header at the start of `bytes`, checking the version and that kernel and
    /// rootfs ranges lie inside `fw_length` arithmetic without overflow.
    public init(parsing bytes: [UInt8]) throws {
        var r = ByteReader(bytes, context: "read TP-Link header")
        let head = try r.slice(TPLinkHeader.size, "TP-Link header")
        raw = head.rest()
        guard version == TPLinkHeader.versionV1 || version == TPLinkHeader.versionV2 else {
            throw FormatError(.invalid, offset: 0, context: "read TP-Link header",
                              "header version 0x\(String(version, radix: 16)) is neither v1 nor v2")
        }
        _ = try Checked.add(kernelOffset, kernelLength, "TP-Link kernel_ofs + kernel_len", offset: 128)
        _ = try Checked.add(rootfsOffset, rootfsLength, "TP-Link rootfs_ofs + rootfs_len", offset: 136)
        guard kernelOffset >= UInt32(TPLinkHeader.size) else {
            throw FormatError(.invalid, offset: 128, context: "read TP-Link header",
                              "kernel_ofs 0x\(String(kernelOffset, radix: 16)) inside the header")
        }
    }

    func field(_ at: Int) -> UInt32 {
        UInt32(raw[at]) << 24 | UInt32(raw[at + 1]) << 16 | UInt32(raw[at + 2]) << 8 | UInt32(raw[at + 3])
    }

    mutating func setField(_ at: Int, _ v: UInt32) {
        raw[at] = UInt8(v >> 24); raw[at + 1] = UInt8(truncatingIfNeeded: v >> 16)
        raw[at + 2] = UInt8(truncatingIfNeeded: v >> 8); raw[at + 3] = UInt8(truncatingIfNeeded: v)
    }

    func cString(_ at: Int, _ n: Int) -> String {
        String(decoding: raw[at ..< at + n].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Sets `kernel_len`.
    public mutating func setKernelLength(_ v: UInt32) { setField(132, v) }
    /// Sets `rootfs_len`.
    public mutating func setRootfsLength(_ v: UInt32) { setField(140, v) }

    /// The salt `md5sum1` holds while the image MD5 is computed.
    var salt: [UInt8] { bootLength == 0 ? TPLinkHeader.saltNormal : TPLinkHeader.saltBoot }

    /// MD5 of `image` (whose first 512 bytes are this header) with md5sum1 replaced by the salt.
    public func computedMD5(image: [UInt8]) -> [UInt8] {
        let h = Digest.Hasher(.md5)
        var head = raw
        head.replaceSubrange(TPLinkHeader.md5Offset ..< TPLinkHeader.md5Offset + 16, with: salt)
        h.update(head)
        if image.count > TPLinkHeader.size { h.update(image[TPLinkHeader.size...]) }
        return h.finish()
    }

    /// Writes this header into `image[0..<512]` and stores the image MD5 in md5sum1.
    public mutating func seal(_ image: inout [UInt8]) {
        let md5 = computedMD5(image: image)
        raw.replaceSubrange(TPLinkHeader.md5Offset ..< TPLinkHeader.md5Offset + 16, with: md5)
        image.replaceSubrange(0 ..< TPLinkHeader.size, with: raw)
    }

    /// The md5sum1 check for `image`.
    public func checksum(image: [UInt8]) -> Checksum {
        Checksum(kind: "tplink-md5", stored: Hex.encode(storedMD5), computed: Hex.encode(computedMD5(image: image)))
    }
}
