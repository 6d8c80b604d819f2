import BinaryIO
import Codecs
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// How `SquashWriter` builds an image. Defaults follow mksquashfs 4.5.1 (gzip level 9
/// window 15, 128 KiB blocks, xz preset 6 with dictionary = block size and no BCJ filter,
/// zstd level 15, lz4 and lzo defaults, fragments on, duplicates removed, exportable,
/// 4 KiB padding); times are always explicit so the output is deterministic.
public struct SquashWriterOptions: Sendable {
    /// Compressor of data and metadata blocks (superblock compression id).
    public var compressor: Compressor = .gzip
    /// Data block size: a power of two in 4 KiB ... 1 MiB.
    public var blockSize: UInt32 = 131072
    /// xz: BCJ filters to try besides none, keeping the smallest result per block (`-Xbcj`).
    public var xzFilters: [LZMA.BCJ] = []
    /// xz: choose `xzFilters` from the tree at write time — the filter for its first ELF
    /// executable (`ELFArchitecture.bcjFilter`), none when it has no ELF file or no filter
    /// fits (the "auto" of `--xz-bcj`). Overrides `xzFilters` when set.
    public var xzFiltersFromTree = false
    /// Pseudo definitions (mksquashfs `-pf`) applied to the tree in order before it is
    /// written; new entries get `mkfsTime`.
    public var pseudoDefinitions: [PseudoDefinitions] = []
    /// xz: preset level, extreme flag and literal/position bits (OpenWrt's `-Xpreset -Xe -Xlc -Xlp -Xpb`).
    public var xzPreset: UInt32 = 6
    /// xz: LZMA_PRESET_EXTREME (`-Xe`).
    public var xzExtreme = false
    /// xz: literal context bits (`-Xlc`), nil = the preset's.
    public var xzLc: UInt32?
    /// xz: literal position bits (`-Xlp`), nil = the preset's.
    public var xzLp: UInt32?
    /// xz: position bits (`-Xpb`), nil = the preset's.
    public var xzPb: UInt32?
    /// xz dictionary size for data blocks (nil = the block size, mksquashfs's default).
    public var xzDictionarySize: UInt32?
    /// gzip (zlib) level, 1-9 (`-Xcompression-level`).
    public var gzipLevel: UInt32 = 9
    /// zstd level, 1-22 (`-Xcompression-level`).
    public var zstdLevel: UInt32 = 15
    /// lz4: LZ4HC (`-Xhc`).
    public var lz4HighCompression = false
    /// Superblock creation time, seconds since the epoch.
    public var mkfsTime: UInt32
    /// When set, every inode gets this mtime (mksquashfs `-all-time`).
    public var allTime: UInt32?
    /// Every inode owned by uid 0 / gid 0 (mksquashfs `-root-owned`).
    public var rootOwned = false
    /// Pack small files into fragment blocks (off = mksquashfs `-no-fragments`).
    public var fragments = true
    /// Also pack the tail of larger files into fragments (mksquashfs `-always-use-fragments`).
    public var alwaysFragments = false
    /// Store files with identical content once (off = mksquashfs `-no-duplicates`).
    public var duplicates = true
    /// Write the NFS export table (off = mksquashfs `-no-exports`).
    public var exportable = true
    /// Pad the image to a multiple of 4 KiB (off = mksquashfs `-nopad`).
    public var padTo4K = true
    /// Compression threads (default: online processors).
    public var threads: Int = SquashWriterOptions.onlineProcessors

    /// Options with mksquashfs defaults for `compressor` and `blockSize`.
    public init(mkfsTime: UInt32, compressor: Compressor = .gzip, blockSize: UInt32 = 131072) {
        self.mkfsTime = mkfsTime; self.compressor = compressor; self.blockSize = blockSize
    }

    /// OpenWrt's rootfs settings (include/image.mk): xz, 256 KiB blocks, `-Xpreset 9 -Xe
    /// -Xlc 0 -Xlp 2 -Xpb 2`, `-Xbcj` from the target's architecture (chosen from the tree's
    /// ELF files: x86 and arm get their filter), `-nopad -noappend -root-owned`, the pseudo
    /// files OpenWrt adds (`/dev` and `/dev/console`, `OpenWrtRootfs.pseudoDefinitions`),
    /// fixed time (SOURCE_DATE_EPOCH) for the superblock and every inode. `imagetool squash
    /// create --openwrt` uses exactly these options.
    public static func openWrt(time: UInt32) -> SquashWriterOptions {
        var o = SquashWriterOptions(mkfsTime: time, compressor: .xz, blockSize: 262144)
        o.xzPreset = 9; o.xzExtreme = true; o.xzLc = 0; o.xzLp = 2; o.xzPb = 2
        o.xzFiltersFromTree = true
        o.pseudoDefinitions = [OpenWrtRootfs.pseudoDefinitions]
        o.padTo4K = false; o.rootOwned = true; o.allTime = time
        return o
    }

    /// `tree` with `pseudoDefinitions` applied, and these options with `xzFilters` chosen
    /// from it when `xzFiltersFromTree` is set: what `SquashWriter.write` writes.
    func resolved(for tree: Tree) throws -> (Tree, SquashWriterOptions) {
        var t = tree, o = self
        for p in pseudoDefinitions { try p.apply(to: &t, defaultTime: mkfsTime) }
        if xzFiltersFromTree { o.xzFilters = ELFArchitecture.bcjFilter(for: t).map { [$0] } ?? [] }
        return (t, o)
    }

    /// Number of online processors.
    public static var onlineProcessors: Int { Workers.onlineProcessors }

    /// Throws a `.usage` error when a setting is out of range.
    public func validate() throws {
        guard blockSize >= Superblock.minBlockSize, blockSize <= Superblock.maxBlockSize, blockSize.nonzeroBitCount == 1 else {
            throw FormatError(.usage, context: "squash options", "block size \(blockSize) is not a power of two in 4K..1M")
        }
        if compressor == .gzip, !(1 ... 9).contains(gzipLevel) {
            throw FormatError(.usage, context: "squash options", "gzip level \(gzipLevel) not in 1..9")
        }
        if compressor == .zstd, !(1 ... 22).contains(zstdLevel) {
            throw FormatError(.usage, context: "squash options", "zstd level \(zstdLevel) not in 1..22")
        }
        if compressor == .xz {
            guard xzPreset <= 9 else { throw FormatError(.usage, context: "squash options", "xz preset \(xzPreset) not in 0..9") }
            if let d = xzDictionarySize, d < 8192 || d > blockSize {
                throw FormatError(.usage, context: "squash options", "xz dictionary \(d) not in 8K..block size")
            }
        }
    }

    /// A codec to use as it is instead of one built from the settings above (for repacking
    /// an image with exactly its own compressor options); its compressor must match.
    public var codec: (any SquashCodec)?

    /// The codec for data and fragment blocks.
    func dataCodec() -> any SquashCodec {
        if let c = codec { return c }
        switch compressor {
        case .gzip: return GzipCodec(level: gzipLevel)
        case .zstd: return ZstdCodec(level: zstdLevel)
        case .lz4: return LZ4Codec(highCompression: lz4HighCompression)
        case .xz: return xzCodec(dictionary: xzDictionarySize ?? blockSize, filters: xzFilters)
        default: return Codecs.defaults(compressor, blockSize: blockSize)
        }
    }

    /// The codec for metadata blocks: like the data codec, but xz uses an 8 KiB dictionary
    /// and no BCJ filter (mksquashfs xz_wrapper.c `xz_init` with datablock = 0).
    func metadataCodec() -> any SquashCodec {
        codec == nil && compressor == .xz ? xzCodec(dictionary: UInt32(Superblock.metadataBlockSize), filters: []) : dataCodec()
    }

    private func xzCodec(dictionary: UInt32, filters: [LZMA.BCJ]) -> XZWriterCodec {
        XZWriterCodec(dictionarySize: dictionary, filters: filters, preset: xzPreset, extreme: xzExtreme,
                      lc: xzLc, lp: xzLp, pb: xzPb)
    }
}
