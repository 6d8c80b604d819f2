import ArgumentParser
import BinaryIO
import Codecs
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Platform
import Squash

/// The writing subcommands of `imagetool squash` (issue 5).
enum SquashCreateCommands {
    static let all: [ParsableCommand.Type] = [SquashCreate.self, SquashAdd.self, SquashRemove.self]
}

/// Parsing and reporting shared by create/add/remove.
enum SquashWriteCLI {
    /// "256K", "1M", "131072".
    static func size(_ s: String) throws -> UInt32 {
        let t = s.uppercased()
        var mult: UInt32 = 1
        var digits = Substring(t)
        if t.hasSuffix("K") { mult = 1024; digits = digits.dropLast() } else if t.hasSuffix("M") { mult = 1 << 20; digits = digits.dropLast() }
        guard let v = UInt32(digits), v.multipliedReportingOverflow(by: mult).overflow == false else {
            throw FormatError(.usage, context: "parse size", "bad size \(s.debugDescription)")
        }
        return v * mult
    }

    static func time(_ s: String, _ what: String) throws -> UInt32 {
        guard let v = UInt32(s) else { throw FormatError(.usage, context: what, "expected seconds since the epoch, got \(s.debugDescription)") }
        return v
    }

    static var sourceDateEpoch: UInt32? {
        Console.current.environment["SOURCE_DATE_EPOCH"].flatMap { UInt32($0) }
    }

    /// Writes with a progress bar (on a terminal) and prints the report.
    static func write(_ tree: Tree, to path: String, options: SquashWriterOptions, out: Output) throws {
        try render(try out.withProgress { try SquashWriter.write(tree, to: path, options: options, progress: $0) }, path: path, out: out)
    }

    /// Prints what a write produced.
    static func render(_ report: SquashWriter.Report, path: String, out: Output) throws {
        if out.global.json { try out.json(report); return }
        let d = report.data
        out.line("\(path): \(report.imageSize) bytes (\(report.bytesUsed) used), \(report.inodes) inodes, \(report.fragments) fragments")
        out.line("blocks: \(d.compressedBlocks) compressed, \(d.copiedBlocks) copied, \(d.copiedFragments) fragments copied, \(d.sparseBlocks) sparse; \(d.duplicateFiles) duplicate files")
        if report.skippedXattrs > 0 { out.warn("\(report.skippedXattrs) extended attributes outside user./trusted./security. were not stored") }
    }
}

/// `imagetool squash create SOURCE... -o IMAGE` — like mksquashfs, deterministic.
struct SquashCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write a squashfs 4.0 image from directories, tar archives and images.",
        discussion: """
        Sources are merged at the image root in order (later ones win). Defaults follow mksquashfs 4.5.1: \
        gzip, 128K blocks, fragments, duplicate removal, export table, 4K padding. Times: --mkfs-time, \
        else SOURCE_DATE_EPOCH (which also sets every inode's time unless --all-time is given), else now.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Directories, tar archives (any compression libarchive reads) or squashfs images.") var sources: [String]
    @Option(name: .shortAndLong, help: "Image to write.") var output: String
    @Option(help: "xz, gzip, lzo, lz4 or zstd.") var comp: String?
    @Option(help: "Data block size, 4K..1M.") var blockSize: String?
    @Option(help: "xz BCJ filter tried besides none: auto (from the ELF files; the default with --openwrt), none, x86, arm, armthumb, powerpc, sparc, ia64.") var xzBcj: String?
    @Option(help: "Superblock time (seconds since the epoch).") var mkfsTime: String?
    @Option(help: "Time of every inode (seconds since the epoch).") var allTime: String?
    @Flag(help: "Make every file owned by root.") var rootOwned = false
    @Option(help: "Pseudo definitions file (mksquashfs -pf format).") var pseudo: [String] = []
    @Flag(help: "Do not pack small files into fragments.") var noFragments = false
    @Flag(help: "Pack the tails of large files into fragments too.") var alwaysFragments = false
    @Flag(help: "Do not pad the image to 4K.") var noPad = false
    @Flag(help: "OpenWrt rootfs settings: xz 256K, preset 9 extreme, lc 0 lp 2 pb 2, BCJ from the ELF files, -nopad, -root-owned, /dev and /dev/console (SquashWriterOptions.openWrt).") var openwrt = false
    @Option(help: "Compression threads (default: all processors).") var processors: Int?

    func run() throws {
        try CLI.run(global) { out in
            let epoch = SquashWriteCLI.sourceDateEpoch
            let mkfs = try mkfsTime.map { try SquashWriteCLI.time($0, "--mkfs-time") } ?? epoch ?? UInt32(clamping: Int(Date().timeIntervalSince1970))
            let tree = try TreeSource.merging(sources, rootTime: mkfs)
            var o = openwrt ? SquashWriterOptions.openWrt(time: mkfs) : SquashWriterOptions(mkfsTime: mkfs)
            if let c = comp {
                guard let cc = Compressor(name: c), cc != .lzma else { throw FormatError(.usage, context: "--comp", "unknown compressor \(c.debugDescription)") }
                o.compressor = cc
            }
            if let b = blockSize { o.blockSize = try SquashWriteCLI.size(b) }
            switch xzBcj {
            case nil: break
            case "none": o.xzFilters = []; o.xzFiltersFromTree = false
            case "auto": o.xzFiltersFromTree = true
            case let bcj?:
                guard let f = LZMA.BCJ(rawValue: bcj) else { throw FormatError(.usage, context: "--xz-bcj", "unknown filter \(bcj.debugDescription)") }
                o.xzFilters = [f]; o.xzFiltersFromTree = false
            }
            if let t = allTime { o.allTime = try SquashWriteCLI.time(t, "--all-time") } else if let e = epoch, mkfsTime == nil { o.allTime = e }
            if rootOwned { o.rootOwned = true }
            if noFragments { o.fragments = false }
            if alwaysFragments { o.alwaysFragments = true }
            if noPad { o.padTo4K = false }
            if let p = processors { o.threads = max(1, p) }
            for p in pseudo { o.pseudoDefinitions.append(try PseudoDefinitions(parsing: try FS.readText(p), name: p)) }
            try SquashWriteCLI.write(tree, to: output, options: o, out: out)
        }
    }
}

/// `imagetool squash add IMAGE PATH=SOURCE... -o OUT` — incremental: unchanged blocks are copied.
struct SquashAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add or replace files in a squashfs image, copying every unchanged block.",
        discussion: "PATH is the place in the image; SOURCE a host file or directory. The output keeps the image's compressor, options, block size and creation time.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The squashfs image, or a firmware file holding one (see --offset).") var image: String
    @Argument(help: "PATH=SOURCE pairs.") var additions: [String]
    @Option(name: .shortAndLong, help: "Image to write.") var output: String
    @Option(help: ArgumentHelp(SquashOffset.help)) var offset: SquashOffset = .auto
    @Flag(help: "Make every file owned by root.") var rootOwned = false
    @Flag(help: "Pad the output to 4K.") var pad = false

    func run() throws {
        try CLI.run(global) { out in
            let report = try out.withProgress { meter in
                try SquashRepack.repack(image: image, offset: try offset.resolve(in: image), to: output,
                                        adjust: { $0.rootOwned = rootOwned; $0.padTo4K = pad }, edit: { tree, img in
                    for a in additions {
                        guard let eq = a.firstIndex(of: "="), eq != a.startIndex else {
                            throw FormatError(.usage, context: "squash add", "expected PATH=SOURCE, got \(a.debugDescription)")
                        }
                        let dest = String(a[..<eq]), src = String(a[a.index(after: eq)...])
                        try TreeSource.add(src, at: dest, to: &tree, parentTime: img.superblock.modificationTime)
                    }
                }, progress: meter)
            }
            try SquashWriteCLI.render(report, path: output, out: out)
        }
    }
}

/// `imagetool squash remove IMAGE PATH... -o OUT`.
struct SquashRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove files or directories from a squashfs image, copying every remaining block.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The squashfs image, or a firmware file holding one (see --offset).") var image: String
    @Argument(help: "Paths in the image.") var paths: [String]
    @Option(name: .shortAndLong, help: "Image to write.") var output: String
    @Option(help: ArgumentHelp(SquashOffset.help)) var offset: SquashOffset = .auto
    @Flag(help: "Pad the output to 4K.") var pad = false

    func run() throws {
        try CLI.run(global) { out in
            let report = try out.withProgress { meter in
                try SquashRepack.repack(image: image, offset: try offset.resolve(in: image), to: output,
                                        adjust: { $0.padTo4K = pad }, edit: { tree, _ in
                    for p in paths {
                        let rel = p.hasPrefix("/") ? String(p.drop(while: { $0 == "/" })) : p
                        guard try tree.remove(at: rel) else {
                            throw FormatError(.invalid, context: "squash remove", "\(p) is not in the image", file: image)
                        }
                    }
                }, progress: meter)
            }
            try SquashWriteCLI.render(report, path: output, out: out)
        }
    }
}
