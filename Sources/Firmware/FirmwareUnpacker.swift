#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Digests
import Platform

/// Extracts a squashfs into a folder and builds one from a folder (filled in by the
/// Squash library's reader and writer).
public protocol RootfsTreeIO: Sendable {
    /// Extracts the squashfs file into the new folder `dir`; returns what could not be
    /// created (device nodes as non-root), which a rebuild keeps from the original.
    func extract(squashfsFile: String, into dir: String) throws -> [String]
    /// Builds a squashfs from `dir`, starting from the original image and applying what
    /// differs from the `recorded` listing (path -> listing line).
    func build(from dir: String, originalFile: String, recorded: [String: String]) throws -> [UInt8]
}

/// What `unpack` wrote.
public struct UnpackSummary: Sendable, Codable {
    /// The unpack folder.
    public var directory: String
    /// The image family.
    public var kind: String
    /// Files and folders written, sorted.
    public var files: [String]
}

/// Choices for `repack`.
public struct RepackOptions: Sendable {
    /// A squashfs file to use as the rootfs (overrides DIR/rootfs.sqfs and DIR/rootfs/).
    public var rootfsFile: String?
    /// Refuse results larger than this (flash partition size).
    public var maxImageSize: UInt64?
    /// Re-signs a fwtool signature chunk.
    public var signer: (any FirmwareSigner)?
    /// Re-signs a signed FIT (without it a signed FIT whose data changed is refused).
    public var fitSigner: FITSigner?
    /// Squashfs reader/writer for DIR/rootfs/.
    public var treeIO: (any RootfsTreeIO)?
    /// Defaults: nothing replaced, no limit, no signer.
    public init() {}
}

/// A repacked image.
public struct RepackResult: Sendable {
    /// The image bytes.
    public var bytes: [UInt8]
    /// Things the user should know (e.g. a dropped signature).
    public var warnings: [String]
    /// "original", "rootfs.sqfs (edited)", "rootfs/ tree", or the --rootfs file.
    public var rootfsSource: String
}

/// `unpack` / `repack` of an image folder (see `UnpackManifest` for the layout).
public enum FirmwareUnpacker {
    /// Unpacks `image` into `dir` atomically (the folder appears complete or not at all).
    public static func unpack(_ image: FirmwareImage, into dir: String, replace: Bool = false, extractTree: Bool = true,
                              treeIO: (any RootfsTreeIO)? = nil, warn: (String) -> Void = { _ in }) throws -> UnpackSummary {
        if FS.exists(dir) && !replace {
            throw FormatError(.usage, context: "unpack", "\(dir) exists (use --force to replace it)")
        }
        let bytes = image.bytes
        return try FS.replaceDirectoryAtomically(dir) { tmp in
            var files: [String] = []
            func write(_ name: String, _ b: [UInt8]) throws {
                let p = try SafePath.join(tmp, name, context: "write unpack file")
                try FS.makeDirectories(FS.dirname(of: p))
                try FS.writeAtomically(b, to: p)
                files.append(name)
            }
            func payload(_ name: String, _ b: [UInt8], head: Int) throws -> UnpackManifest.Payload {
                try write(name, b)
                return UnpackManifest.Payload(file: name, size: b.count, sha256: Hex.encode(Digest.sha256(b)),
                                              head: Base64.encode(Array(b.prefix(head))))
            }
            var spans: [(offset: Int, size: Int, source: String)] = []
            var sourceOffsets: [Int: Int] = [:]
            for s in image.layout.payloadSpans() {
                spans.append((s.offset, s.size, s.source))
                if s.sourceOffset != 0 { sourceOffsets[s.offset] = s.sourceOffset }
            }
            let kernel = image.kernelImage
            let rootfs = image.rootfsImage
            var m = UnpackManifest(kind: image.kind.rawValue, imageSize: bytes.count,
                                   imageSHA256: Hex.encode(Digest.sha256(bytes)), regions: image.regions, parts: [])
            if spans.contains(where: { $0.source == "kernel" }) { m.kernel = try payload("kernel", kernel, head: 64) }
            if let r = rootfs { m.rootfs = try payload("rootfs.sqfs", r, head: 96) }
            if let j = image.metadataJSON { m.metadata = try payload("metadata.json", Array(j.utf8), head: 0) }
            m.parts = try UnpackManifest.parts(of: bytes, spans: spans, boundaries: image.regions.map { Int($0.offset) }.sorted(),
                                               sourceOffsets: sourceOffsets, writeFile: write)
            if extractTree, rootfs != nil {
                if let io = treeIO {
                    let treeDir = tmp + "/rootfs"
                    let notCreated = try io.extract(squashfsFile: tmp + "/rootfs.sqfs", into: treeDir)
                    if !notCreated.isEmpty {
                        warn("\(notCreated.count) rootfs entries not created as files (kept from rootfs.sqfs on repack): \(notCreated.prefix(3).joined(separator: ", "))")
                    }
                    let lines = try TreeListing.lines(treeDir)
                    try write("rootfs.listing", TreeListing.encode(lines))
                    m.tree = "rootfs"
                    m.treeListingSHA256 = TreeListing.digest(of: lines)
                    files.append("rootfs/")
                } else {
                    warn("rootfs tree not extracted: no squashfs reader available; DIR/rootfs.sqfs holds the filesystem")
                }
            }
            try write("manifest.json", try ManifestJSON.encode(m))
            return UnpackSummary(directory: dir, kind: image.kind.rawValue, files: files.sorted())
        }
    }

    /// Rebuilds the image described by DIR/manifest.json. Unchanged payloads give the
    /// original bytes; an edited DIR/kernel, DIR/rootfs.sqfs, DIR/metadata.json or
    /// DIR/rootfs/ tree (listing digest differs), or `options.rootfsFile`, is put in with
    /// `FirmwareImage.rebuild`.
    public static func repack(from dir: String, options: RepackOptions) throws -> RepackResult {
        let m = try ManifestJSON.decode(FS.read(dir + "/manifest.json", limit: 64 << 20))
        func load(_ p: UnpackManifest.Payload?) throws -> (bytes: [UInt8], edited: Bool)? {
            guard let p else { return nil }
            let b = try FS.read(try SafePath.join(dir, p.file, context: "read unpack file"), limit: FirmwareImage.maxImageSize)
            return (b, Hex.encode(Digest.sha256(b)) != p.sha256)
        }
        let kernel = try load(m.kernel)
        let rootfs = try load(m.rootfs)
        let metadata = try load(m.metadata)
        func standIn(_ p: UnpackManifest.Payload) -> [UInt8] {
            let head = Base64.decode(p.head) ?? []
            return head + [UInt8](repeating: 0, count: max(0, p.size - head.count))
        }
        let original = try m.assemble(dir: dir) { source in
            switch source {
            case "kernel": guard let k = kernel, let p = m.kernel else { break }; return k.edited ? standIn(p) : k.bytes
            case "rootfs": guard let r = rootfs, let p = m.rootfs else { break }; return r.edited ? standIn(p) : r.bytes
            default: break
            }
            throw FormatError(.invalid, context: "read manifest", "part source \(source) has no payload file")
        }
        let image = try FirmwareImage(parsing: original, path: dir + "/manifest.json")
        var newRoot: [UInt8]? = nil
        var source = "original"
        if let f = options.rootfsFile {
            newRoot = try FS.read(f, limit: FirmwareImage.maxImageSize); source = f
        } else if let r = rootfs, r.edited {
            newRoot = r.bytes; source = "rootfs.sqfs (edited)"
        } else if let t = m.tree, let recorded = m.treeListingSHA256, FS.isDirectory(dir + "/" + t),
                  TreeListing.digest(of: try TreeListing.lines(dir + "/" + t)) != recorded {
            guard let io = options.treeIO, let p = m.rootfs else {
                throw FormatError(.unsupported, context: "repack", "\(t)/ was edited but no squashfs writer is available; build it with mksquashfs and pass --rootfs")
            }
            let listing = try TreeListing.decode(FS.read(dir + "/rootfs.listing", limit: 256 << 20))
            newRoot = try io.build(from: dir + "/" + t, originalFile: dir + "/" + p.file, recorded: listing)
            source = "\(t)/ tree"
        }
        let newKernel = (kernel?.edited ?? false) ? kernel?.bytes : nil
        var opts = RebuildOptions(maxImageSize: options.maxImageSize, signer: options.signer, fitSigner: options.fitSigner)
        if let md = metadata, md.edited { opts.metadataJSON = md.bytes }
        if newRoot == nil && newKernel == nil && opts.metadataJSON == nil {
            if let max = options.maxImageSize, UInt64(original.count) > max {
                throw FormatError(.refused, context: "repack", "image is \(original.count) bytes, more than the allowed \(max)")
            }
            return RepackResult(bytes: original, warnings: [], rootfsSource: source)
        }
        let r = try image.rebuild(replacingRootfs: newRoot, replacingKernel: newKernel, options: opts)
        return RepackResult(bytes: r.bytes, warnings: r.warnings, rootfsSource: source)
    }
}
