import BinaryIO
import Digests
import Platform

/// One entry of a package's file list (directories included).
public struct ApkFileEntry: Sendable, Equatable, Codable {
    /// Path relative to the root ("lib/modules/6.12.74/x.ko"; "" for the root directory).
    public var path: String
    /// Whether this is a directory entry (from `paths`).
    public var isDirectory: Bool
    /// Permission bits from the ACL.
    public var mode: UInt64?
    /// Owner name from the ACL.
    public var user: String?
    /// Group name from the ACL.
    public var group: String?
    /// File size in bytes.
    public var size: UInt64?
    /// Modification time (Unix seconds).
    public var mtime: UInt64?
    /// Content digest (hex; its length tells the algorithm), for regular files.
    public var hash: String?
    /// Symlink target or device node, raw (hex), when present.
    public var target: String?
    /// 1-based directory and file indexes that DATA blocks refer to (0 for directories).
    public var pathIndex: Int
    /// 1-based file index within its directory (0 for a directory).
    public var fileIndex: Int
}

extension ApkFileEntry {
    /// What the entry is: "dir", "file", "symlink", "hardlink", "char", "block" or "fifo". A
    /// `target` blob is le16 file-type bits then a link path or a le64 device number
    /// [apk-tools: src/extract_v3.c apk_extract_v3_file].
    public var kind: String {
        if isDirectory { return "dir" }
        guard let t = targetBytes, t.count >= 2 else { return "file" }
        switch (UInt16(t[0]) | UInt16(t[1]) << 8) & 0o170000 {
        case 0o120000: return "symlink"
        case 0o100000: return "hardlink"
        case 0o020000: return "char"
        case 0o060000: return "block"
        case 0o010000: return "fifo"
        default: return "unknown"
        }
    }

    /// The link path of a symlink or hard link entry.
    public var linkTarget: String? {
        guard kind == "symlink" || kind == "hardlink", let t = targetBytes else { return nil }
        return String(decoding: t.dropFirst(2), as: UTF8.self)
    }

    /// The device number of a device node entry.
    public var device: UInt64? {
        guard kind == "char" || kind == "block" || kind == "fifo", let t = targetBytes, t.count == 10 else { return nil }
        return t[2...].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    var targetBytes: [UInt8]? { target.flatMap { Hex.decode($0) } }
}

/// A v3 .apk package: an ADB stream with schema `pckg` whose root object holds `info`
/// (pkginfo), `paths` (directories with their files), `scripts` and `triggers`, followed by
/// optional signatures and one DATA block per non-empty regular file (`le32 path_idx,
/// le32 file_idx`, content) [alpinelinux/apk-tools: src/apk_adb.c schema_package,
/// src/extract_v3.c apk_extract_v3_data_block, doc/apk-package.5.scd].
public struct ApkPackage: Sendable {
    /// The parsed stream (blocks kept byte-exact).
    public var file: ADBFile
    /// The compression the file used (kept when writing).
    public var compression: ADBCompression
    /// The ADB block's value heap.
    public let heap: ADBHeap
    /// The package metadata (`info`).
    public let info: ApkPackageInfo
    /// Scripts by name ("post-install" ...).
    public let scripts: [String: String]
    /// Trigger paths.
    public let triggers: [String]
    /// Directories and files in `paths` order.
    public let files: [ApkFileEntry]

    /// Parses a package from its file bytes.
    public init(bytes: [UInt8]) throws {
        let (comp, plain) = try ADBContainer.decode(bytes)
        try self.init(file: try ADBFile(parsing: plain), compression: comp)
    }

    /// Reads a package file.
    public init(path: String) throws {
        self = try withFile(path) { try ApkPackage(bytes: try FS.read(path, limit: UInt64(ADBContainer.maxDecompressed))) }
    }

    /// Interprets a parsed ADB stream as a package.
    public init(file: ADBFile, compression: ADBCompression) throws {
        guard file.schema == ADBFile.schemaPackage else {
            throw FormatError(.invalid, offset: 4, context: "read package", "schema \"\(file.schemaName)\" is not \"pckg\"")
        }
        guard let block = file.adbBlock else { throw FormatError(.invalid, context: "read package", "no ADB block") }
        self.file = file
        self.compression = compression
        var heap = ADBHeap(block: block)
        heap.context = "read package metadata"
        self.heap = heap
        let root = try heap.root()
        try heap.validate(root)
        let r = try heap.slots(root)
        info = try ApkPackageInfo(heap: heap, r[field: ApkSchema.Package.info])
        var scripts: [String: String] = [:]
        for (i, v) in try heap.slots(r[field: ApkSchema.Package.scripts]).values.enumerated() {
            if let text = try heap.string(v), i < ApkSchema.Scripts.names.count { scripts[ApkSchema.Scripts.names[i]] = text }
        }
        self.scripts = scripts
        triggers = try heap.slots(r[field: ApkSchema.Package.triggers]).values.map { try heap.string($0) ?? "" }
        var files: [ApkFileEntry] = []
        for (pi, dv) in try heap.slots(r[field: ApkSchema.Package.paths]).values.enumerated() {
            let d = try heap.slots(dv)
            let dir = try heap.string(d[field: ApkSchema.Dir.name]) ?? ""
            let acl = try heap.slots(d[field: ApkSchema.Dir.acl])
            files.append(ApkFileEntry(path: dir, isDirectory: true, mode: try heap.int(acl[field: ApkSchema.ACL.mode]),
                                      user: try heap.string(acl[field: ApkSchema.ACL.user]),
                                      group: try heap.string(acl[field: ApkSchema.ACL.group]),
                                      size: nil, mtime: nil, hash: nil, target: nil, pathIndex: pi + 1, fileIndex: 0))
            for (fi, fv) in try heap.slots(d[field: ApkSchema.Dir.files]).values.enumerated() {
                let f = try heap.slots(fv)
                let name = try heap.string(f[field: ApkSchema.File.name]) ?? ""
                let facl = try heap.slots(f[field: ApkSchema.File.acl])
                files.append(ApkFileEntry(
                    path: dir.isEmpty ? name : dir + "/" + name, isDirectory: false,
                    mode: try heap.int(facl[field: ApkSchema.ACL.mode]), user: try heap.string(facl[field: ApkSchema.ACL.user]),
                    group: try heap.string(facl[field: ApkSchema.ACL.group]), size: try heap.int(f[field: ApkSchema.File.size]),
                    mtime: try heap.int(f[field: ApkSchema.File.mtime]),
                    hash: try heap.blob(f[field: ApkSchema.File.hashes]).map { Hex.encode($0) },
                    target: try heap.blob(f[field: ApkSchema.File.target]).map { Hex.encode($0) },
                    pathIndex: pi + 1, fileIndex: fi + 1))
            }
        }
        self.files = files
    }

    /// SHA-256 of the ADB block payload: what an index stores as the package's `hashes`
    /// [apk-tools: src/app_mkndx.c apk_extract_generate_identity; matches the real feeds].
    public var identity: [UInt8] { Digest.sha256(file.adbBlock?.payload ?? []) }

    /// File contents from the DATA blocks, keyed by path, each checked against its size and
    /// digest in the metadata.
    public func fileContents() throws -> [String: [UInt8]] {
        var byIndex: [Int: ApkFileEntry] = [:]
        for f in files where !f.isDirectory { byIndex[f.pathIndex << 20 | f.fileIndex] = f }
        var out: [String: [UInt8]] = [:]
        for block in file.dataBlocks {
            var r = ByteReader(block.payload, fileOffset: UInt64(block.payloadOffset ?? 0), context: "read package data")
            let pi = Int(try r.u32le("path index")), fi = Int(try r.u32le("file index"))
            guard pi < 1 << 20, fi < 1 << 20, let entry = byIndex[pi << 20 | fi] else {
                throw r.error(.invalid, "data block for unknown file \(pi)/\(fi)", at: 0)
            }
            let content = r.rest()
            guard UInt64(content.count) == entry.size ?? 0 else {
                throw r.error(.invalid, "\(entry.path): \(content.count) data bytes, metadata says \(entry.size ?? 0)", at: 8)
            }
            if let hex = entry.hash, let want = Hex.decode(hex) {
                let alg: Digest.Algorithm? = [16: .md5, 20: .sha1, 32: .sha256, 64: .sha512][want.count]
                if let alg, Digest.hash(alg, content) != want {
                    throw r.error(.checksum, "\(entry.path): content digest does not match its metadata", at: 8)
                }
            }
            out[entry.path] = content
        }
        return out
    }

    /// This package with its `depends` rewritten by `transform` (e.g.
    /// `ApkPackageInfoEdit.kernel("6.12.74~<hash>-r1")`). Only the ADB block changes (new
    /// values appended, root repointed); DATA blocks stay byte-identical. Old signatures no
    /// longer match and are dropped, or replaced by one made with `key`. Returns nil when no
    /// dependency changed.
    public func rewritingDependencies(_ transform: (ApkDependency) -> ApkDependency?, key: ApkKey? = nil) throws -> ApkPackage? {
        guard let adbIndex = file.blocks.firstIndex(where: { $0.type == .adb }) else { return nil }
        let root = try heap.root()
        var rootSlots = try heap.slots(root).values
        guard !rootSlots.isEmpty else { return nil }
        var w = try ADBHeapWriter(existing: heap.bytes)
        guard let (newInfo, _) = try ApkPackageInfoEdit.edit(info: rootSlots[0], heap: heap, writer: &w,
                                                            dependencies: transform) else { return nil }
        rootSlots[0] = newInfo
        w.setRoot(try w.container(rootSlots, type: root.type))
        var newFile = file
        newFile.blocks[adbIndex] = ADBBlock(type: .adb, payload: w.finish())
        try newFile.resign(with: key)
        return try ApkPackage(file: try ADBFile(parsing: newFile.serialized()), compression: compression)
    }

    /// The package file bytes (compressed as the input was).
    public func serialized() throws -> [UInt8] {
        try ADBContainer.encode(file.serialized(), compression: compression)
    }
}
