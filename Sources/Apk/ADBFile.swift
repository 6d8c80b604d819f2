import BinaryIO
import Platform

/// The logical block types of an ADB stream [apk-tools: src/adb.h ADB_BLOCK_*].
public enum ADBBlockType: UInt32, Sendable, Codable {
    /// The value heap holding the root object; exactly one, first.
    case adb = 0
    /// A signature over the ADB block; zero or more, after the ADB block.
    case sig = 1
    /// Package file data (`path_idx`, `file_idx`, content); after the signatures.
    case data = 2
    /// Reserved ("DATAX"); apk rejects it.
    case ext = 3
}

/// One block: `le32 type<<30 | rawsize` (rawsize includes the 4-byte header) or the extended
/// form `le32 3<<30 | type, le32 reserved, le64 rawsize` (16-byte header) for payloads that do
/// not fit in 30 bits; every block is padded with zeros to a multiple of 8
/// [apk-tools: src/adb.h adb_block_init, adb_block_size].
public struct ADBBlock: Sendable, Equatable {
    /// The logical block type (the extended form carries it in the low bits).
    public var type: ADBBlockType
    /// The payload (without header and padding).
    public var payload: [UInt8]
    /// The block exactly as read (header, payload, padding), or nil for a new block.
    public var original: [UInt8]?
    /// Offset of the block header in the plain stream, or nil for a new block.
    public var offset: Int?
    /// Offset of the payload in the plain stream (for error offsets), or nil.
    public var payloadOffset: Int?

    /// A new block (serialized in the short form when it fits).
    public init(type: ADBBlockType, payload: [UInt8]) {
        self.type = type
        self.payload = payload
        self.original = nil
        self.offset = nil
        self.payloadOffset = nil
    }

    /// Header + payload + padding: the original bytes when unchanged, else freshly framed.
    public func serialized() -> [UInt8] {
        if let original { return original }
        var w = ByteWriter(capacity: payload.count + 24)
        let length = UInt64(payload.count)
        if length <= 0x3fff_ffff - 4 {
            w.u32le(type.rawValue << 30 | UInt32(length + 4))
        } else {
            w.u32le(3 << 30 | type.rawValue)
            w.u32le(0)
            w.u64le(length + 16)
        }
        w.append(payload)
        w.pad(to: 8)
        return w.finish()
    }
}

/// A plain ADB stream: `ADB.` magic, le32 schema id, then blocks in the order ADB, SIG*,
/// DATA* [apk-tools: src/adb.c __adb_m_parse, doc/apk-v3.5.scd].
public struct ADBFile: Sendable {
    /// Schema ids [apk-tools: src/apk_adb.h ADB_SCHEMA_*].
    public static let schemaIndex: UInt32 = 0x7864_6e69  // "indx"
    /// Schema id of a package (`pckg`).
    public static let schemaPackage: UInt32 = 0x676b_6370  // "pckg"
    /// Schema id of the binary installed database (`idb`).
    public static let schemaInstalledDB: UInt32 = 0x0062_6469  // "idb"

    /// The le32 schema id after the `ADB.` magic.
    public var schema: UInt32
    /// Blocks in file order.
    public var blocks: [ADBBlock]

    /// A stream from parts (blocks are serialized in the order given).
    public init(schema: UInt32, blocks: [ADBBlock]) {
        self.schema = schema
        self.blocks = blocks
    }

    /// The four schema bytes as text ("indx", "pckg").
    public var schemaName: String {
        let b = withUnsafeBytes(of: schema.littleEndian) { Array($0) }
        return String(decoding: b.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The single ADB block's payload (the value heap).
    public var adbBlock: ADBBlock? { blocks.first { $0.type == .adb } }
    /// Signature blocks.
    public var signatures: [ADBBlock] { blocks.filter { $0.type == .sig } }
    /// Data blocks.
    public var dataBlocks: [ADBBlock] { blocks.filter { $0.type == .data } }

    /// Parses a plain stream, validating block sizes, padding and order.
    public init(parsing plain: [UInt8]) throws {
        var r = ByteReader(plain, context: "read ADB header")
        let magic = try r.u32le("ADB magic")
        guard magic == 0x2e42_4441 else {
            throw r.error(.invalid, "bad ADB magic 0x\(String(magic, radix: 16)) (expected \"ADB.\")", at: 0)
        }
        schema = try r.u32le("schema id")
        blocks = []
        r.context = "read ADB blocks"
        var seenADB = false, seenData = false
        while !r.isAtEnd {
            let start = r.offset
            let typeSize = try r.u32le("block header")
            var type = typeSize >> 30
            var rawSize = UInt64(typeSize & 0x3fff_ffff)
            var headerSize = 4
            if type == ADBBlockType.ext.rawValue {
                type = typeSize & 0x3fff_ffff
                _ = try r.u32le("extended block reserved word")
                rawSize = try r.u64le("extended block size")
                headerSize = 16
                guard type < 3 else { throw r.error(.invalid, "extended block of unknown type \(type)", at: start) }
            }
            guard rawSize >= UInt64(headerSize) else {
                throw r.error(.invalid, "block size \(rawSize) smaller than its \(headerSize)-byte header", at: start)
            }
            let left = UInt64(r.count - start)
            let padded = rawSize <= left ? (rawSize + 7) & ~7 : rawSize
            guard padded <= left else {
                throw r.error(.truncated, "block size \(rawSize) (padded \(padded)) exceeds the \(r.count - start) bytes left", at: start)
            }
            let length = Int(rawSize) - headerSize
            let payloadAt = r.offset
            let payload = try r.bytes(length, "block payload")
            try r.skip(Int(padded - rawSize))
            guard let kind = ADBBlockType(rawValue: type) else {
                throw r.error(.invalid, "unknown block type \(type)", at: start)
            }
            switch kind {
            case .adb:
                guard !seenADB, blocks.isEmpty else { throw r.error(.invalid, "ADB block not first or repeated", at: start) }
                guard payload.count >= 8 else { throw r.error(.invalid, "ADB block of \(payload.count) bytes has no header", at: start) }
                guard payload[0] == 0 else { throw r.error(.unsupported, "ADB compat version \(payload[0]) (only 0 known)", at: payloadAt) }
                seenADB = true
            case .sig:
                guard seenADB, !seenData else { throw r.error(.invalid, "signature block out of order", at: start) }
            case .data:
                guard seenADB else { throw r.error(.invalid, "data block before the ADB block", at: start) }
                seenData = true
            case .ext:
                throw r.error(.invalid, "DATAX block is not allowed", at: start)
            }
            var block = ADBBlock(type: kind, payload: payload)
            block.original = Array(plain[start ..< start + Int(padded)])
            block.offset = start
            block.payloadOffset = payloadAt
            blocks.append(block)
        }
        guard seenADB else { throw FormatError(.invalid, offset: 8, context: "read ADB blocks", "no ADB block") }
    }

    /// The plain stream: header then every block (unchanged blocks byte-identical).
    public func serialized() -> [UInt8] {
        var w = ByteWriter()
        w.u32le(0x2e42_4441)
        w.u32le(schema)
        for b in blocks { w.append(b.serialized()) }
        return w.finish()
    }

    /// Reads and decompresses a whole file.
    public static func open(_ path: String, expectSchema: UInt32? = nil) throws -> (ADBFile, ADBCompression) {
        try withFile(path) {
            let (comp, plain) = try ADBContainer.decode(try FS.read(path, limit: UInt64(ADBContainer.maxDecompressed)))
            let file = try ADBFile(parsing: plain)
            if let expectSchema, file.schema != expectSchema {
                let want = ADBFile(schema: expectSchema, blocks: []).schemaName
                throw FormatError(.invalid, offset: 4, context: "read ADB header", "schema \"\(file.schemaName)\", expected \"\(want)\"")
            }
            return (file, comp)
        }
    }
}
