import CDeflate
import Platform

/// Whole-buffer DEFLATE through libdeflate (Debian libdeflate-dev), for data that is wholly
/// in memory with a known output bound: squashfs gzip blocks, ipk members. libdeflate is
/// 2.5x faster than zlib at the same level 9 with slightly smaller output, and decompresses
/// about twice as fast. Streams are standard zlib/gzip/raw DEFLATE (RFC 1950/1951/1952),
/// read by zlib, the kernel and GNU gzip alike; its compressed bytes differ from zlib's.
/// zlib (`Deflate`) stays the reference path: callers fall back to it for anything libdeflate
/// does not do (window sizes, strategies, streams, resuming) and for error reporting.
public enum FastDeflate {
    /// Compressors are not thread-safe and cost ~1 MB each to set up: a pool per level.
    final class Pool: @unchecked Sendable {
        private let free = LockedBox<[Int32: [OpaquePointer]]>([:])
        func take(_ level: Int32) -> OpaquePointer? {
            free.withLock { $0[level]?.popLast() } ?? libdeflate_alloc_compressor(level)
        }
        func give(_ level: Int32, _ c: OpaquePointer) {
            let kept = free.withLock { f in
                guard f[level, default: []].count < 64 else { return false }
                f[level, default: []].append(c)
                return true
            }
            if !kept { libdeflate_free_compressor(c) }
        }
    }
    static let pool = Pool()

    /// `input` compressed at `level` (1-12; zlib's 1-9 are comparable) in `framing`.
    /// Nil only if libdeflate cannot allocate.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32, framing: Deflate.Framing) -> [UInt8]? {
        guard let c = pool.take(level) else { return nil }
        defer { pool.give(level, c) }
        let bound: Int
        switch framing {
        case .gzip: bound = libdeflate_gzip_compress_bound(c, input.count)
        case .zlib, .auto: bound = libdeflate_zlib_compress_bound(c, input.count)
        case .raw: bound = libdeflate_deflate_compress_bound(c, input.count)
        }
        var out = [UInt8](unsafeUninitializedCapacity: bound) { buf, n in
            switch framing {
            case .gzip: n = libdeflate_gzip_compress(c, input.baseAddress, input.count, buf.baseAddress, bound)
            case .zlib, .auto: n = libdeflate_zlib_compress(c, input.baseAddress, input.count, buf.baseAddress, bound)
            case .raw: n = libdeflate_deflate_compress(c, input.baseAddress, input.count, buf.baseAddress, bound)
            }
        }
        if out.isEmpty && !input.isEmpty { return nil }
        // libdeflate marks the OS as unknown (255); zlib and GNU gzip on Linux write 3
        // (Unix), as `gzip -n` headers do. The byte is not covered by any checksum.
        if framing == .gzip, out.count > 9 { out[9] = 3 }
        return out
    }

    /// Decompresses one stream whose output is at most `maxOutput` bytes (`exact`: exactly).
    /// Returns the bytes and the input consumed, or nil when libdeflate cannot (bad or
    /// truncated data, more output than `maxOutput`): callers then use zlib, which reports
    /// the error with its offset.
    public static func decompress(_ input: UnsafeRawBufferPointer, framing: Deflate.Framing, maxOutput: Int,
                                  exact: Bool = false) -> Deflate.Inflated? {
        guard maxOutput >= 0, let d = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(d) }
        var consumed = 0
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: maxOutput) { buf, n in
            var inUsed = 0, outUsed = 0
            let r: libdeflate_result
            switch framing {
            case .gzip: r = libdeflate_gzip_decompress_ex(d, input.baseAddress, input.count, buf.baseAddress, maxOutput, &inUsed, &outUsed)
            case .zlib: r = libdeflate_zlib_decompress_ex(d, input.baseAddress, input.count, buf.baseAddress, maxOutput, &inUsed, &outUsed)
            case .raw: r = libdeflate_deflate_decompress_ex(d, input.baseAddress, input.count, buf.baseAddress, maxOutput, &inUsed, &outUsed)
            case .auto: r = LIBDEFLATE_BAD_DATA
            }
            ok = r == LIBDEFLATE_SUCCESS && (!exact || outUsed == maxOutput)
            n = ok ? outUsed : 0
            consumed = inUsed
        }
        return ok ? Deflate.Inflated(bytes: out, consumed: consumed) : nil
    }
}
