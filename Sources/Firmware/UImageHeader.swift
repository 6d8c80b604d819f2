import BinaryIO
import Codecs

/// U-Boot legacy image header: 64 bytes, big-endian (u-boot include/image.h
/// `legacy_img_hdr`). `hcrc` is the CRC-32 of the header with the hcrc field zeroed;
/// `dcrc` is the CRC-32 of the `size` data bytes that follow the header.
public struct UImageHeader: Sendable, Equatable, Codable {
    /// `IH_MAGIC`.
    public static let magic: UInt32 = 0x2705_1956
    /// Header length.
    public static let size = 64

    /// `ih_hcrc`.
    public var headerCRC: UInt32
    /// Creation time (seconds since the epoch), as stored.
    public var time: UInt32
    /// Data length in bytes.
    public var dataSize: UInt32
    /// `ih_load`.
    public var loadAddress: UInt32
    /// `ih_ep`.
    public var entryPoint: UInt32
    /// `ih_dcrc`.
    public var dataCRC: UInt32
    /// `ih_os` (5 = Linux).
    public var os: UInt8
    /// `ih_arch`.
    public var arch: UInt8
    /// `ih_type` (2 = kernel).
    public var type: UInt8
    /// `ih_comp`.
    public var compression: UInt8
    /// `ih_name`, 32 bytes kept verbatim (NUL padded).
    public var nameBytes: [UInt8]

    /// The name up to the first NUL.
    public var name: String {
        String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// `IH_COMP_*` names.
    public var compressionName: String {
        switch compression {
        case 0: return "none"
        case 1: return "gzip"
        case 2: return "bzip2"
        case 3: return "lzma"
        case 4: return "lzo"
        case 5: return "lz4"
        case 6: return "zstd"
        default: return "unknown(\(compression))"
        }
    }

    /// `IH_ARCH_*` names for the architectures OpenWrt builds.
    public var archName: String {
        switch arch {
        case 2: return "arm"
        case 3: return "x86"
        case 5: return "mips"
        case 6: return "mips64"
        case 7: return "powerpc"
        case 22: return "arm64"
        case 24: return "x86_64"
        case 26: return "riscv"
        default: return "arch(\(arch))"
        }
    }

    /// Whether `bytes` at `offset` start with the uImage magic.
    public static func matches(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, bytes.count - offset >= size else { return false }
        return bytes[offset] == 0x27 && bytes[offset + 1] == 0x05 && bytes[offset + 2] == 0x19 && bytes[offset + 3] == 0x56
    }

    /// Parses the 64 bytes at the reader's position (fields in disk order).
    public init(parsing r: inout ByteReader) throws {
        let m = try r.u32be("ih_magic")
        guard m == UImageHeader.magic else {
            throw r.error(.invalid, "bad uImage magic 0x\(String(m, radix: 16))", at: r.offset - 4)
        }
        headerCRC = try r.u32be("ih_hcrc")
        time = try r.u32be("ih_time")
        dataSize = try r.u32be("ih_size")
        loadAddress = try r.u32be("ih_load")
        entryPoint = try r.u32be("ih_ep")
        dataCRC = try r.u32be("ih_dcrc")
        os = try r.u8("ih_os")
        arch = try r.u8("ih_arch")
        type = try r.u8("ih_type")
        compression = try r.u8("ih_comp")
        nameBytes = try r.bytes(32, "ih_name")
    }

    /// The 64 header bytes with `hcrc` as given.
    public func serialize(headerCRC hcrc: UInt32? = nil) -> [UInt8] {
        var w = ByteWriter(capacity: UImageHeader.size)
        w.u32be(UImageHeader.magic)
        w.u32be(hcrc ?? headerCRC)
        w.u32be(time)
        w.u32be(dataSize)
        w.u32be(loadAddress)
        w.u32be(entryPoint)
        w.u32be(dataCRC)
        w.u8(os); w.u8(arch); w.u8(type); w.u8(compression)
        var name = nameBytes
        if name.count < 32 { name += [UInt8](repeating: 0, count: 32 - name.count) }
        w.append(name.prefix(32))
        return w.finish()
    }

    /// CRC-32 of the header with the hcrc field zeroed (what U-Boot checks).
    public func computedHeaderCRC() -> UInt32 {
        CRC32.checksum(serialize(headerCRC: 0))
    }

    /// A header describing `data` with this header's other fields: size, dcrc and hcrc set.
    public func describing(_ data: [UInt8]) throws -> UImageHeader {
        var h = self
        h.dataSize = try Checked.int(data.count, as: UInt32.self, "uImage data size")
        h.dataCRC = CRC32.checksum(data)
        h.headerCRC = h.computedHeaderCRC()
        return h
    }

    /// The header and data checksums for a uImage whose data is `data`.
    public func checksums(data: ArraySlice<UInt8>) -> [Checksum] {
        [Checksum(kind: "uimage-header-crc32", stored: headerCRC, computed: computedHeaderCRC()),
         Checksum(kind: "uimage-data-crc32", stored: dataCRC, computed: CRC32.checksum(data))]
    }
}
