import BinaryIO

/// The 12-byte compressor-options block OpenWrt's patched squashfs-tools writes for xz and
/// lzma (tools/squashfs4 "lzma_xz_options", `struct lzma_opts`): u32 flags (bits 16-19
/// preset; extreme is stored by OR-ing the constant 20 = 0x14 into the low bits, which the
/// reader tests the same way), u16 lc | lp << 3 | pb << 6, u16 fb (nice length), u32
/// dictionary size (2^n or 2^n + 2^(n+1)).
public struct OpenWrtLzmaOptions: Sendable, Equatable {
    public var preset: UInt32 = 6
    public var extreme = false
    public var lc: UInt32 = 3
    public var lp: UInt32 = 0
    public var pb: UInt32 = 2
    public var niceLength: UInt16 = 64
    public var dictionarySize: UInt32
    /// The low 16 flag bits other than the extreme marker, kept for a lossless rewrite.
    public var otherFlags: UInt32 = 0

    /// Options with the given settings.
    public init(preset: UInt32 = 6, extreme: Bool = false, lc: UInt32 = 3, lp: UInt32 = 0, pb: UInt32 = 2,
                niceLength: UInt16 = 64, dictionarySize: UInt32) {
        self.preset = preset; self.extreme = extreme; self.lc = lc; self.lp = lp; self.pb = pb
        self.niceLength = niceLength; self.dictionarySize = dictionarySize
    }

    /// Parses and range-checks a 12-byte payload.
    public init(parsing options: [UInt8]) throws {
        var r = try Codecs.expect(options, 12)
        let flags = try r.u32le("flags")
        let bits = try r.u16le("lc/lp/pb")
        niceLength = try r.u16le("nice length")
        dictionarySize = try r.u32le("dictionary size")
        preset = (flags >> 16) & 0xF
        extreme = flags & 20 != 0
        otherFlags = flags & 0xFFFF & ~20
        lc = UInt32(bits & 7); lp = UInt32((bits >> 3) & 7); pb = UInt32((bits >> 6) & 7)
        guard lc <= 4, lp <= 4, pb <= 4, preset <= 9, (5 ... 273).contains(niceLength) else {
            throw FormatError(.invalid, context: "", "OpenWrt lzma options out of range (preset \(preset) lc \(lc) lp \(lp) pb \(pb) nice \(niceLength))")
        }
        let d = dictionarySize
        guard d >= 4096, d.nonzeroBitCount == 1 || (d % 3 == 0 && (d / 3).nonzeroBitCount == 1) else {
            throw FormatError(.invalid, context: "", "dictionary size \(d) is not 2^n or 2^n+2^(n+1)")
        }
    }

    /// The 12-byte payload.
    public func serialize() -> [UInt8] {
        var w = ByteWriter(capacity: 12)
        w.u32le(otherFlags | (extreme ? 20 : 0) | (preset & 0xF) << 16)
        w.u16le(UInt16(lc & 7 | (lp & 7) << 3 | (pb & 7) << 6))
        w.u16le(niceLength)
        w.u32le(dictionarySize)
        return w.finish()
    }

    /// liblzma encoder settings for these options.
    public var lzmaOptions: LZMA.Options {
        LZMA.Options(preset: preset, extreme: extreme, dictionarySize: dictionarySize, lc: lc, lp: lp, pb: pb)
    }

    /// Settings as name/value pairs.
    public var settings: [(String, String)] {
        [("dictionary-size", "\(dictionarySize)"), ("preset", "\(preset)"), ("extreme", "\(extreme)"),
         ("lc", "\(lc)"), ("lp", "\(lp)"), ("pb", "\(pb)"), ("nice-length", "\(niceLength)"), ("layout", "openwrt")]
    }
}
