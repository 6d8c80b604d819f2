import BinaryIO
import Codecs

/// The outer framing of an apk v3 file: `ADB.` (plain), `ADBd` (raw deflate of the whole
/// plain stream) or `ADBc` + algorithm byte + level byte + the compressed plain stream
/// [alpinelinux/apk-tools: src/adb_comp.c, adb_decompress/adb_compress].
///
/// The decompressed stream always starts with the plain `ADB.` file header.
public enum ADBCompression: Sendable, Equatable, CustomStringConvertible {
    /// No compression (`ADB.`).
    case none
    /// Raw deflate (`ADBd`), zlib's default level when writing.
    case deflate
    /// `ADBc` with an explicit algorithm (0 none, 1 deflate, 2 zstd) and level.
    case custom(algorithm: UInt8, level: UInt8)

    /// Algorithm numbers used in the `ADBc` header [apk-tools: src/adb.h ADB_COMP_*].
    public static let algorithmNone: UInt8 = 0, algorithmDeflate: UInt8 = 1, algorithmZstd: UInt8 = 2

    /// Text form used in reports ("deflate", "zstd:19").
    public var description: String {
        switch self {
        case .none: return "none"
        case .deflate: return "deflate"
        case let .custom(alg, level):
            let name = [0: "none", 1: "deflate", 2: "zstd"][alg] ?? "alg\(alg)"
            return "\(name):\(level)"
        }
    }
}

/// Decoding and encoding of the compression framing.
public enum ADBContainer {
    /// Largest decompressed ADB stream accepted (packages and indexes are far smaller).
    public static let maxDecompressed = 1 << 30

    /// Splits `file` into its compression and the plain `ADB.` stream.
    public static func decode(_ file: [UInt8], maxOutput: Int = maxDecompressed) throws -> (ADBCompression, [UInt8]) {
        var r = ByteReader(file, context: "read ADB container")
        guard let magic = r.peek(4), magic.starts(with: [0x41, 0x44, 0x42]) else {
            throw FormatError(.invalid, offset: 0, context: "read ADB container", "not an apk v3 file (no ADB magic)")
        }
        switch magic.last {
        case UInt8(ascii: "."):
            return (.none, file)
        case UInt8(ascii: "d"):
            let plain = try file.withUnsafeBytes { buf in
                try Deflate.inflate(UnsafeRawBufferPointer(rebasing: buf[4...]), framing: .raw, maxOutput: maxOutput,
                                    context: "inflate ADBd stream").bytes
            }
            return (.deflate, plain)
        case UInt8(ascii: "c"):
            try r.skip(4)
            let alg = try r.u8("compression algorithm")
            let level = try r.u8("compression level")
            let spec = ADBCompression.custom(algorithm: alg, level: level)
            let plain: [UInt8] = try file.withUnsafeBytes { buf in
                let body = UnsafeRawBufferPointer(rebasing: buf[6...])
                switch alg {
                case ADBCompression.algorithmNone:
                    return Array(body)
                case ADBCompression.algorithmDeflate:
                    return try Deflate.inflate(body, framing: .raw, maxOutput: maxOutput, context: "inflate ADBc stream").bytes
                case ADBCompression.algorithmZstd:
                    return try Zstd.decompress(body, maxOutput: maxOutput, context: "decompress ADBc zstd stream")
                default:
                    throw FormatError(.unsupported, offset: 4, context: "read ADB container", "unknown ADBc compression algorithm \(alg)")
                }
            }
            return (spec, plain)
        default:
            throw FormatError(.invalid, offset: 3, context: "read ADB container",
                              "unknown ADB framing byte 0x\(String(magic.last ?? 0, radix: 16))")
        }
    }

    /// Frames a plain `ADB.` stream with `compression` (deterministic: same input, same bytes).
    public static func encode(_ plain: [UInt8], compression: ADBCompression) throws -> [UInt8] {
        switch compression {
        case .none:
            return plain
        case .deflate:
            return Array("ADBd".utf8) + Deflate.deflate(plain, level: 6, framing: .raw)
        case let .custom(alg, level):
            var out = Array("ADBc".utf8) + [alg, level]
            switch alg {
            case ADBCompression.algorithmNone:
                out += plain
            case ADBCompression.algorithmDeflate:
                out += Deflate.deflate(plain, level: Int32(min(level, 9)), framing: .raw)
            case ADBCompression.algorithmZstd:
                out += plain.withUnsafeBytes { Zstd.compress($0, level: Int32(max(1, min(level, 22)))) }
            default:
                throw FormatError(.unsupported, context: "write ADB container", "unknown ADBc compression algorithm \(alg)")
            }
            return out
        }
    }
}
