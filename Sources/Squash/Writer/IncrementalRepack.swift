import BinaryIO

/// Incremental repacking: writing a tree read from an existing image (plus changes) with that
/// image's compressor, compressor options and block size, so every unchanged file's data
/// blocks and the fragment blocks holding their tails are copied byte for byte instead of
/// being decompressed and recompressed (squashfs-tools issue #334 asks mksquashfs for this).
/// The result is an ordinary, deterministic image: the same base image and changes give
/// the same bytes.
public enum SquashRepack {
    /// Writer options reproducing `image`'s settings: compressor with its stored options
    /// (so BCJ filters, dictionary and OpenWrt's lzma settings carry over), block size,
    /// fragment, duplicate and export choices, and its creation time.
    public static func options(matching image: SquashImage) -> SquashWriterOptions {
        let sb = image.superblock
        var o = SquashWriterOptions(mkfsTime: sb.modificationTime, compressor: sb.compressor, blockSize: sb.blockSize)
        o.codec = image.codec
        o.fragments = !sb.flags.contains(.noFragments)
        o.alwaysFragments = sb.flags.contains(.alwaysFragments)
        o.exportable = sb.flags.contains(.exportable)
        o.duplicates = sb.flags.contains(.duplicates)
        return o
    }

    /// Reads the image at `path` (squashfs at byte `offset`), applies `edit` to its tree and
    /// writes the result to `output` with the image's own settings (`adjust` may change them).
    @discardableResult
    public static func repack(image path: String, offset: UInt64 = 0, to output: String,
                              adjust: (inout SquashWriterOptions) -> Void = { _ in },
                              edit: (inout Tree, SquashImage) throws -> Void,
                              progress: ProgressMeter? = nil) throws -> SquashWriter.Report {
        let image = try SquashImage(path: path, offset: offset)
        var tree = try image.readTree()
        try edit(&tree, image)
        var o = options(matching: image)
        adjust(&o)
        return try SquashWriter.write(tree, to: output, options: o, progress: progress)
    }
}
