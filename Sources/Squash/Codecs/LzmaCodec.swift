import BinaryIO

/// Legacy LZMA "alone" streams (compressor id 2): a 13-byte header (properties, dictionary
/// size, uncompressed size) and the raw LZMA data, one per block (squashfs-tools
/// lzma_xz_wrapper.c). This compressor has no options block.
public struct LzmaCodec: SquashCodec {
    public var compressor: Compressor { .lzma }
    public var preset: UInt32 = 9

    /// Default settings.
    public init() {}

    /// Settings from an options payload; lzma defines none, so any payload is rejected.
    public init(options: [UInt8]?) throws {
        if let options, !options.isEmpty {
            throw FormatError(.invalid, context: "", "lzma has no compressor options, found \(options.count) bytes")
        }
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZMA.decode(input, alone: true, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress lzma block").bytes
    }

    /// Encodes one block as an lzma_alone stream.
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        // liblzma writes "unknown size" (all ones) in header bytes 5..12 and ends the stream
        // with an end marker, which squashfs-tools' lzma decoder also accepts.
        let out = try LZMA.encodeAlone(input, options: LZMA.Options(preset: preset))
        if out.count < 13 { throw FormatError(.io, context: "compress lzma block", "encoder produced no header") }
        return out
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? { nil }

    public var settings: [(String, String)] { [] }
}
