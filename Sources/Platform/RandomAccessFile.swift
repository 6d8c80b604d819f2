import BinaryIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for absolute-offset reads (`pread`) and, when writable, writes (`pwrite`).
/// Reads never move a shared cursor, so many threads may read one file at once.
public final class RandomAccessFile: @unchecked Sendable {
    public let path: String
    let fd: Int32
    public let size: UInt64
    let writable: Bool

    /// Opens `path` read-only. FIFOs and sockets are refused: their size is unknown, and
    /// opening a FIFO nobody writes to would wait forever (O_NONBLOCK makes the open return
    /// so the type can be checked). Devices read as their size says (0 for most).
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FormatError.errno("open", file: path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = FormatError.errno("stat", file: path); close(fd); throw e
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            close(fd)
            throw FormatError(.io, context: "open", "is a directory", file: path)
        case S_IFIFO, S_IFSOCK:
            close(fd)
            throw FormatError(.io, context: "open", "not a regular file (a FIFO or socket): give a file", file: path)
        default:
            break
        }
        self.fd = fd
        self.size = UInt64(max(0, st.st_size))
        self.writable = false
    }

    /// Creates (or truncates) `path` for writing with mode 0644.
    public init(creating path: String, mode: mode_t = 0o644) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FormatError.errno("create", file: path) }
        self.fd = fd
        self.size = 0
        self.writable = true
    }

    deinit { close(fd) }

    /// Reads exactly `count` bytes at `offset`, or throws `.truncated` naming the offset.
    public func read(at offset: UInt64, count: Int, context: String = "read") throws -> [UInt8] {
        guard count >= 0 else { throw FormatError(.invalid, offset: offset, context: context, "negative length", file: path) }
        let (endOffset, o) = offset.addingReportingOverflow(UInt64(count))
        guard !o, endOffset <= size || writable else {
            throw FormatError(.truncated, offset: offset, context: context,
                              "need \(count) bytes, file ends at 0x\(String(size, radix: 16))", file: path)
        }
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { buf in
            try readFully(into: buf, at: offset, context: context)
        }
        return out
    }

    /// Fills `buffer` from `offset`.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64, context: String = "read") throws {
        let done = try FileDescriptor.read(fd, into: buffer, at: offset, context: context, file: path)
        if done < buffer.count {
            throw FormatError(.truncated, offset: offset + UInt64(done), context: context, "unexpected end of file", file: path)
        }
    }

    /// Writes all of `bytes` at `offset`.
    public func write(_ bytes: [UInt8], at offset: UInt64) throws {
        try bytes.withUnsafeBytes { try FileDescriptor.write(fd, $0, at: offset, file: path) }
    }

    /// Flushes written data to stable storage.
    public func sync() throws {
        if fsync(fd) != 0 { throw FormatError.errno("fsync", file: path) }
    }

    /// A view of `[base, base+length)` of this file that reads as if it started at 0.
    public func view(base: UInt64 = 0, length: UInt64? = nil) throws -> FileView {
        let len = length ?? (size >= base ? size - base : 0)
        let (end, o) = base.addingReportingOverflow(len)
        guard base <= size, !o, end <= size else {
            throw FormatError(.outOfBounds, offset: base, context: "open view",
                              "region of \(len) bytes at 0x\(String(base, radix: 16)) exceeds file size \(size)", file: path)
        }
        return FileView(file: self, base: base, length: len)
    }
}

/// An offset view into a `RandomAccessFile`: an image embedded in a firmware file reads as
/// if it started at offset 0, and no read can leave `[0, length)`. Errors report absolute
/// offsets in the underlying file.
public struct FileView: Sendable {
    public let file: RandomAccessFile
    /// Absolute offset of the view's byte 0 in the file.
    public let base: UInt64
    /// Readable length.
    public let length: UInt64

    public init(file: RandomAccessFile, base: UInt64, length: UInt64) {
        self.file = file
        self.base = base
        self.length = length
    }

    public var path: String { file.path }

    /// Reads exactly `count` bytes at view-relative `offset`, or throws with the absolute offset.
    public func read(at offset: UInt64, count: Int, context: String = "read") throws -> [UInt8] {
        guard count >= 0 else { throw FormatError(.invalid, offset: base &+ offset, context: context, "negative length", file: file.path) }
        let (end, o) = offset.addingReportingOverflow(UInt64(count))
        guard !o, end <= length else {
            throw FormatError(.truncated, offset: base &+ offset, context: context,
                              "need \(count) bytes at 0x\(String(offset, radix: 16)), region ends at 0x\(String(length, radix: 16))",
                              file: file.path)
        }
        return try file.read(at: base + offset, count: count, context: context)
    }

    /// A `ByteReader` over `count` bytes at `offset`, whose errors name absolute offsets.
    public func reader(at offset: UInt64, count: Int, context: String) throws -> ByteReader {
        let b = try read(at: offset, count: count, context: context)
        return ByteReader(b, fileOffset: base + offset, context: context)
    }

    /// A narrower view `[offset, offset+length)` relative to this one.
    public func subview(at offset: UInt64, length: UInt64) throws -> FileView {
        let (end, o) = offset.addingReportingOverflow(length)
        guard !o, end <= self.length else {
            throw FormatError(.outOfBounds, offset: base &+ offset, context: "open view",
                              "region of \(length) bytes exceeds enclosing region of \(self.length)", file: file.path)
        }
        return FileView(file: file, base: base + offset, length: length)
    }
}

extension FormatError {
    /// An `.io` error from the current `errno`.
    public static func errno(_ context: String, file: String? = nil, offset: UInt64? = nil) -> FormatError {
        let code = Glibc.errno
        let msg = String(cString: strerror(code))
        return FormatError(.io, offset: offset, context: context, msg, file: file)
    }
}
