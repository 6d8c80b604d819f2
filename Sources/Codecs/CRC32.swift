import CZlib

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) computed by zlib's `crc32`,
/// as used by U-Boot uImage headers, gzip trailers and (without the final inversion)
/// OpenWrt's fwtool trailer.
public enum CRC32 {
    /// The standard CRC-32 of `buffer`, continuing from `crc` (0 to start).
    public static func checksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var c = UInt(crc)
        guard var p = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return crc }
        var n = buffer.count
        while n > 0 {  // zlib's crc32 takes a 32-bit length; feed large buffers in chunks.
            let chunk = min(n, 1 << 30)
            c = crc32(c, p, UInt32(chunk))
            p += chunk
            n -= chunk
        }
        return UInt32(truncatingIfNeeded: c)
    }

    /// The standard CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// The standard CRC-32 of a slice.
    public static func checksum(_ bytes: ArraySlice<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// CRC-32 register value without the final inversion, as OpenWrt's fwtool stores it:
    /// the register starts at 0xffffffff and is never inverted at the end.
    /// `uninverted(x) == ~checksum(x)`; pass the previous result to continue.
    public static func uninverted(_ bytes: [UInt8], continuing reg: UInt32 = 0xffff_ffff) -> UInt32 {
        ~checksum(bytes, continuing: ~reg)
    }
}
