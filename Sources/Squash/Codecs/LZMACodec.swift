import BinaryIO
import Codecs

/// Legacy LZMA "alone" streams (compressor id 2): a 13-byte header (properties, dictionary
/// size, uncompressed size) and the raw LZMA data, one per block (squashfs-tools
/// lzma_wrapper.c). Upstream writes no options block; OpenWrt's patched tools may write
/// the 12-byte `OpenWrtLZMAOptions`. The mainline kernel mounts no lzma image at all
/// (fs/squashfs/decompressor.c `squashfs_lzma_unsupported_comp_ops`); like unsquashfs, which
/// reads lzma and only warns about options it cannot parse, any payload is accepted and
/// written back exactly as stored.
public struct LZMACodec: SquashCodec {
    public var compressor: Compressor { .lzma }
    /// OpenWrt's options, when the image stores them.
    public var openWrt: OpenWrtLZMAOptions?
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?

    /// Default settings.
    public init(openWrt: OpenWrtLZMAOptions? = nil) { self.openWrt = openWrt }

    /// Settings from an options payload (nil = defaults; only OpenWrt's 12-byte layouts are understood).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        stored = options
        openWrt = OpenWrtLZMAOptions.interpret(options)
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZMA.decode(input, alone: true, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress lzma block").bytes
    }

    /// Encodes one block as an lzma_alone stream.
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        // liblzma writes "unknown size" (all ones) in header bytes 5..12 and ends the stream
        // with an end marker, which squashfs-tools' lzma decoder also accepts.
        var o = openWrt?.lzmaOptions ?? LZMA.Options(preset: 6)
        if let d = o.dictionarySize { o.dictionarySize = XZCodec.encoderDictionary(d) }
        let out = try LZMA.encodeAlone(input, options: o)
        if out.count < 13 { throw FormatError(.io, context: "compress lzma block", "encoder produced no header") }
        return out
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? { stored ?? openWrt?.serialize() }

    public var settings: [(String, String)] { openWrt?.settings ?? Codecs.unrecognised(stored, stored != nil) }
}
