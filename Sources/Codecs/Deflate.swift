import BinaryIO
import CZlib

/// zlib deflate/inflate in its three framings, through zlib (RFC 1950/1951/1952).
public enum Deflate {
    /// Stream framing: raw deflate, zlib header, or gzip member.
    public enum Framing: Sendable {
        case raw, zlib, gzip
        /// Accepts zlib or gzip headers when decoding.
        case auto

        var windowBits: Int32 {
            switch self {
            case .raw: return -15
            case .zlib: return 15
            case .gzip: return 15 + 16
            case .auto: return 15 + 32
            }
        }
    }

    /// Result of an inflate: the output and how many input bytes the stream used
    /// (trailing bytes after a gzip member, e.g. OpenWrt metadata, stay unconsumed).
    public struct Inflated: Sendable {
        public var bytes: [UInt8]
        public var consumed: Int
    }

    /// Inflates one stream from `input`, refusing to produce more than `maxOutput` bytes.
    public static func inflate(_ input: UnsafeRawBufferPointer, framing: Framing, maxOutput: Int,
                               expectedSize: Int? = nil, context: String = "inflate") throws -> Inflated {
        var strm = z_stream()
        guard shim_inflateInit2(&strm, framing.windowBits) == Z_OK else {
            throw FormatError(.io, context: context, "zlib inflateInit2 failed")
        }
        defer { inflateEnd(&strm) }
        var out = [UInt8](repeating: 0, count: min(maxOutput, max(expectedSize ?? 0, 64 * 1024)))
        var produced = 0
        strm.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        strm.avail_in = UInt32(clamping: input.count)
        while true {
            if produced == out.count {
                if out.count >= maxOutput {
                    throw FormatError(.tooLarge, context: context, "decompressed data exceeds \(maxOutput) bytes")
                }
                out.append(contentsOf: repeatElement(0, count: min(maxOutput - out.count, max(out.count, 64 * 1024))))
            }
            let rc: Int32 = out.withUnsafeMutableBytes { buf in
                strm.next_out = buf.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                strm.avail_out = UInt32(clamping: buf.count - produced)
                let before = strm.avail_out
                let rc = CZlib.inflate(&strm, Z_NO_FLUSH)
                produced += Int(before - strm.avail_out)
                return rc
            }
            if rc == Z_STREAM_END { break }
            if rc == Z_BUF_ERROR && strm.avail_in == 0 {
                throw FormatError(.truncated, offset: UInt64(input.count), context: context, "compressed stream ends early")
            }
            if rc != Z_OK && rc != Z_BUF_ERROR {
                let msg = strm.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw FormatError(.invalid, offset: UInt64(Int(strm.total_in)), context: context, "corrupt deflate data: \(msg)")
            }
        }
        out.removeSubrange(produced...)
        return Inflated(bytes: out, consumed: Int(strm.total_in))
    }

    /// Inflates `input` (see the buffer-pointer variant).
    public static func inflate(_ input: [UInt8], framing: Framing = .auto, maxOutput: Int,
                               expectedSize: Int? = nil, context: String = "inflate") throws -> Inflated {
        try input.withUnsafeBytes { try inflate($0, framing: framing, maxOutput: maxOutput, expectedSize: expectedSize, context: context) }
    }

    /// Deflates `input` in one call. With `.gzip` framing zlib writes the header
    /// `1f 8b 08 00 00000000 xfl 03` (no name, no time), like `gzip -n`.
    public static func deflate(_ input: UnsafeRawBufferPointer, level: Int32 = 9, framing: Framing = .zlib,
                               memLevel: Int32 = 8, strategy: Int32 = Z_DEFAULT_STRATEGY) -> [UInt8] {
        var strm = z_stream()
        let rc = shim_deflateInit2(&strm, level, Z_DEFLATED, framing.windowBits, memLevel, strategy)
        precondition(rc == Z_OK, "deflateInit2 failed: \(rc)")
        defer { deflateEnd(&strm) }
        let bound = Int(deflateBound(&strm, UInt(input.count))) + 32
        var out = [UInt8](repeating: 0, count: bound)
        let produced: Int = out.withUnsafeMutableBytes { buf in
            strm.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            strm.avail_in = UInt32(input.count)
            strm.next_out = buf.baseAddress!.assumingMemoryBound(to: Bytef.self)
            strm.avail_out = UInt32(buf.count)
            let r = CZlib.deflate(&strm, Z_FINISH)
            precondition(r == Z_STREAM_END, "deflate did not finish: \(r)")
            return Int(strm.total_out)
        }
        out.removeSubrange(produced...)
        return out
    }

    /// Deflates `input` (see the buffer-pointer variant).
    public static func deflate(_ input: [UInt8], level: Int32 = 9, framing: Framing = .zlib) -> [UInt8] {
        input.withUnsafeBytes { deflate($0, level: level, framing: framing) }
    }

    /// Deflates `input` at `level`, except `stored`, which goes into stored blocks (level 0,
    /// RFC 1951 §3.2.4) — for data that is already compressed, such as the data.tar.gz
    /// inside an ipk: deflating it again costs most of the time and saves nothing (zlib
    /// falls back to stored blocks for it anyway). zlib's deflateParams ends the current
    /// block at each level change; back-references may still reach into the stored span.
    public static func deflate(_ input: [UInt8], level: Int32, framing: Framing, stored: Range<Int>) -> [UInt8] {
        let lo = min(max(stored.lowerBound, 0), input.count), hi = min(max(stored.upperBound, lo), input.count)
        guard hi > lo else { return deflate(input, level: level, framing: framing) }
        var strm = z_stream()
        let rc = shim_deflateInit2(&strm, level, Z_DEFLATED, framing.windowBits, 8, Z_DEFAULT_STRATEGY)
        precondition(rc == Z_OK, "deflateInit2 failed: \(rc)")
        defer { deflateEnd(&strm) }
        // Stored blocks cost 5 bytes per 64 KiB at most; level changes flush one block each.
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&strm, UInt(input.count))) + (hi - lo) / 16_384 * 5 + 1024)
        let produced: Int = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                let inBase = src.baseAddress!.assumingMemoryBound(to: Bytef.self)
                strm.next_out = dst.baseAddress!.assumingMemoryBound(to: Bytef.self)
                strm.avail_out = UInt32(dst.count)
                for (range, lvl, flush) in [(0 ..< lo, level, Z_NO_FLUSH), (lo ..< hi, 0, Z_NO_FLUSH), (hi ..< input.count, level, Z_FINISH)] {
                    if range.isEmpty && flush != Z_FINISH { continue }
                    if range.lowerBound > 0 || lvl != level {
                        let p = deflateParams(&strm, lvl, Z_DEFAULT_STRATEGY)
                        precondition(p == Z_OK, "deflateParams failed: \(p)")
                    }
                    strm.next_in = UnsafeMutablePointer(mutating: inBase + range.lowerBound)
                    strm.avail_in = UInt32(range.count)
                    let r = CZlib.deflate(&strm, flush)
                    precondition(flush == Z_FINISH ? r == Z_STREAM_END : (r == Z_OK && strm.avail_in == 0), "deflate did not finish: \(r)")
                }
                return Int(strm.total_out)
            }
        }
        out.removeSubrange(produced...)
        return out
    }
}
