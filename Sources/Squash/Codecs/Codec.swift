import BinaryIO

/// One squashfs compressor: block (de)compression plus its compressor-options block
/// (squashfs-tools compressor.h `struct compressor`; squashfs-tools-ng lib/sqfs/src/comp/).
/// Blocks are compressed independently; data blocks are at most the block size and metadata
/// blocks at most 8 KiB when decompressed.
public protocol SquashCodec: Sendable {
    /// The compressor id stored in the superblock.
    var compressor: Compressor { get }

    /// Decompresses one block, refusing more than `maxOutput` bytes of output.
    func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8]

    /// Compresses one block. The caller stores the result only if it is smaller than the
    /// input (otherwise the block is stored uncompressed, as mksquashfs does).
    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8]

    /// The payload of the compressor-options metadata block (without its 2-byte header),
    /// or nil when the settings are the defaults and mksquashfs would write no options block.
    func optionsPayload(blockSize: UInt32) -> [UInt8]?

    /// Human-readable settings, in the order `unsquashfs -s` prints them.
    var settings: [(String, String)] { get }
}

extension SquashCodec {
    /// Decompresses `input` (see the buffer-pointer variant).
    public func decompress(_ input: [UInt8], maxOutput: Int) throws -> [UInt8] {
        try input.withUnsafeBytes { try decompress($0, maxOutput: maxOutput) }
    }

    /// Compresses `input` (see the buffer-pointer variant).
    public func compress(_ input: [UInt8]) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress($0) }
    }
}

/// Makes codecs from a superblock's compressor id and options block.
public enum Codecs {
    /// The codec for `compressor` configured from the compressor-options payload `options`
    /// (nil when the superblock's COMPRESSOR_OPTIONS flag is clear: defaults apply).
    /// Payloads are accepted or refused as the kernel's decompressor wrappers do
    /// (fs/squashfs/*_wrapper.c `comp_opts`): gzip, lzo and zstd blocks are never examined;
    /// xz needs at least 8 bytes with a valid dictionary size first; lz4 needs its 8-byte block
    /// with version 1. Every codec made from a payload writes that payload back unchanged.
    public static func make(_ compressor: Compressor, options: [UInt8]?, blockSize: UInt32,
                            offset: UInt64? = nil) throws -> any SquashCodec {
        do {
            switch compressor {
            case .gzip: return try GzipCodec(options: options)
            case .xz: return try XZCodec(options: options, blockSize: blockSize)
            case .lzma: return try LZMACodec(options: options)
            case .lzo: return try LZOCodec(options: options)
            case .lz4: return try LZ4Codec(options: options)
            case .zstd: return try ZstdCodec(options: options)
            }
        } catch var e as FormatError {
            if e.offset == nil { e.offset = offset }
            throw e.within("read \(compressor.name) compressor options")
        }
    }

    /// A codec for `compressor` with mksquashfs's default settings.
    public static func defaults(_ compressor: Compressor, blockSize: UInt32 = 131072) -> any SquashCodec {
        switch compressor {
        case .gzip: return GzipCodec()
        case .xz: return XZCodec(blockSize: blockSize)
        case .lzma: return LZMACodec()
        case .lzo: return LZOCodec()
        case .lz4: return LZ4Codec()
        case .zstd: return ZstdCodec()
        }
    }

    /// The settings line naming a stored options payload that did not parse.
    static func unrecognised(_ stored: [UInt8]?, _ flag: Bool) -> [(String, String)] {
        guard flag, let stored else { return [] }
        return [("stored-options", "\(stored.count) bytes not understood, kept as stored")]
    }

    /// Throws unless `options` has exactly `count` bytes.
    static func expect(_ options: [UInt8], _ count: Int) throws -> ByteReader {
        guard options.count == count else {
            throw FormatError(.invalid, context: "", "options block is \(options.count) bytes, expected \(count)")
        }
        return ByteReader(options, context: "")
    }
}
