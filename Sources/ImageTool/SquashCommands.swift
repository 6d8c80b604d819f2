import ArgumentParser
import BinaryIO
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Squash

/// `imagetool squash ...` — read squashfs 4.0 images (reader commands here; the writer's
/// create/add/remove live in SquashCreateCommands.swift).
struct SquashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "squash",
        abstract: "Inspect, list, extract and convert squashfs 4.0 images.",
        subcommands: [SquashInfo.self, SquashLs.self, SquashExtract.self, SquashTar.self] + SquashCreateCommands.all)
}

/// `--offset`, the same in every command that takes it: the byte offset of the squashfs
/// superblock in the input file (decimal or 0x hex), or `auto` for the first valid
/// superblock found (`SuperblockFinder.first`). The readers default to 0, `add` and
/// `remove` (which take firmware files too) to auto.
enum SquashOffset: ExpressibleByArgument, Equatable {
    case at(UInt64)
    case auto

    static let help = "Byte offset of the squashfs superblock in the input file (decimal or 0x hex), or 'auto' to search for the first valid one."

    init?(argument: String) {
        if argument == "auto" { self = .auto; return }
        let v: UInt64?
        if argument.hasPrefix("0x") || argument.hasPrefix("0X") { v = UInt64(argument.dropFirst(2), radix: 16) } else { v = UInt64(argument) }
        guard let v else { return nil }
        self = .at(v)
    }

    var defaultValueDescription: String {
        switch self {
        case .at(let v): return "\(v)"
        case .auto: return "auto"
        }
    }

    /// The byte offset in `image` (searched for with `auto`).
    func resolve(in image: String) throws -> UInt64 {
        switch self {
        case .at(let v): return v
        case .auto: return try SuperblockFinder.first(in: image)
        }
    }

    /// Opens the squashfs in `image` at this offset.
    func open(_ image: String) throws -> SquashImage { try SquashImage(path: image, offset: try resolve(in: image)) }
}

/// The image argument and `--offset` of the reading commands.
struct SquashImageOptions: ParsableArguments {
    @Argument(help: "The squashfs image, or a firmware file holding one (see --offset).")
    var image: String
    @Option(name: .long, help: ArgumentHelp(SquashOffset.help))
    var offset: SquashOffset = .at(0)

    /// Opens the image at the chosen offset.
    func open() throws -> SquashImage { try offset.open(image) }
}

/// `imagetool squash info IMAGE` — superblock, compressor settings, counts and flags.
struct SquashInfo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the superblock, compressor and its options, counts and flags.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SquashImageOptions

    struct Info: Encodable {
        var offset: UInt64, version: String, compressor: String, compressorOptions: [String: String]
        var blockSize: UInt32, bytesUsed: UInt64, modificationTime: UInt32
        var inodes: UInt32, fragments: UInt32, ids: UInt16, xattrIds: Int, flags: [String]
        var tables: [String: UInt64]
    }

    func run() throws {
        try CLI.run(global) { out in
            let img = try source.open()
            let sb = img.superblock
            var tables: [String: UInt64] = ["inode": sb.inodeTableStart, "directory": sb.directoryTableStart, "id": sb.idTableStart]
            if sb.hasFragmentTable { tables["fragment"] = sb.fragmentTableStart }
            if sb.hasExportTable { tables["export"] = sb.exportTableStart }
            if sb.hasXattrTable { tables["xattr"] = sb.xattrIdTableStart }
            let info = Info(offset: img.view.base, version: "\(sb.versionMajor).\(sb.versionMinor)", compressor: sb.compressor.name,
                            compressorOptions: Dictionary(img.codec.settings, uniquingKeysWith: { a, _ in a }),
                            blockSize: sb.blockSize, bytesUsed: sb.bytesUsed, modificationTime: sb.modificationTime,
                            inodes: sb.inodeCount, fragments: sb.fragmentCount, ids: sb.idCount, xattrIds: img.xattrs.count,
                            flags: sb.flags.names, tables: tables)
            if global.json { try out.json(info); return }
            out.line("squashfs \(info.version) at offset \(info.offset) (0x\(String(info.offset, radix: 16)))")
            out.line("Creation time \(sb.modificationTime) (\(SquashLs.date(sb.modificationTime)) UTC)")
            out.line("Filesystem size \(sb.bytesUsed) bytes")
            out.line("Compression \(sb.compressor.name)" + (img.compressorOptions == nil ? " (default options)" : " (stored options)"))
            for (k, v) in img.codec.settings { out.line("  \(k) \(v)") }
            out.line("Block size \(sb.blockSize)")
            out.line("Flags \(sb.flags.names.isEmpty ? "none" : sb.flags.names.joined(separator: " "))")
            out.line("Number of fragments \(sb.fragmentCount)")
            out.line("Number of inodes \(sb.inodeCount)")
            out.line("Number of ids \(sb.idCount)")
            out.line("Number of xattr ids \(img.xattrs.count)")
            for (k, v) in tables.sorted(by: { $0.value < $1.value }) { out.line("Table \(k) at 0x\(String(v, radix: 16))") }
        }
    }
}

/// `imagetool squash ls IMAGE [-l]` — lists paths like `unsquashfs -l` / `-lls`.
struct SquashLs: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the image's contents (like unsquashfs -l / -lls).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SquashImageOptions
    @Flag(name: .short, help: "Long listing: mode, owner/group, size, mtime (UTC), like unsquashfs -lls.")
    var long = false
    @Flag(name: .long, help: "Show numeric uid/gid (like unsquashfs -lln).")
    var numeric = false
    @Option(name: .long, help: "Name printed for the root directory.")
    var root = "squashfs-root"

    static func date(_ t: UInt32) -> String {
        var tt = time_t(t)
        var tm = tm()
        gmtime_r(&tt, &tm)
        return "\(Int(tm.tm_year) + 1900)-\(Text.zero(Int(tm.tm_mon) + 1, 2))-\(Text.zero(Int(tm.tm_mday), 2)) \(Text.zero(Int(tm.tm_hour), 2)):\(Text.zero(Int(tm.tm_min), 2))"
    }

    static func modeString(_ ino: Inode) -> String {
        let t: Character = ["d", "-", "l", "b", "c", "p", "s"][Int(ino.basicType) - 1]
        let m = Int(ino.permissions)
        var s = [t] + Array("rwxrwxrwx")
        for i in 0 ..< 9 where m & (1 << (8 - i)) == 0 { s[i + 1] = "-" }
        if m & 0o4000 != 0 { s[3] = s[3] == "x" ? "s" : "S" }
        if m & 0o2000 != 0 { s[6] = s[6] == "x" ? "s" : "S" }
        if m & 0o1000 != 0 { s[9] = s[9] == "x" ? "t" : "T" }
        return String(s)
    }

    func run() throws {
        try CLI.run(global) { out in
            let img = try source.open()
            var lines: [String] = []
            var users: [UInt32: String] = [:], groups: [UInt32: String] = [:]
            func user(_ id: UInt32) -> String {
                if numeric { return "\(id)" }
                if let u = users[id] { return u }
                let u = getpwuid(id).map { String(cString: $0.pointee.pw_name) } ?? "\(id)"
                users[id] = u
                return u
            }
            func group(_ id: UInt32) -> String {
                if numeric { return "\(id)" }
                if let g = groups[id] { return g }
                let g = getgrgid(id).map { String(cString: $0.pointee.gr_name) } ?? "\(id)"
                groups[id] = g
                return g
            }
            let ids = img.ids
            var failure: Error?
            _ = try img.readTree { path, ino in
                let name = path.isEmpty ? root : root + "/" + path
                guard long else { lines.append(name); return }
                do {
                    let u = user(try ids.id(ino.uidIndex, what: "uid", inode: ino.number))
                    let g = group(try ids.id(ino.gidIndex, what: "gid", inode: ino.number))
                    let pad = max(0, 25 - u.utf8.count - g.utf8.count)
                    var line = "\(SquashLs.modeString(ino)) \(u)/\(g) "
                    switch ino.kind {
                    case .blockDevice, .charDevice:
                        let p = max(0, pad - 7)
                        line += String(repeating: " ", count: max(1, p)) + Text.right(String(Int(ino.device >> 8)), 3) + "," + Text.right(String(Int(ino.device & 0xFF)), 3) + " "
                    default:
                        let data: UInt64 = ino.kind == .directory ? UInt64(ino.dirSize) : ino.kind == .file ? ino.fileSize
                            : ino.kind == .symlink ? UInt64(ino.target.count) : 0
                        let s = "\(data)"
                        line += String(repeating: " ", count: max(0, pad - s.count)) + s + " "
                    }
                    line += SquashLs.date(ino.mtime) + " " + name
                    if ino.kind == .symlink { line += " -> " + String(decoding: ino.target, as: UTF8.self) }
                    lines.append(line)
                } catch { failure = error }
            }
            if let failure { throw failure }
            if global.json { try out.json(lines); return }
            for l in lines { out.line(l) }
        }
    }
}

/// `imagetool squash extract IMAGE -d DIR [PATH...]` — like unsquashfs -d.
struct SquashExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract the image (or some paths) into a new directory, like unsquashfs -d.",
        discussion: "DIR must not exist or be empty; the tree is built beside it and renamed into place. Nothing is written outside DIR and no symlink is followed. As non-root, device nodes and owners cannot be created; they are listed in a warning (use `squash tar` for a lossless copy).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SquashImageOptions
    @Option(name: .short, help: "Output directory.")
    var d: String = "squashfs-root"
    @Argument(help: "Paths inside the image to extract (default: everything).")
    var paths: [String] = []
    @Option(name: .long, help: "Worker threads (default: processor count).")
    var jobs: Int?

    func run() throws {
        try CLI.run(global) { out in
            let img = try source.open()
            let tree = try img.readTree()
            var ex = Extractor(image: img, tree: tree, parallel: jobs)
            let r = try out.withProgress { meter in
                ex.progress = meter
                return try withFile(source.image) { try ex.extract(to: d, paths: paths) }
            }
            if global.json { try out.json(r); return }
            out.line("\(r.files) files (\(r.bytes) bytes), \(r.directories) directories, \(r.symlinks) symlinks, \(r.hardLinks) hard links, \(r.devices) devices, \(r.fifos) fifos, \(r.sockets) sockets written to \(d)")
            if !r.notCreated.isEmpty {
                out.warn("\(r.notCreated.count) entries not created (not root): " + r.notCreated.prefix(5).joined(separator: "; ") + (r.notCreated.count > 5 ? "; ..." : ""))
            }
            if r.ownersNotSet > 0 { out.warn("owners of \(r.ownersNotSet) entries not set (not root); `imagetool squash tar` keeps them") }
            if !r.xattrsNotSet.isEmpty {
                out.warn("\(r.xattrsNotSet.count) xattrs not set: " + r.xattrsNotSet.prefix(3).joined(separator: "; ") + (r.xattrsNotSet.count > 3 ? "; ..." : ""))
            }
        }
    }
}

/// `imagetool squash tar IMAGE [-o FILE|-]` — lossless tar, like sqfs2tar.
struct SquashTar: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tar", abstract: "Write the image as a lossless pax tar (owners, devices, xattrs, hard links) without root, like sqfs2tar.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SquashImageOptions
    @Option(name: .short, help: "Output tar file, or - for stdout.")
    var o: String = "-"

    func run() throws {
        try CLI.run(global) { out in
            let img = try source.open()
            let tree = try img.readTree()
            var exporter = TarExporter(image: img, tree: tree)
            let r = try out.withProgress { meter in
                exporter.progress = meter
                return try exporter.write(to: o)
            }
            if !r.skipped.isEmpty { out.warn("\(r.skipped.count) entries cannot be stored in tar: " + r.skipped.prefix(5).joined(separator: "; ")) }
            if o != "-" {
                if global.json { try out.json(r) } else { out.line("\(r.entries) entries (\(r.bytes) bytes of file data) written to \(o)") }
            }
        }
    }
}
