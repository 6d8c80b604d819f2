import BinaryIO
import CLZMA

/// xz and legacy lzma ("lzma_alone") streams through liblzma.
public enum LZMA {
    /// A branch/call/jump filter that makes executable code compress better.
    public enum BCJ: String, Sendable, CaseIterable, Codable {
        case x86, powerpc, ia64, arm, armthumb, sparc
        var filterID: lzma_vli {
            switch self {
            case .x86: return SHIM_LZMA_FILTER_X86
            case .powerpc: return SHIM_LZMA_FILTER_POWERPC
            case .ia64: return SHIM_LZMA_FILTER_IA64
            case .arm: return SHIM_LZMA_FILTER_ARM
            case .armthumb: return SHIM_LZMA_FILTER_ARMTHUMB
            case .sparc: return SHIM_LZMA_FILTER_SPARC
            }
        }
    }

    /// LZMA2 encoder settings (preset, extreme, dictionary, literal/position bits).
    public struct Options: Sendable, Equatable {
        public var preset: UInt32 = 6
        public var extreme = false
        public var dictionarySize: UInt32? = nil
        public var lc: UInt32? = nil
        public var lp: UInt32? = nil
        public var pb: UInt32? = nil
        public var bcj: BCJ? = nil
        public init(preset: UInt32 = 6, extreme: Bool = false, dictionarySize: UInt32? = nil,
                    lc: UInt32? = nil, lp: UInt32? = nil, pb: UInt32? = nil, bcj: BCJ? = nil) {
            self.preset = preset; self.extreme = extreme; self.dictionarySize = dictionarySize
            self.lc = lc; self.lp = lp; self.pb = pb; self.bcj = bcj
        }
    }

    static func message(_ rc: lzma_ret) -> String {
        switch rc {
        case LZMA_FORMAT_ERROR: return "not an xz/lzma stream"
        case LZMA_OPTIONS_ERROR: return "unsupported stream options"
        case LZMA_DATA_ERROR: return "corrupt compressed data"
        case LZMA_BUF_ERROR: return "compressed stream ends early"
        case LZMA_MEM_ERROR, LZMA_MEMLIMIT_ERROR: return "decoder memory limit exceeded"
        case LZMA_UNSUPPORTED_CHECK: return "unsupported integrity check"
        default: return "liblzma error \(rc.rawValue)"
        }
    }

    /// Result of a decode: the output and the input bytes the stream used.
    public struct Decoded: Sendable {
        public var bytes: [UInt8]
        public var consumed: Int
    }

    /// Decodes an .xz stream (`alone: false`) or a legacy .lzma stream (`alone: true`),
    /// refusing more than `maxOutput` bytes and more than 256 MiB of decoder memory.
    public static func decode(_ input: UnsafeRawBufferPointer, alone: Bool, maxOutput: Int,
                              expectedSize: Int? = nil, context: String = "decompress lzma") throws -> Decoded {
        var strm = shim_lzma_stream_init()
        let memlimit: UInt64 = 256 << 20
        let rc0 = alone ? lzma_alone_decoder(&strm, memlimit) : lzma_stream_decoder(&strm, memlimit, 0)
        guard rc0 == LZMA_OK else { throw FormatError(.io, context: context, "liblzma init: \(message(rc0))") }
        defer { lzma_end(&strm) }
        var out = [UInt8](repeating: 0, count: min(maxOutput, max(expectedSize ?? 0, 64 * 1024)))
        var produced = 0
        strm.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        strm.avail_in = input.count
        while true {
            if produced == out.count {
                if out.count >= maxOutput {
                    throw FormatError(.tooLarge, context: context, "decompressed data exceeds \(maxOutput) bytes")
                }
                out.append(contentsOf: repeatElement(0, count: min(maxOutput - out.count, max(out.count, 64 * 1024))))
            }
            let rc: lzma_ret = out.withUnsafeMutableBytes { buf in
                strm.next_out = buf.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
                strm.avail_out = buf.count - produced
                let before = strm.avail_out
                let rc = lzma_code(&strm, strm.avail_in == 0 ? LZMA_FINISH : LZMA_RUN)
                produced += before - strm.avail_out
                return rc
            }
            if rc == LZMA_STREAM_END { break }
            if rc == LZMA_OK { continue }
            if rc == LZMA_BUF_ERROR && strm.avail_in > 0 { continue }
            throw FormatError(rc == LZMA_BUF_ERROR ? .truncated : .invalid, offset: strm.total_in,
                              context: context, message(rc))
        }
        out.removeSubrange(produced...)
        return Decoded(bytes: out, consumed: Int(strm.total_in))
    }

    /// Decodes `input` (see the buffer-pointer variant).
    public static func decode(_ input: [UInt8], alone: Bool, maxOutput: Int, expectedSize: Int? = nil,
                              context: String = "decompress lzma") throws -> Decoded {
        try input.withUnsafeBytes { try decode($0, alone: alone, maxOutput: maxOutput, expectedSize: expectedSize, context: context) }
    }

    static func lzmaOptions(_ o: Options) throws -> lzma_options_lzma {
        var opt = lzma_options_lzma()
        let preset = o.preset | (o.extreme ? SHIM_LZMA_PRESET_EXTREME : 0)
        if lzma_lzma_preset(&opt, preset) != 0 {
            throw FormatError(.invalid, context: "xz options", "unsupported preset \(o.preset)")
        }
        if let d = o.dictionarySize { opt.dict_size = d }
        if let v = o.lc { opt.lc = v }
        if let v = o.lp { opt.lp = v }
        if let v = o.pb { opt.pb = v }
        return opt
    }

    /// Encodes `input` as a single-block .xz stream with CRC32 check (as mksquashfs does),
    /// with an optional BCJ filter before LZMA2.
    public static func encodeXZ(_ input: UnsafeRawBufferPointer, options: Options) throws -> [UInt8] {
        var opt = try lzmaOptions(options)
        return try withUnsafeMutablePointer(to: &opt) { optPtr -> [UInt8] in
            var filters = [lzma_filter](repeating: lzma_filter(id: SHIM_LZMA_VLI_UNKNOWN, options: nil), count: 3)
            var i = 0
            if let b = options.bcj { filters[i] = lzma_filter(id: b.filterID, options: nil); i += 1 }
            filters[i] = lzma_filter(id: SHIM_LZMA_FILTER_LZMA2, options: UnsafeMutableRawPointer(optPtr)); i += 1
            let bound = lzma_stream_buffer_bound(input.count)
            var out = [UInt8](repeating: 0, count: bound)
            var pos = 0
            let rc = out.withUnsafeMutableBytes { buf in
                lzma_stream_buffer_encode(&filters, LZMA_CHECK_CRC32, nil,
                                          input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                                          buf.baseAddress!.assumingMemoryBound(to: UInt8.self), &pos, buf.count)
            }
            guard rc == LZMA_OK else { throw FormatError(.io, context: "xz encode", message(rc)) }
            out.removeSubrange(pos...)
            return out
        }
    }

    /// Encodes `input` as a legacy .lzma (lzma_alone) stream.
    public static func encodeAlone(_ input: UnsafeRawBufferPointer, options: Options) throws -> [UInt8] {
        var opt = try lzmaOptions(options)
        var strm = shim_lzma_stream_init()
        guard lzma_alone_encoder(&strm, &opt) == LZMA_OK else { throw FormatError(.io, context: "lzma encode", "init failed") }
        defer { lzma_end(&strm) }
        var out = [UInt8](repeating: 0, count: input.count + input.count / 2 + 4096)
        strm.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        strm.avail_in = input.count
        var produced = 0
        while true {
            if produced == out.count { out.append(contentsOf: repeatElement(0, count: out.count)) }
            let rc: lzma_ret = out.withUnsafeMutableBytes { buf in
                strm.next_out = buf.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
                strm.avail_out = buf.count - produced
                let before = strm.avail_out
                let rc = lzma_code(&strm, LZMA_FINISH)
                produced += before - strm.avail_out
                return rc
            }
            if rc == LZMA_STREAM_END { break }
            guard rc == LZMA_OK else { throw FormatError(.io, context: "lzma encode", message(rc)) }
        }
        out.removeSubrange(produced...)
        return out
    }
}
