#if canImport(Glibc)
import Glibc
#endif
import BinaryIO

/// Whole reads and writes on an open file descriptor: the one loop that retries a call
/// interrupted by a signal (EINTR) and continues after a short transfer, as read(2),
/// write(2), pread(2) and pwrite(2) allow. `RandomAccessFile`, `FS`, squashfs extraction
/// and the CLI's stdout/stderr use it rather than a loop of their own.
public enum FileDescriptor {
    /// Reads into `buffer` from `offset` (pread) until it is full or the file ends; returns
    /// the number of bytes read (less than `buffer.count` only at the end of the file).
    /// A failing read throws an `.io` error naming `file` and the offset reached.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64,
                            context: String = "read", file: String? = nil) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError.errno(context, file: file, offset: offset + UInt64(done))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Writes all of `buffer` at `offset` (pwrite), or at the file's current position when
    /// `offset` is nil (write: pipes, stdout, a file written in order). A failing write
    /// throws an `.io` error naming `file` and the offset reached.
    public static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: UInt64? = nil,
                             context: String = "write", file: String? = nil) throws {
        var done = 0
        while done < buffer.count {
            let n = if let offset {
                pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            } else {
                Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError.errno(context, file: file, offset: (offset ?? 0) + UInt64(done))
            }
            done += n
        }
    }
}
