import BinaryIO
import Codecs

/// xz streams (compressor id 4), one per block, optionally with BCJ filters.
/// Standard options block (squashfs-tools xz_wrapper.h `struct comp_opts`): u32 dictionary
/// size, u32 filter bits (1 x86, 2 powerpc, 4 ia64, 8 arm, 16 armthumb, 32 sparc).
/// Accepted exactly as the kernel does (fs/squashfs/xz_wrapper.c squashfs_xz_comp_opts): the
/// block must hold at least those 8 bytes, the first word is the dictionary size and must be
/// 2^n or 2^n+2^(n+1); the filter word and any further bytes are not checked. OpenWrt's
/// mksquashfs writes 12 bytes (`OpenWrtLZMAOptions`), read for the encoder settings. The
/// payload is written back exactly as stored, so a rewritten image keeps its options block.
public struct XZCodec: SquashCodec {
    public var compressor: Compressor { .xz }
    public var dictionarySize: UInt32
    /// Filter bits as stored (bit i = `LZMA.BCJ.allCases[i]`; for OpenWrt's block, its flag
    /// bits other than the extreme marker).
    public var filters: UInt32 = 0
    /// OpenWrt's options (preset, extreme, lc/lp/pb, nice length), when the image uses them.
    public var openWrt: OpenWrtLZMAOptions?
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?

    /// Defaults: dictionary = block size, no filters.
    public init(blockSize: UInt32 = 131072, filters: UInt32 = 0) {
        self.dictionarySize = blockSize; self.filters = filters
    }

    /// OpenWrt-style settings (written as the 12-byte options block).
    public init(openWrt: OpenWrtLZMAOptions) {
        self.dictionarySize = openWrt.dictionarySize
        self.openWrt = openWrt
        self.filters = openWrt.otherFlags & 0x3F
    }

    /// Whether `d` is a dictionary size the kernel accepts: 2^n or 2^n+2^(n+1) (the kernel's
    /// `ffs` test; no lower bound — mksquashfs's 8 KiB minimum only applies to -Xdict-size).
    public static func isValidDictionary(_ d: UInt32) -> Bool {
        d != 0 && (d.nonzeroBitCount == 1 || d == UInt32(3) << UInt32(d.trailingZeroBitCount))
    }

    /// Settings from an options payload (nil = defaults for `blockSize`).
    public init(options: [UInt8]?, blockSize: UInt32) throws {
        dictionarySize = blockSize
        guard let options else { return }
        guard options.count >= 8 else {
            throw FormatError(.invalid, context: "", "xz options block is \(options.count) bytes; the kernel needs at least 8 (dictionary size, filters)")
        }
        stored = options
        var r = ByteReader(options, context: "")
        let first = try r.u32le("dictionary size")
        let second = try r.u32le("filters")
        if XZCodec.isValidDictionary(first) {
            dictionarySize = first
            filters = second & 0x3F
            if options.count == 12, let o = OpenWrtLZMAOptions.interpret(options), o.layout == .dictionaryFirst {
                openWrt = o
                filters = o.otherFlags & 0x3F
            }
            return
        }
        // The one exception to the kernel's rule: OpenWrt's 2011 field order (flags first),
        // which OpenWrt 12.09-era firmware shipped and booted; accepted only when all 12
        // bytes parse in that order.
        if options.count == 12, let o = try? OpenWrtLZMAOptions(parsing: options, layout: .flagsFirst) {
            openWrt = o
            dictionarySize = o.dictionarySize
            filters = o.otherFlags & 0x3F
            return
        }
        throw FormatError(.invalid, context: "", "dictionary size \(first) is not 2^n or 2^n+2^(n+1)")
    }

    /// The BCJ filters selected by `filters`.
    public var bcjFilters: [LZMA.BCJ] {
        LZMA.BCJ.allCases.enumerated().filter { filters & (1 << UInt32($0.offset)) != 0 }.map { $0.element }
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZMA.decode(input, alone: false, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress xz block").bytes
    }

    /// The dictionary the encoder uses: the stored size, within 4 KiB (liblzma's minimum) ..
    /// 1 MiB (the largest block; a bigger dictionary only costs encoder memory, up to ~10x
    /// its size, which a hostile options block must not choose).
    static func encoderDictionary(_ d: UInt32) -> UInt32 { min(max(d, 4096), Superblock.maxBlockSize) }

    /// Compresses without a filter and with each selected BCJ filter, keeping the smallest (as mksquashfs does).
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var base = openWrt?.lzmaOptions ?? LZMA.Options(dictionarySize: dictionarySize)
        base.dictionarySize = XZCodec.encoderDictionary(base.dictionarySize ?? dictionarySize)
        var best = try LZMA.encodeXZ(input, options: base)
        for bcj in bcjFilters {
            base.bcj = bcj
            let out = try LZMA.encodeXZ(input, options: base)
            if out.count < best.count { best = out }
        }
        return best
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let stored { return stored }
        if let o = openWrt { return o.serialize() }
        if dictionarySize == blockSize && filters == 0 { return nil }
        var w = ByteWriter(capacity: 8)
        w.u32le(dictionarySize); w.u32le(filters)
        return w.finish()
    }

    public var settings: [(String, String)] {
        if let o = openWrt { return o.settings + (filters == 0 ? [] : [("filters", filterNames)]) }
        let extra = (stored?.count ?? 8) > 8 ? [("extra-option-bytes", "\((stored?.count ?? 8) - 8)")] : []
        return [("dictionary-size", "\(dictionarySize)"),
                ("filters", filterNames)] + extra
    }

    private var filterNames: String { bcjFilters.isEmpty ? "none" : bcjFilters.map(\.rawValue).joined(separator: ",") }
}
