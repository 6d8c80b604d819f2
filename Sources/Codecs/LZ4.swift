import BinaryIO
import CLZ4

/// LZ4 block format (no frame), as squashfs stores it, through liblz4.
public enum LZ4 {
    /// Decompresses one block into at most `maxOutput` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int, context: String = "decompress lz4") throws -> [UInt8] {
        guard input.count <= Int(Int32.max), maxOutput <= Int(Int32.max) else {
            throw FormatError(.tooLarge, context: context, "lz4 block too large")
        }
        var out = [UInt8](repeating: 0, count: maxOutput)
        let n = out.withUnsafeMutableBytes { buf in
            LZ4_decompress_safe(input.baseAddress?.assumingMemoryBound(to: CChar.self),
                                buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(input.count), Int32(maxOutput))
        }
        guard n >= 0 else { throw FormatError(.invalid, context: context, "corrupt lz4 block") }
        out.removeSubrange(Int(n)...)
        return out
    }

    /// Compresses one block; `high` uses LZ4HC at level 12 (mksquashfs `-Xhc`).
    public static func compress(_ input: UnsafeRawBufferPointer, high: Bool) -> [UInt8] {
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        var out = [UInt8](repeating: 0, count: bound)
        let n = out.withUnsafeMutableBytes { buf -> Int32 in
            let src = input.baseAddress?.assumingMemoryBound(to: CChar.self)
            let dst = buf.baseAddress?.assumingMemoryBound(to: CChar.self)
            return high ? LZ4_compress_HC(src, dst, Int32(input.count), Int32(bound), 12)
                        : LZ4_compress_default(src, dst, Int32(input.count), Int32(bound))
        }
        precondition(n > 0 || input.count == 0, "lz4 compress failed")
        out.removeSubrange(Int(n)...)
        return out
    }
}
