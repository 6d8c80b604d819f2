import BinaryIO
import CLZO

/// LZO1X blocks through liblzo2.
public enum LZO {
    private static let initialized: Bool = { shim_lzo_init() == LZO_E_OK }()

    /// Decompresses one LZO1X block into at most `maxOutput` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int, context: String = "decompress lzo") throws -> [UInt8] {
        guard initialized else { throw FormatError(.io, context: context, "lzo_init failed") }
        var out = [UInt8](repeating: 0, count: maxOutput)
        var outLen = lzo_uint(maxOutput)
        let rc = out.withUnsafeMutableBytes { buf in
            lzo1x_decompress_safe(input.baseAddress?.assumingMemoryBound(to: UInt8.self), lzo_uint(input.count),
                                  buf.baseAddress?.assumingMemoryBound(to: UInt8.self), &outLen, nil)
        }
        guard rc == LZO_E_OK else { throw FormatError(.invalid, context: context, "corrupt lzo block (error \(rc))") }
        out.removeSubrange(Int(outLen)...)
        return out
    }

    /// Compresses with LZO1X-999 (best, mksquashfs's default `lzo1x_999`) or LZO1X-1.
    public static func compress(_ input: UnsafeRawBufferPointer, best: Bool = true, level: Int32 = 8) -> [UInt8] {
        precondition(initialized, "lzo_init failed")
        var out = [UInt8](repeating: 0, count: input.count + input.count / 16 + 64 + 3)
        var wrk = [UInt8](repeating: 0, count: Int(best ? SHIM_LZO1X_999_MEM_COMPRESS : SHIM_LZO1X_1_MEM_COMPRESS))
        var outLen = lzo_uint(out.count)
        let src = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let rc = out.withUnsafeMutableBytes { buf in
            wrk.withUnsafeMutableBytes { w in
                let dst = buf.baseAddress?.assumingMemoryBound(to: UInt8.self)
                if best {
                    let r = lzo1x_999_compress_level(src, lzo_uint(input.count), dst, &outLen, w.baseAddress, nil, 0, nil, level)
                    if r != LZO_E_OK { return r }
                    // mksquashfs optimises 999 output in place (lzo1x_optimize) like lzop does.
                    var optLen = lzo_uint(input.count)
                    var copy = [UInt8](repeating: 0, count: input.count)
                    return copy.withUnsafeMutableBytes { c in
                        lzo1x_optimize(dst, outLen, c.baseAddress?.assumingMemoryBound(to: UInt8.self), &optLen, nil)
                    }
                }
                return lzo1x_1_compress(src, lzo_uint(input.count), dst, &outLen, w.baseAddress)
            }
        }
        precondition(rc == LZO_E_OK, "lzo compress failed: \(rc)")
        out.removeSubrange(Int(outLen)...)
        return out
    }
}
