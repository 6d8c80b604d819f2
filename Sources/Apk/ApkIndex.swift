import BinaryIO
import Platform

/// A repository index `packages.adb`: an ADB stream with schema `indx` whose root object holds
/// `description`, `packages` (one pkginfo per package, with `file-size` and `hashes` = SHA-256
/// of the package's ADB block) and optionally `pkgname-spec`, signed by SIG blocks
/// [alpinelinux/apk-tools: src/app_mkndx.c, src/apk_adb.c schema_index, src/apk_adb.h ADBI_NDX_*].
public struct ApkIndex: Sendable {
    /// The parsed stream (blocks kept byte-exact).
    public var file: ADBFile
    /// Compression used when writing.
    public var compression: ADBCompression
    /// The ADB block's value heap.
    public let heap: ADBHeap
    /// The index description (`apk mkndx -d`).
    public let description: String?
    /// The package file name template, when the index names one.
    public let pkgnameSpec: String?
    /// Package entries in index order.
    public let entries: [ApkPackageInfo]
    /// The heap value of each entry (same order as `entries`).
    public let entryValues: [ADBVal]

    /// Parses an index from its file bytes.
    public init(bytes: [UInt8]) throws {
        let (comp, plain) = try ADBContainer.decode(bytes)
        try self.init(file: try ADBFile(parsing: plain), compression: comp)
    }

    /// Reads an index file.
    public init(path: String) throws {
        self = try withFile(path) { try ApkIndex(bytes: try FS.read(path, limit: UInt64(ADBContainer.maxDecompressed))) }
    }

    /// Interprets a parsed ADB stream as an index.
    public init(file: ADBFile, compression: ADBCompression) throws {
        guard file.schema == ADBFile.schemaIndex else {
            throw FormatError(.invalid, offset: 4, context: "read index", "schema \"\(file.schemaName)\" is not \"indx\"")
        }
        guard let block = file.adbBlock else { throw FormatError(.invalid, context: "read index", "no ADB block") }
        self.file = file
        self.compression = compression
        var heap = ADBHeap(block: block)
        heap.context = "read index"
        self.heap = heap
        let root = try heap.root()
        try heap.validate(root)
        let r = try heap.slots(root)
        description = try heap.string(r[field: ApkSchema.Index.description])
        pkgnameSpec = try heap.string(r[field: ApkSchema.Index.pkgnameSpec])
        entryValues = try heap.slots(r[field: ApkSchema.Index.packages]).values
        entries = try entryValues.map { try ApkPackageInfo(heap: heap, $0) }
    }

    /// The file name an entry's package has in the repository (`${name}-${version}.apk`,
    /// apk's default pkgname-spec) [apk-tools: src/context.c default_pkgname_spec].
    public static func fileName(of info: ApkPackageInfo) -> String { "\(info.name)-\(info.version).apk" }

    /// The file name (relative path) of an entry under `spec`, apk's `--pkgname-spec`
    /// template of `${field}` references to pkginfo fields (name, version, arch, origin …);
    /// nil when the template names an unknown or empty field [apk-tools: src/adb.c adb_s_field_subst].
    public static func fileName(of info: ApkPackageInfo, spec: String?) -> String? {
        guard let spec else { return fileName(of: info) }
        let fields: [String: String?] = ["name": info.name, "version": info.version, "arch": info.arch,
                                         "origin": info.origin, "license": info.license, "url": info.url]
        var out = "", rest = Substring(spec)
        while let dollar = rest.firstIndex(of: "$") {
            let brace = rest.index(after: dollar)
            guard brace < rest.endIndex, rest[brace] == "{" else {
                out += rest[...dollar]
                rest = rest[brace...]
                continue
            }
            out += rest[..<dollar]
            let start = rest.index(after: brace)
            guard let close = rest[start...].firstIndex(of: "}"),
                  let value = fields[String(rest[start ..< close])] ?? nil, !value.isEmpty else { return nil }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The file name of an entry under this index's own pkgname-spec (or the default).
    public func fileName(of info: ApkPackageInfo) -> String? { Self.fileName(of: info, spec: pkgnameSpec) }

    /// One package to index: its parsed form and the size of its file.
    public struct Input: Sendable {
        /// The parsed package.
        public var package: ApkPackage
        /// Size of the package file in bytes.
        public var fileSize: UInt64
        /// A package to index.
        public init(package: ApkPackage, fileSize: UInt64) {
            self.package = package
            self.fileSize = fileSize
        }
    }

    /// Builds a new index the way `apk mkndx` does: each package's pkginfo copied, `file-size`
    /// and `hashes` (SHA-256 of its ADB block) set, entries sorted by name, version and hash
    /// [apk-tools: src/apk_adb.c pkginfo_cmp]. The result is unsigned; call `sign(with:)`.
    public static func build(packages: [Input], description: String? = nil,
                             compression: ADBCompression = .deflate) throws -> ApkIndex {
        var w = ADBHeapWriter()
        var items: [(name: [UInt8], version: String, hash: [UInt8], value: ADBVal)] = []
        for p in packages {
            let heap = p.package.heap
            let infoVal = try heap.slots(try heap.root())[field: ApkSchema.Package.info]
            var slots: [ADBVal] = []
            for s in try heap.slots(infoVal).values { slots.append(try w.copy(s, from: heap)) }
            while slots.count < ApkSchema.Info.fileSize { slots.append(.null) }
            slots[ApkSchema.Info.fileSize - 1] = try w.int(p.fileSize)
            let identity = p.package.identity
            slots[ApkSchema.Info.hashes - 1] = try w.blob(identity)
            let info = p.package.info
            items.append((Array(info.name.utf8), info.version, identity, try w.container(slots)))
        }
        // apk's pkginfo order: name (bytes), version (apk ordering), hash (bytes).
        items.sort { a, b in
            if a.name != b.name { return a.name.lexicographicallyPrecedes(b.name) }
            let v = ApkVersion.compare(a.version, b.version)
            if v != 0 { return v < 0 }
            return a.hash.lexicographicallyPrecedes(b.hash)
        }
        let pkgs = try w.container(items.map(\.value))
        let root = try w.container([try description.map { try w.string($0) } ?? .null, pkgs])
        w.setRoot(root)
        let file = ADBFile(schema: ADBFile.schemaIndex, blocks: [ADBBlock(type: .adb, payload: w.finish())])
        return try ApkIndex(file: try ADBFile(parsing: file.serialized()), compression: compression)
    }

    /// How to change one entry in `rewriting`.
    public struct EntryEdit {
        /// Replacement for each dependency (nil keeps it).
        public var dependencies: (ApkDependency) -> ApkDependency?
        /// New `file-size`, or nil to keep.
        public var fileSize: UInt64?
        /// New `hashes` (SHA-256 of the package's ADB block), or nil to keep.
        public var hashes: [UInt8]?
        /// Drop the entry from the index.
        public var remove: Bool
        /// An edit; all parts optional.
        public init(dependencies: @escaping (ApkDependency) -> ApkDependency? = { _ in nil },
                    fileSize: UInt64? = nil, hashes: [UInt8]? = nil, remove: Bool = false) {
            self.dependencies = dependencies
            self.fileSize = fileSize
            self.hashes = hashes
            self.remove = remove
        }
    }

    /// This index with entries edited by path copying: changed entries are appended to the
    /// heap and the package list and root repointed; every unchanged entry keeps its bytes.
    /// Signatures are dropped (sign the result). Returns the new index and the number of
    /// entries changed or removed.
    public func rewriting(_ edit: (Int, ApkPackageInfo) -> EntryEdit?) throws -> (index: ApkIndex, changed: Int) {
        let root = try heap.root()
        var rootSlots = try heap.slots(root).values
        let pkgsVal = rootSlots.count >= ApkSchema.Index.packages ? rootSlots[ApkSchema.Index.packages - 1] : .null
        var w = try ADBHeapWriter(existing: heap.bytes)
        var newEntries: [ADBVal] = []
        var changed = 0
        for (i, v) in entryValues.enumerated() {
            guard let e = edit(i, entries[i]) else { newEntries.append(v); continue }
            if e.remove { changed += 1; continue }
            if let (nv, _) = try ApkPackageInfoEdit.edit(info: v, heap: heap, writer: &w, dependencies: e.dependencies,
                                                         fileSize: e.fileSize, hashes: e.hashes) {
                newEntries.append(nv)
                changed += 1
            } else {
                newEntries.append(v)
            }
        }
        var newFile = file
        if changed > 0 {
            let type = pkgsVal.isNull ? ADBVal.typeObject : pkgsVal.type
            while rootSlots.count < ApkSchema.Index.packages { rootSlots.append(.null) }
            rootSlots[ApkSchema.Index.packages - 1] = try w.container(newEntries, type: type)
            w.setRoot(try w.container(rootSlots, type: root.type))
            guard let adbIndex = newFile.blocks.firstIndex(where: { $0.type == .adb }) else { return (self, 0) }
            newFile.blocks[adbIndex] = ADBBlock(type: .adb, payload: w.finish())
            try newFile.resign(with: nil)
        }
        return (try ApkIndex(file: try ADBFile(parsing: newFile.serialized()), compression: compression), changed)
    }

    /// Replaces the signatures with one by `key` (nil: unsigned).
    public mutating func sign(with key: ApkKey?) throws {
        try file.resign(with: key)
        file = try ADBFile(parsing: file.serialized())
    }

    /// Checks the signatures against trusted keys.
    public func checkSignatures(keys: [ApkKey]) throws -> ADBTrust { try file.checkSignatures(keys: keys) }

    /// The index file bytes (compressed as read, or as chosen in `build`).
    public func serialized() throws -> [UInt8] {
        try ADBContainer.encode(file.serialized(), compression: compression)
    }
}
