import BinaryIO
import CZlib
import Codecs

/// zlib-framed deflate (compressor id 1). Options block: u32 compression level (1-9),
/// u16 window size (8-15), u16 strategy bits (1 default, 2 filtered, 4 huffman-only,
/// 8 RLE, 16 fixed) — squashfs-tools gzip_wrapper.h `struct gzip_comp_opts`.
/// The kernel never looks at this block (fs/squashfs/zlib_wrapper.c has no `comp_opts`), so
/// any payload is accepted: one that does not parse leaves the defaults for compressing, and
/// the payload is written back exactly as stored.
public struct GzipCodec: SquashCodec {
    public var compressor: Compressor { .gzip }
    public var level: UInt32 = 9
    public var windowSize: UInt16 = 15
    public var strategies: UInt16 = 0
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?
    /// The stored payload did not parse (the defaults are used for compressing).
    public var storedUnrecognised = false

    /// Default settings (level 9, window 15, default strategy).
    public init(level: UInt32 = 9, windowSize: UInt16 = 15, strategies: UInt16 = 0) {
        self.level = level; self.windowSize = windowSize; self.strategies = strategies
    }

    /// Settings from an options payload (nil = defaults).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        stored = options
        guard options.count == 8, var r = try? Codecs.expect(options, 8),
              let l = try? r.u32le("compression level"), let w = try? r.u16le("window size"), let s = try? r.u16le("strategies"),
              (1 ... 9).contains(l), (8 ... 15).contains(w), s & ~0x1F == 0 else { storedUnrecognised = true; return }
        level = l; windowSize = w; strategies = s
    }


    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        if let r = FastDeflate.decompress(input, framing: .zlib, maxOutput: maxOutput) { return r.bytes }
        // zlib reports what libdeflate refused (corrupt, truncated, too long) with its offset.
        return try Deflate.inflate(input, framing: .zlib, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress gzip block").bytes
    }

    /// Tries each selected strategy (only the default when none is selected) and keeps the
    /// smallest, like mksquashfs. With the default window and strategy, data and fragment
    /// blocks (over 16 KiB) go through libdeflate: at zlib's level 9 its level 10 (near-optimal
    /// parsing) is 1.7x faster than zlib and 2-4% smaller — its own level 9 is faster still but
    /// lost 0.2% to zlib on some trees; lower levels map to the same libdeflate level. Any zlib
    /// inflater (the kernel's included) reads the result. Metadata blocks (8 KiB) stay with
    /// zlib, which packs such small inputs a little tighter.
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        if windowSize == 15 && strategies == 0, input.count > 16 * 1024,
           let out = FastDeflate.compress(input, level: level >= 9 ? 10 : Int32(level), framing: .zlib) {
            return out
        }
        let table: [(UInt16, Int32)] = [(1, Z_DEFAULT_STRATEGY), (2, Z_FILTERED), (4, Z_HUFFMAN_ONLY), (8, Z_RLE), (16, Z_FIXED)]
        var chosen = table.filter { strategies & $0.0 != 0 }.map { $0.1 }
        if chosen.isEmpty { chosen = [Z_DEFAULT_STRATEGY] }
        var best: [UInt8]?
        for s in chosen {
            let out = try deflate(input, strategy: s)
            if best == nil || out.count < best!.count { best = out }
        }
        return best ?? []
    }

    private func deflate(_ input: UnsafeRawBufferPointer, strategy: Int32) throws -> [UInt8] {
        var strm = z_stream()
        guard shim_deflateInit2(&strm, Int32(level), Z_DEFLATED, Int32(windowSize), 8, strategy) == Z_OK else {
            throw FormatError(.io, context: "compress gzip block", "deflateInit2 failed")
        }
        defer { deflateEnd(&strm) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&strm, UInt(input.count))) + 16)
        let rc: Int32 = out.withUnsafeMutableBytes { buf in
            strm.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            strm.avail_in = UInt32(input.count)
            strm.next_out = buf.baseAddress?.assumingMemoryBound(to: Bytef.self)
            strm.avail_out = UInt32(buf.count)
            return CZlib.deflate(&strm, Z_FINISH)
        }
        guard rc == Z_STREAM_END else { throw FormatError(.io, context: "compress gzip block", "deflate failed (\(rc))") }
        out.removeSubrange(Int(strm.total_out)...)
        return out
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let stored { return stored }
        if level == 9 && windowSize == 15 && strategies == 0 { return nil }
        var w = ByteWriter(capacity: 8)
        w.u32le(level); w.u16le(windowSize); w.u16le(strategies)
        return w.finish()
    }

    public var settings: [(String, String)] {
        let names = [(1, "default"), (2, "filtered"), (4, "huffman_only"), (8, "run_length_encoded"), (16, "fixed")]
        let s = names.filter { Int(strategies) & $0.0 != 0 }.map { $0.1 }
        return [("compression-level", "\(level)"), ("window-size", "\(windowSize)"),
                ("strategies", s.isEmpty ? "default" : s.joined(separator: ","))] + Codecs.unrecognised(stored, storedUnrecognised)
    }
}
