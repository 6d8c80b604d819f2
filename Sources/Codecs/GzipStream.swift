import BinaryIO
import CZlib
import Platform

/// gzip members (RFC 1952) inflated from one file into another and deflated back in
/// bounded chunks through zlib, so a disk image of hundreds of MB never sits in memory
/// whole. Deflating with the same level, window and memLevel gives the same bytes as
/// `Deflate.deflate` does in one call (zlib's output does not depend on how the input is
/// split when no flush is requested).
public enum GzipStream {
    /// One `deflate` call into `out` (from its start): zlib's return code and the bytes it
    /// wrote; codes other than Z_OK, Z_STREAM_END and Z_BUF_ERROR (no progress possible,
    /// not an error) throw.
    static func deflateStep(_ strm: inout z_stream, flush: Int32, into out: inout [UInt8], context: String) throws -> (rc: Int32, count: Int) {
        let (rc, n): (Int32, Int) = out.withUnsafeMutableBytes { ob in
            guard let base = ob.baseAddress else { return (Z_BUF_ERROR, 0) }
            strm.next_out = base.assumingMemoryBound(to: Bytef.self)
            strm.avail_out = UInt32(ob.count)
            let rc = CZlib.deflate(&strm, flush)
            return (rc, ob.count - Int(strm.avail_out))
        }
        guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
            throw FormatError(.io, context: context, "zlib deflate failed: \(rc)")
        }
        return (rc, n)
    }

    /// Input and output chunk size.
    static let chunk = 1 << 20

    /// Inflates the gzip member at `offset` of `input` into `output` (from its offset 0),
    /// refusing more than `maxOutput` bytes. Returns the compressed bytes used, the bytes
    /// produced and the CRC-32 of the output.
    public static func inflate(_ input: RandomAccessFile, offset: UInt64 = 0, end: UInt64? = nil, into output: RandomAccessFile,
                               maxOutput: Int, context: String = "inflate gzip") throws -> (consumed: Int, produced: Int, crc: UInt32) {
        var strm = z_stream()
        guard shim_inflateInit2(&strm, 15 + 16) == Z_OK else { throw FormatError(.io, context: context, "zlib inflateInit2 failed") }
        defer { inflateEnd(&strm) }
        let limit = end ?? input.size
        var pos = offset
        var produced = 0
        var crc: UInt32 = 0
        var inBuf: [UInt8] = []
        var out = [UInt8](repeating: 0, count: chunk)
        var finished = false
        while !finished {
            if strm.avail_in == 0 {
                guard pos < limit else {
                    throw FormatError(.truncated, offset: pos, context: context, "compressed stream ends early")
                }
                inBuf = try input.read(at: pos, count: Int(min(UInt64(chunk), limit - pos)), context: context)
                pos += UInt64(inBuf.count)
            }
            let usedBefore = Int(strm.total_in)
            let (rc, n): (Int32, Int) = inBuf.withUnsafeBytes { ib in
                out.withUnsafeMutableBytes { ob in
                    let inOff = inBuf.count - Int(strm.avail_in)
                    if strm.avail_in == 0 {
                        strm.next_in = UnsafeMutablePointer(mutating: ib.baseAddress!.assumingMemoryBound(to: Bytef.self))
                        strm.avail_in = UInt32(ib.count)
                    } else {
                        strm.next_in = UnsafeMutablePointer(mutating: ib.baseAddress!.assumingMemoryBound(to: Bytef.self)) + inOff
                    }
                    strm.next_out = ob.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    strm.avail_out = UInt32(ob.count)
                    let rc = CZlib.inflate(&strm, Z_NO_FLUSH)
                    return (rc, ob.count - Int(strm.avail_out))
                }
            }
            _ = usedBefore
            if n > 0 {
                guard produced + n <= maxOutput else {
                    throw FormatError(.tooLarge, context: context, "decompressed data exceeds \(maxOutput) bytes")
                }
                let piece = n == out.count ? out : Array(out[..<n])
                try output.write(piece, at: UInt64(produced))
                crc = CRC32.checksum(piece, continuing: crc)
                produced += n
            }
            switch rc {
            case Z_STREAM_END: finished = true
            case Z_OK: break
            case Z_BUF_ERROR where strm.avail_in == 0: break
            default:
                let msg = strm.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw FormatError(.invalid, offset: offset + UInt64(strm.total_in), context: context, "corrupt deflate data: \(msg)")
            }
        }
        return (Int(strm.total_in), produced, crc)
    }

    /// Deflates `size` bytes of `input` from offset 0 as one gzip member (zlib header with
    /// no name or time, like `gzip -n`) at `level`, appending to `output` at `at`.
    /// `register` is updated with fwtool's CRC register (uninverted) over the bytes written.
    public static func deflate(_ input: RandomAccessFile, size: Int, level: Int32 = 9, into output: RandomAccessFile, at: UInt64,
                               register: inout UInt32) throws -> Int {
        var strm = z_stream()
        guard shim_deflateInit2(&strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw FormatError(.io, context: "deflate gzip", "zlib deflateInit2 failed")
        }
        defer { deflateEnd(&strm) }
        var pos = 0
        var written = 0
        var out = [UInt8](repeating: 0, count: chunk + 1024)
        var done = false
        while !done {
            let piece = pos < size ? try input.read(at: UInt64(pos), count: min(chunk, size - pos), context: "read disk") : []
            pos += piece.count
            let flush = pos >= size ? Z_FINISH : Z_NO_FLUSH
            try piece.withUnsafeBytes { ib in
                strm.next_in = UnsafeMutablePointer(mutating: ib.baseAddress?.assumingMemoryBound(to: Bytef.self))
                strm.avail_in = UInt32(ib.count)
                repeat {
                    let (rc, n) = try GzipStream.deflateStep(&strm, flush: flush, into: &out, context: "deflate gzip")
                    if n > 0 {
                        let bytes = Array(out[..<n])
                        try output.write(bytes, at: at + UInt64(written))
                        register = CRC32.uninverted(bytes, continuing: register)
                        written += n
                    }
                    if rc == Z_STREAM_END { done = true; break }
                } while strm.avail_out == 0 || strm.avail_in > 0
            }
        }
        return written
    }
}
