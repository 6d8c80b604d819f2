import BinaryIO
import CZstd

/// Zstandard frames through libzstd.
public enum Zstd {
    /// Decompresses one or more frames, refusing more than `maxOutput` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int, context: String = "decompress zstd") throws -> [UInt8] {
        guard let dctx = ZSTD_createDCtx() else { throw FormatError(.io, context: context, "out of memory") }
        defer { ZSTD_freeDCtx(dctx) }
        var out = [UInt8](repeating: 0, count: min(maxOutput, max(input.count * 4, 64 * 1024)))
        var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var produced = 0
        var lastRC = 0
        while inBuf.pos < inBuf.size || lastRC != 0 {
            if produced == out.count {
                if out.count >= maxOutput { throw FormatError(.tooLarge, context: context, "decompressed data exceeds \(maxOutput) bytes") }
                out.append(contentsOf: repeatElement(0, count: min(maxOutput - out.count, max(out.count, 64 * 1024))))
            }
            let before = inBuf.pos
            let rc: Int = out.withUnsafeMutableBytes { buf in
                var ob = ZSTD_outBuffer(dst: buf.baseAddress, size: buf.count, pos: produced)
                let r = ZSTD_decompressStream(dctx, &ob, &inBuf)
                produced = ob.pos
                return r
            }
            if ZSTD_isError(rc) != 0 {
                throw FormatError(.invalid, offset: UInt64(inBuf.pos), context: context, "corrupt zstd data: \(String(cString: ZSTD_getErrorName(rc)))")
            }
            lastRC = rc
            if inBuf.pos == inBuf.size && rc != 0 && before == inBuf.pos && produced < out.count {
                throw FormatError(.truncated, offset: UInt64(inBuf.pos), context: context, "zstd frame ends early")
            }
        }
        out.removeSubrange(produced...)
        return out
    }

    /// Compresses `input` at `level` into one frame (with content size).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let n = out.withUnsafeMutableBytes { buf in
            ZSTD_compress(buf.baseAddress, buf.count, input.baseAddress, input.count, level)
        }
        precondition(ZSTD_isError(n) == 0, "zstd compress failed")
        out.removeSubrange(n...)
        return out
    }
}
