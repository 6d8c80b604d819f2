/// A bounds-checked cursor over bytes, reading fields in disk order with the endianness in
/// the method name (the shape of apple/swift-binary-parsing). Every read that would pass
/// `end` throws `FormatError(.truncated)` carrying the absolute file offset.
///
/// `fileOffset` is the absolute position of `bytes[0]` in the file, so errors from a reader
/// over a block read at offset N report N + position.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    /// First readable index in `bytes`.
    public let start: Int
    /// One past the last readable index in `bytes`.
    public let end: Int
    /// Current index in `bytes` (start <= position <= end).
    public private(set) var position: Int
    /// Absolute file offset of `bytes[0]`.
    public let fileOffset: UInt64
    /// What is being read, used in errors.
    public var context: String

    public init(_ bytes: [UInt8], fileOffset: UInt64 = 0, context: String = "") {
        self.bytes = bytes
        self.start = 0
        self.end = bytes.count
        self.position = 0
        self.fileOffset = fileOffset
        self.context = context
    }

    init(bytes: [UInt8], start: Int, end: Int, fileOffset: UInt64, context: String) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.position = start
        self.fileOffset = fileOffset
        self.context = context
    }

    /// Bytes left before `end`.
    @inlinable public var remaining: Int { end - position }
    /// Whether nothing is left.
    @inlinable public var isAtEnd: Bool { position >= end }
    /// Position relative to `start` (the reader's own offset 0).
    @inlinable public var offset: Int { position - start }
    /// Absolute file offset of the cursor.
    public var absoluteOffset: UInt64 { fileOffset &+ UInt64(position) }
    /// Readable length.
    @inlinable public var count: Int { end - start }

    /// An error at the current absolute offset.
    public func error(_ kind: FormatError.Kind, _ message: String, at relative: Int? = nil) -> FormatError {
        let pos = relative.map { start + $0 } ?? position
        return FormatError(kind, offset: fileOffset &+ UInt64(max(0, pos)), context: context, message)
    }

    @inline(__always)
    mutating func need(_ n: Int, _ what: String) throws {
        guard n >= 0, n <= end - position else {
            throw error(.truncated, "need \(n) bytes for \(what), \(max(0, end - position)) left")
        }
    }

    /// Moves to `offset` bytes after the reader's start (absolute seek within the view).
    public mutating func seek(to offset: Int) throws {
        guard offset >= 0, offset <= end - start else {
            throw error(.outOfBounds, "seek to \(offset) outside 0..<\(end - start)")
        }
        position = start + offset
    }

    /// Moves forward `n` bytes.
    public mutating func skip(_ n: Int) throws {
        try need(n, "skip")
        position += n
    }

    @inline(__always)
    mutating func load<T: FixedWidthInteger>(_: T.Type, _ what: String) throws -> T {
        let size = MemoryLayout<T>.size
        try need(size, what)
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += size
        return v
    }

    public mutating func u8(_ what: String = "u8") throws -> UInt8 { try load(UInt8.self, what) }
    public mutating func u16le(_ what: String = "u16") throws -> UInt16 { UInt16(littleEndian: try load(UInt16.self, what)) }
    public mutating func u16be(_ what: String = "u16") throws -> UInt16 { UInt16(bigEndian: try load(UInt16.self, what)) }
    public mutating func u32le(_ what: String = "u32") throws -> UInt32 { UInt32(littleEndian: try load(UInt32.self, what)) }
    public mutating func u32be(_ what: String = "u32") throws -> UInt32 { UInt32(bigEndian: try load(UInt32.self, what)) }
    public mutating func u64le(_ what: String = "u64") throws -> UInt64 { UInt64(littleEndian: try load(UInt64.self, what)) }
    public mutating func u64be(_ what: String = "u64") throws -> UInt64 { UInt64(bigEndian: try load(UInt64.self, what)) }
    public mutating func i16le(_ what: String = "i16") throws -> Int16 { Int16(littleEndian: try load(Int16.self, what)) }

    /// Reads a 16/32/64-bit unsigned value whose endianness is chosen at run time.
    public mutating func u16(_ bigEndian: Bool, _ what: String = "u16") throws -> UInt16 { bigEndian ? try u16be(what) : try u16le(what) }
    public mutating func u32(_ bigEndian: Bool, _ what: String = "u32") throws -> UInt32 { bigEndian ? try u32be(what) : try u32le(what) }
    public mutating func u64(_ bigEndian: Bool, _ what: String = "u64") throws -> UInt64 { bigEndian ? try u64be(what) : try u64le(what) }

    /// Copies the next `n` bytes.
    public mutating func bytes(_ n: Int, _ what: String = "bytes") throws -> [UInt8] {
        try need(n, what)
        let r = Array(bytes[position ..< position + n])
        position += n
        return r
    }

    /// Reads `n` bytes as a string (UTF-8, invalid bytes repaired).
    public mutating func string(_ n: Int, _ what: String = "string") throws -> String {
        let b = try bytes(n, what)
        return String(decoding: b, as: UTF8.self)
    }

    /// A sub-reader over the next `n` bytes; this reader moves past them. The sub-reader
    /// cannot read beyond its own `n` bytes (length-prefixed records parse from a slice).
    public mutating func slice(_ n: Int, _ what: String = "slice") throws -> ByteReader {
        try need(n, what)
        let r = ByteReader(bytes: bytes, start: position, end: position + n, fileOffset: fileOffset, context: context)
        position += n
        return r
    }

    /// A sub-reader over `[offset, offset+length)` relative to this reader's start, without moving.
    public func view(at offset: Int, length: Int, _ what: String = "view") throws -> ByteReader {
        guard offset >= 0, length >= 0, offset <= end - start, length <= end - start - offset else {
            throw error(.outOfBounds, "\(what) [\(offset), +\(length)) outside 0..<\(end - start)")
        }
        return ByteReader(bytes: bytes, start: start + offset, end: start + offset + length, fileOffset: fileOffset, context: context)
    }

    /// The readable bytes not yet consumed, copied.
    public func rest() -> [UInt8] { Array(bytes[position ..< end]) }

    /// Peeks at the next `n` bytes without moving (nil if fewer remain).
    public func peek(_ n: Int) -> ArraySlice<UInt8>? {
        n <= end - position && n >= 0 ? bytes[position ..< position + n] : nil
    }

    /// Reads up to and excluding a NUL byte, consuming the NUL; fails if none before `end`.
    public mutating func cString(max: Int = 4096, _ what: String = "string") throws -> String {
        var i = position
        let limit = Swift.min(end, position + max)
        while i < limit, bytes[i] != 0 { i += 1 }
        guard i < limit else { throw error(.truncated, "unterminated \(what)") }
        let s = String(decoding: bytes[position ..< i], as: UTF8.self)
        position = i + 1
        return s
    }
}
