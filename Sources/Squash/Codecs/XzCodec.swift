import BinaryIO

/// xz streams (compressor id 4), one per block, optionally with BCJ filters.
/// Standard options block (squashfs-tools xz_wrapper.h `struct comp_opts`): u32 dictionary
/// size, u32 filter bits (1 x86, 2 powerpc, 4 ia64, 8 arm, 16 armthumb, 32 sparc).
/// OpenWrt's patched mksquashfs writes a 12-byte block instead (`OpenWrtLzmaOptions`).
public struct XzCodec: SquashCodec {
    public var compressor: Compressor { .xz }
    public var dictionarySize: UInt32
    /// Filter bits as stored (bit i = `LZMA.BCJ.allCases[i]`).
    public var filters: UInt32 = 0
    /// OpenWrt's options (preset, extreme, lc/lp/pb, nice length), when the image uses them.
    public var openWrt: OpenWrtLzmaOptions?

    /// Defaults: dictionary = block size, no filters.
    public init(blockSize: UInt32 = 131072, filters: UInt32 = 0) {
        self.dictionarySize = blockSize; self.filters = filters
    }

    /// OpenWrt-style settings (written as the 12-byte options block).
    public init(openWrt: OpenWrtLzmaOptions) {
        self.dictionarySize = openWrt.dictionarySize
        self.openWrt = openWrt
    }

    /// Settings from an options payload (nil = defaults for `blockSize`).
    public init(options: [UInt8]?, blockSize: UInt32) throws {
        dictionarySize = blockSize
        guard let options else { return }
        if options.count == 12 {
            let o = try OpenWrtLzmaOptions(parsing: options)
            openWrt = o
            dictionarySize = o.dictionarySize
            return
        }
        guard options.count == 8 else {
            throw FormatError(.invalid, context: "", "xz options block is \(options.count) bytes, expected 8 (or OpenWrt's 12)")
        }
        var r = ByteReader(options, context: "")
        dictionarySize = try r.u32le("dictionary size")
        filters = try r.u32le("filters")
        guard filters & ~0x3F == 0 else { throw FormatError(.invalid, context: "", "unknown xz filter bits 0x\(String(filters, radix: 16))") }
        let d = dictionarySize
        guard d >= 4096, d.nonzeroBitCount == 1 || (d % 3 == 0 && (d / 3).nonzeroBitCount == 1) else {
            throw FormatError(.invalid, context: "", "xz dictionary size \(d) is not 2^n or 2^n+2^(n+1)")
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
        var base = openWrt?.lzmaOptions ?? LZMA.Options(dictionarySize: dictionarySize)
        var best = try LZMA.encodeXZ(input, options: base)
        for bcj in bcjFilters {
            base.bcj = bcj
            let out = try LZMA.encodeXZ(input, options: base)
            if out.count < best.count { best = out }
        }
        return best
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let o = openWrt { return o.serialize() }
        if dictionarySize == blockSize && filters == 0 { return nil }
        var w = ByteWriter(capacity: 8)
        w.u32le(dictionarySize); w.u32le(filters)
        return w.finish()
    }

    public var settings: [(String, String)] {
        if let o = openWrt { return o.settings }
        return [("dictionary-size", "\(dictionarySize)"),
                ("filters", bcjFilters.isEmpty ? "none" : bcjFilters.map(\.rawValue).joined(separator: ","))]
    }
}
