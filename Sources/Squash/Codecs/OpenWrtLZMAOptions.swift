import BinaryIO
import Codecs

/// The 12-byte compressor-options block OpenWrt's patched squashfs-tools write for xz and
/// lzma (Jonas Gorski's lzma_xz_options.c, openwrt tools/squashfs4
/// patches/160-expose_lzma_xz_options.patch, later squashfskit): a u32 dictionary size, u32
/// flags (low 16 bits: BCJ filter bits, into which the extreme flag is OR-ed as the constant
/// `LZMA_OPT_EXTREME` = 20 = 0x14, and read back by testing `flags & 20`; bits 16-19: preset),
/// u16 lc | lp << 3 | pb << 6 and u16 fb (nice length). Two field orders exist:
/// - `.dictionaryFirst` (LEDE 17.01 .. OpenWrt 19.07): dictionary, flags, bits, fb. Its first
///   8 bytes are the standard xz block, so the kernel (fs/squashfs/xz_wrapper.c) reads them.
/// - `.flagsFirst` (the 2011 patch, OpenWrt 12.09-era images): flags, bits, fb, dictionary.
///   Its first word is not a dictionary size; the mainline kernel's rule refuses it.
/// The bytes themselves are always written back as stored (see `XZCodec.stored`); this type
/// only recovers the encoder settings for recompressing.
public struct OpenWrtLZMAOptions: Sendable, Equatable {
    /// Field order of the 12 bytes.
    public enum Layout: String, Sendable {
        case dictionaryFirst = "openwrt"
        case flagsFirst = "openwrt-2011"
    }

    public var preset: UInt32 = 6
    public var extreme = false
    public var lc: UInt32 = 3
    public var lp: UInt32 = 0
    public var pb: UInt32 = 2
    public var niceLength: UInt16 = 64
    public var dictionarySize: UInt32
    /// The low 16 flag bits other than the extreme marker (OpenWrt stores the BCJ filter bits here).
    public var otherFlags: UInt32 = 0
    /// Field order the options were read in (and are serialized in).
    public var layout: Layout = .dictionaryFirst

    /// Options with the given settings (written in the kernel-compatible dictionary-first order).
    public init(preset: UInt32 = 6, extreme: Bool = false, lc: UInt32 = 3, lp: UInt32 = 0, pb: UInt32 = 2,
                niceLength: UInt16 = 64, dictionarySize: UInt32) {
        self.preset = preset; self.extreme = extreme; self.lc = lc; self.lp = lp; self.pb = pb
        self.niceLength = niceLength; self.dictionarySize = dictionarySize
    }

    /// Parses and range-checks a 12-byte payload in `layout` (ranges as lzma_xz_extract_options
    /// checks them: lc, lp, pb 0-4, fb 5-273, dictionary 2^n or 2^n+2^(n+1), preset 0-9).
    public init(parsing options: [UInt8], layout: Layout) throws {
        var r = try Codecs.expect(options, 12)
        let flags: UInt32, bits: UInt16
        switch layout {
        case .dictionaryFirst:
            dictionarySize = try r.u32le("dictionary size")
            flags = try r.u32le("flags")
            bits = try r.u16le("lc/lp/pb")
            niceLength = try r.u16le("nice length")
        case .flagsFirst:
            flags = try r.u32le("flags")
            bits = try r.u16le("lc/lp/pb")
            niceLength = try r.u16le("nice length")
            dictionarySize = try r.u32le("dictionary size")
        }
        self.layout = layout
        preset = (flags >> 16) & 0xF
        extreme = flags & 20 != 0
        otherFlags = flags & 0xFFFF & ~20
        lc = UInt32(bits & 7); lp = UInt32((bits >> 3) & 7); pb = UInt32((bits >> 6) & 7)
        guard lc <= 4, lp <= 4, pb <= 4, preset <= 9, bits >> 9 == 0, flags >> 20 == 0, (5 ... 273).contains(niceLength) else {
            throw FormatError(.invalid, context: "", "OpenWrt lzma options out of range (preset \(preset) lc \(lc) lp \(lp) pb \(pb) nice \(niceLength))")
        }
        guard XZCodec.isValidDictionary(dictionarySize) else {
            throw FormatError(.invalid, context: "", "dictionary size \(dictionarySize) is not 2^n or 2^n+2^(n+1)")
        }
    }

    /// The OpenWrt reading of a 12-byte payload: dictionary-first when that parses, else the
    /// 2011 flags-first order; nil when neither does (the bytes are then someone else's).
    public static func interpret(_ options: [UInt8]) -> OpenWrtLZMAOptions? {
        guard options.count == 12 else { return nil }
        return (try? OpenWrtLZMAOptions(parsing: options, layout: .dictionaryFirst))
            ?? (try? OpenWrtLZMAOptions(parsing: options, layout: .flagsFirst))
    }

    /// The 12-byte payload in `layout` order.
    public func serialize() -> [UInt8] {
        var w = ByteWriter(capacity: 12)
        let flags = otherFlags | (extreme ? 20 : 0) | (preset & 0xF) << 16
        let bits = UInt16(lc & 7 | (lp & 7) << 3 | (pb & 7) << 6)
        switch layout {
        case .dictionaryFirst:
            w.u32le(dictionarySize); w.u32le(flags); w.u16le(bits); w.u16le(niceLength)
        case .flagsFirst:
            w.u32le(flags); w.u16le(bits); w.u16le(niceLength); w.u32le(dictionarySize)
        }
        return w.finish()
    }

    /// liblzma encoder settings for these options.
    public var lzmaOptions: LZMA.Options {
        LZMA.Options(preset: preset, extreme: extreme, dictionarySize: dictionarySize, lc: lc, lp: lp, pb: pb)
    }

    /// Settings as name/value pairs.
    public var settings: [(String, String)] {
        [("dictionary-size", "\(dictionarySize)"), ("preset", "\(preset)"), ("extreme", "\(extreme)"),
         ("lc", "\(lc)"), ("lp", "\(lp)"), ("pb", "\(pb)"), ("nice-length", "\(niceLength)"), ("layout", layout.rawValue)]
    }
}
