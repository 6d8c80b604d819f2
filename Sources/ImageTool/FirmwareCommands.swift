import ArgumentParser
import BinaryIO
import FeedRewrite
import Firmware
import FoundationEssentials
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// `imagetool inspect IMAGE` — the region map of a firmware image with every checksum.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the regions of an OpenWrt firmware image, its checksums, kernel and rootfs facts.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Firmware image (TP-Link, uImage sysupgrade, NAND sysupgrade tar, x86 combined, UBI).")
    var image: String

    func run() throws {
        try CLI.run(global) { out in
            let img = try FirmwareImage.open(image)
            let (facts, problem) = img.salvageRootfsFacts()
            var lost: [String] = []
            if let problem {
                let at = img.rootfsSpan.map { " at 0x\(String($0.offset, radix: 16))" } ?? ""
                lost.append("rootfs\(at) is damaged: \(problem.located)"
                            + (facts == nil ? "; no rootfs facts could be read" : "; facts were salvaged by path lookup"))
            }
            for u in facts?.unreadable ?? [] { lost.append("rootfs: cannot read \(u)") }
            let report = ImageReport(image: img, file: image, facts: facts, problems: lost)
            if global.json { try out.json(report) } else { FirmwareCLI.print(report, out) }
            if !report.problems.isEmpty {
                for p in report.problems { out.error("imagetool: \(image): \(p)\n") }
                throw ExitCode(Exit.failed)
            }
        }
    }
}

/// `imagetool unpack IMAGE -d DIR` — kernel, rootfs and a manifest to rebuild the image.
struct UnpackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpack",
        abstract: "Unpack a firmware image into DIR: manifest.json, kernel, rootfs.sqfs and the rootfs tree.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Firmware image.") var image: String
    @Option(name: [.short, .customLong("directory")], help: "Output folder (created; must not exist unless --force).")
    var dir: String
    @Flag(help: "Replace an existing output folder.") var force = false
    @Flag(name: .customLong("no-tree"), help: "Do not extract the rootfs tree.") var noTree = false

    func run() throws {
        try CLI.run(global) { out in
            let img = try FirmwareImage.open(image)
            let summary = try out.withProgress { meter in
                try FirmwareUnpacker.unpack(img, into: dir, replace: force, extractTree: !noTree,
                                            treeIO: SquashTreeIO(progress: meter), warn: out.warn)
            }
            if global.json { try out.json(summary) } else {
                out.line("unpacked \(image) (\(img.kind.rawValue), \(img.regions.count) regions) into \(dir)")
                for f in summary.files { out.line("  \(f)") }
            }
        }
    }
}

/// `imagetool repack DIR -o IMAGE` — rebuild an image from an (edited) unpack folder.
struct RepackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repack",
        abstract: "Rebuild a firmware image from an unpack folder, recomputing every length, offset, checksum, padding and trailer.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Folder written by `imagetool unpack`.") var dir: String
    @Option(name: .shortAndLong, help: "Output image.") var output: String
    @Option(help: "A squashfs image to use as the rootfs instead of DIR/rootfs.sqfs or DIR/rootfs/.")
    var rootfs: String?
    @Option(help: "usign secret key to re-sign the fwtool signature chunk (without it the chunk is dropped).")
    var key: String?
    @Option(name: .customLong("fit-key"), help: ArgumentHelp(stringLiteral: FITKeyOption.help))
    var fitKey: String?
    @Option(name: .customLong("max-size"), help: "Refuse images larger than this many bytes (flash partition size).")
    var maxSize: UInt64?

    func run() throws {
        try CLI.run(global) { out in
            var opts = RepackOptions()
            opts.rootfsFile = rootfs
            opts.maxImageSize = maxSize
            if let key { opts.signer = try UsignFirmwareSigner.load(secretKeyPath: key) }
            opts.fitSigner = try FITKeyOption.signer(fitKey)
            let result = try out.withProgress { meter in
                opts.treeIO = SquashTreeIO(progress: meter)
                return try FirmwareUnpacker.repack(from: dir, options: opts)
            }
            for w in result.warnings { out.warn(w) }
            try FS.writeAtomically(result.bytes, to: output)
            let img = try FirmwareImage(parsing: result.bytes, path: output)
            if global.json {
                try out.json(ImageReport(image: img, file: output, facts: try FirmwareCLI.facts(of: img)))
            } else {
                out.line("wrote \(output): \(result.bytes.count) bytes, \(img.kind.rawValue), rootfs \(result.rootfsSource)")
                for r in img.regions where !r.checksums.isEmpty {
                    for c in r.checksums { out.line("  \(c.kind) \(c.computed) \(c.verifies ? "ok" : "MISMATCH")") }
                }
            }
        }
    }
}

/// Shared pieces of the firmware commands.
enum FirmwareCLI {
    /// The squashfs tree reader/writer.
    static let treeIO: (any RootfsTreeIO)? = SquashTreeIO()

    /// Rootfs facts read through the Squash reader.
    static func facts(of image: FirmwareImage) throws -> RootfsFacts? { try image.rootfsFacts() }

    static func print(_ r: ImageReport, _ out: Output) {
        out.line("\(r.file): \(r.kind), \(r.size) bytes, checksums \(r.checksumsVerify ? "all verify" : "DO NOT VERIFY")")
        for g in r.regions {
            let sums = g.checksums.map { "\($0.kind)=\($0.stored)\($0.verifies ? " ok" : " BAD (computed \($0.computed))")" }.joined(separator: " ")
            out.line("  0x\(Text.hex(UInt64(g.offset), 8)) \(Text.right(String(g.size), 10))  \(Text.left(g.role.rawValue, 16)) \(g.note ?? "") \(sums)")
        }
        if let d = r.diskRegions {
            out.line("disk (inflated):")
            for g in d {
                let sums = g.checksums.map { "\($0.kind)=\($0.stored)\($0.verifies ? " ok" : " BAD (computed \($0.computed))")" }.joined(separator: " ")
                out.line("  0x\(Text.hex(UInt64(g.offset), 8)) \(Text.right(String(g.size), 10))  \(Text.left(g.role.rawValue, 16)) \(g.note ?? "") \(sums)")
            }
        }
        if let t = r.tplink {
            out.line("TP-Link v\(t.headerVersion)\(t.vendor.isEmpty ? "" : ": vendor \(t.vendor)"), version \(t.firmwareVersion), hw_id \(t.hardwareID) rev \(t.hardwareRevision), fw_length \(t.firmwareLength), rootfs \(t.rootfsPlacement ?? "-")")
        }
        if let u = r.ubi {
            let g = u.geometry
            out.line("UBI: PEB \(g.pebSize), LEB \(g.lebSize), min I/O \(g.minIOSizeMin == g.minIOSizeMax ? "\(g.minIOSizeMin)" : "\(g.minIOSizeMin)...\(g.minIOSizeMax)"), vid_hdr_offset \(g.vidHeaderOffset), data_offset \(g.dataOffset), image_seq \(g.imageSequence), \(g.pebCount) PEBs")
            for d in g.derivation { out.line("  derived: \(d)") }
            for v in u.volumes {
                out.line("  volume \(v.id) \(v.name): \(v.type)\(v.autoresize ? " autoresize" : ""), \(v.reservedPEBs) reserved PEBs, \(v.lebCount) LEBs in the image, \(v.size) bytes\(v.name == u.kernelVolume ? " (kernel)" : v.name == u.rootfsVolume ? " (rootfs)" : "")")
            }
        }
        if let u = r.uimage {
            out.line("uImage: \(u.name), \(u.arch), \(u.compression), load \(u.loadAddress) entry \(u.entryPoint)")
        }
        if let f = r.fit {
            out.line("FIT: \(f.description ?? "-"), default \(f.defaultConfiguration ?? "-"), \(f.signed ? "SIGNED (rebuilding needs --fit-key)" : "not signed"), tree \(f.treeSize) bytes, alignment \(f.alignment)")
            for i in f.images {
                out.line("  /images/\(i.name): \(i.type), \(i.compression), \(i.placement), \(i.size) bytes at 0x\(String(i.offset, radix: 16)), hashes \(i.hashes.joined(separator: "+")) \(i.hashesVerify ? "verify" : "DO NOT VERIFY")\(i.signatures.isEmpty ? "" : ", signed")")
            }
            for c in f.configurations {
                out.line("  /configurations/\(c.name): kernel \(c.kernel ?? "-"), fdt \(c.fdt.joined(separator: ",")), loadables \(c.loadables.joined(separator: ","))\(c.signatures.isEmpty ? "" : ", signed")")
            }
        }
        if let k = r.kernel {
            out.line("kernel: \(k.compression), \(k.size) bytes decompressed, release \(k.release ?? "?"), config \(k.hasConfig ? "\(k.configLines ?? 0) lines (IKCONFIG)" : "not embedded")")
            if let b = k.banner { out.line("  \(b)") }
        } else if let e = r.kernelError {
            out.line("kernel: not read (\(e))")
        }
        if let f = r.rootfs {
            let place = r.ubi?.rootfsVolume.map { "in UBI volume \($0)" } ?? "at 0x\(String(f.offset, radix: 16))"
            out.line("rootfs: squashfs \(f.compressor), \(f.size) bytes \(place), block \(f.blockSize), \(f.inodes) inodes")
        }
        if let v = r.kernelPackageVersion {
            out.line("kernel package: \(v) (vermagic \(RootfsFacts.vermagic(fromKernelVersion: v) ?? "?"), arch \(r.facts?.arch ?? "?"), from \(r.kernelPackageSource ?? "?"))")
        } else if r.facts != nil {
            out.line("kernel package: ? (the rootfs records no installed kernel package and no build manifest is beside the image)")
        }
        if let f = r.facts {
            out.line("kmods: \(f.kmods.keys.sorted().joined(separator: " "))")
            out.line("modules: \(f.modules.joined(separator: " "))")
            out.line("board: \(f.board ?? "?")")
            for feed in f.feeds { out.line("feed: \(feed)") }
        }
        if let m = r.metadata { out.line("metadata: \(m)") }
    }
}

/// Signs the image with a usign secret key through FeedRewrite's usign (Ed25519), producing
/// the `.sig` file text that `usign -S -m image` writes (openwrt/usign main.c).
struct UsignFirmwareSigner: FirmwareSigner {
    let key: Usign.SecretKey

    static func load(secretKeyPath: String) throws -> UsignFirmwareSigner {
        UsignFirmwareSigner(key: try Usign.SecretKey.open(secretKeyPath))
    }

    func usignSignature(of message: [UInt8]) throws -> [UInt8] {
        try key.sign(message).render()
    }
}
