import BinaryIO

/// xz streams (compressor id 4), one per block, optionally with BCJ filters.
/// Standard options block (squashfs-tools xz_wrapper.h `struct comp_opts`): u32 dictionary
/// size, u32 filter bits (1 x86, 2 powerpc, 4 ia64, 8 arm, 16 armthumb, 32 sparc).
/// OpenWrt's patched mksquashfs (tools/squashfs4 "expose lzma/xz options") writes a 12-byte
/// block instead: u32 flags (filter bits, preset in bits 16-19, extreme in bit 20),
/// u16 lc | lp << 3 | pb << 6, u16 nice length (fb), u32 dictionary size.
public struct XzCodec: SquashCodec {
    public var compressor: Compressor { .xz }
    public var dictionarySize: UInt32
    /// Filter bits as stored (bit i = `LZMA.BCJ.allCases[i]`).
    public var filters: UInt32 = 0
    /// OpenWrt extensions; nil fields mean liblzma's preset defaults.
    public var preset: UInt32 = 6
    public var extreme = false
    public var lc: UInt32?
    public var lp: UInt32?
    public var pb: UInt32?
    public var niceLength: UInt16?
    /// Whether the options use OpenWrt's 12-byte layout.
    public var openWrtLayout = false

    /// Defaults: dictionary = block size, no filters.
    public init(blockSize: UInt32 = 131072, filters: UInt32 = 0) {
        self.dictionarySize = blockSize; self.filters = filters
    }

    /// Settings from an options payload (nil = defaults for `blockSize`).
    public init(options: [UInt8]?, blockSize: UInt32) throws {
        dictionarySize = blockSize
        guard let options else { return }
        var r = ByteReader(options, context: "")
        if options.count == 8 {
            dictionarySize = try r.u32le("dictionary size")
            filters = try r.u32le("filters")
            guard filters & ~0x3F == 0 else { throw FormatError(.invalid, context: "", "unknown xz filter bits 0x\(String(filters, radix: 16))") }
        } else if options.count == 12 {
            openWrtLayout = true
            let flags = try r.u32le("flags")
            let bits = try r.u16le("lc/lp/pb")
            niceLength = try r.u16le("nice length")
            dictionarySize = try r.u32le("dictionary size")
            filters = flags & 0xFFFF
            preset = (flags >> 16) & 0xF
            extreme = flags & (1 << 20) != 0
            lc = UInt32(bits & 7); lp = UInt32((bits >> 3) & 7); pb = UInt32((bits >> 6) & 7)
        } else {
            throw FormatError(.invalid, context: "", "xz options block is \(options.count) bytes, expected 8 (or OpenWrt's 12)")
        }
        // squashfs-tools accepts 8 KiB .. block size, a power of two or 1.5 times one.
        let d = dictionarySize
        guard d >= 8192, d.nonzeroBitCount == 1 || (d % 3 == 0 && (d / 3).nonzeroBitCount == 1) else {
            throw FormatError(.invalid, context: "", "xz dictionary size \(d) is not 2^n or 3*2^n")
        }
    }

    /// The BCJ filters selected by `filters`.
    public var bcjFilters: [LZMA.BCJ] {
        LZMA.BCJ.allCases.enumerated().filter { filters & (1 << UInt32($0.offset)) != 0 }.map { $0.element }
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZMA.decode(input, alone: false, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress xz block").bytes
    }

    /// Compresses without a filter and with each selected BCJ filter, keeping the smallest (as mksquashfs does).
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var best: [UInt8]?
        for bcj in [nil] + bcjFilters.map(Optional.some) {
            let o = LZMA.Options(preset: preset, extreme: extreme, dictionarySize: dictionarySize, lc: lc, lp: lp, pb: pb, bcj: bcj)
            let out = try LZMA.encodeXZ(input, options: o)
            if best == nil || out.count < best!.count { best = out }
        }
        return best ?? []
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        var w = ByteWriter(capacity: 12)
        if openWrtLayout {
            w.u32le(filters | (preset & 0xF) << 16 | (extreme ? 1 << 20 : 0))
            w.u16le(UInt16((lc ?? 3) & 7 | ((lp ?? 0) & 7) << 3 | ((pb ?? 2) & 7) << 6))
            w.u16le(niceLength ?? 64)
            w.u32le(dictionarySize)
            return w.finish()
        }
        if dictionarySize == blockSize && filters == 0 { return nil }
        w.u32le(dictionarySize); w.u32le(filters)
        return w.finish()
    }

    public var settings: [(String, String)] {
        var s: [(String, String)] = [("dictionary-size", "\(dictionarySize)"),
                                     ("filters", bcjFilters.isEmpty ? "none" : bcjFilters.map(\.rawValue).joined(separator: ","))]
        if openWrtLayout {
            s += [("preset", "\(preset)"), ("extreme", "\(extreme)"), ("lc", "\(lc ?? 0)"), ("lp", "\(lp ?? 0)"),
                  ("pb", "\(pb ?? 0)"), ("nice-length", "\(niceLength ?? 0)")]
        }
        return s
    }
}
