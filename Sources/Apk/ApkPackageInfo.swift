import BinaryIO

/// The `pkginfo` object: a package's metadata, the same schema in a .apk's root object and in
/// every index entry [alpinelinux/apk-tools: src/apk_adb.c schema_pkginfo, src/apk_adb.h ADBI_PI_*].
public struct ApkPackageInfo: Sendable, Equatable, Codable {
    /// Package name.
    public var name: String
    /// Package version (`6.12.74-r1`).
    public var version: String
    /// `hashes` as hex: in an index the SHA-256 of the package's ADB block; in a package
    /// whatever the build tool stored (often a SHA-1 identity).
    public var hashes: String?
    /// One-line description.
    public var description: String?
    /// Architecture (`aarch64_cortex-a53`, `noarch`).
    public var arch: String?
    /// License expression.
    public var license: String?
    /// Source package path.
    public var origin: String?
    /// Maintainer.
    public var maintainer: String?
    /// Project URL.
    public var url: String?
    /// Source repository commit (hex).
    public var repoCommit: String?
    /// Build time (Unix seconds).
    public var buildTime: UInt64?
    /// Installed size in bytes.
    public var installedSize: UInt64?
    /// Package file size in bytes (set in indexes).
    public var fileSize: UInt64?
    /// Provider priority.
    public var providerPriority: UInt64?
    /// Dependencies.
    public var depends: [ApkDependency]
    /// Provided names.
    public var provides: [ApkDependency]
    /// Replaced packages.
    public var replaces: [ApkDependency]
    /// Install-if conditions.
    public var installIf: [ApkDependency]
    /// Recommendations.
    public var recommends: [ApkDependency]
    /// Layer number.
    public var layer: UInt64?
    /// Tags.
    public var tags: [String]

    /// Reads a pkginfo object from `heap`.
    public init(heap: ADBHeap, _ v: ADBVal) throws {
        let o = try heap.slots(v)
        typealias F = ApkSchema.Info
        func str(_ i: Int) throws -> String? { try heap.string(o[field: i]) }
        func hex(_ i: Int) throws -> String? { try heap.blob(o[field: i]).map { Hex.encode($0) } }
        func int(_ i: Int) throws -> UInt64? { try heap.int(o[field: i]) }
        func deps(_ i: Int) throws -> [ApkDependency] { try ApkDependency.list(heap: heap, o[field: i]) }
        name = try str(F.name) ?? ""
        version = try str(F.version) ?? ""
        hashes = try hex(F.hashes)
        description = try str(F.description)
        arch = try str(F.arch)
        license = try str(F.license)
        origin = try str(F.origin)
        maintainer = try str(F.maintainer)
        url = try str(F.url)
        repoCommit = try hex(F.repoCommit)
        buildTime = try int(F.buildTime)
        installedSize = try int(F.installedSize)
        fileSize = try int(F.fileSize)
        providerPriority = try int(F.providerPriority)
        depends = try deps(F.depends)
        provides = try deps(F.provides)
        replaces = try deps(F.replaces)
        installIf = try deps(F.installIf)
        recommends = try deps(F.recommends)
        layer = try int(F.layer)
        tags = try heap.slots(o[field: F.tags]).values.map { try heap.string($0) ?? "" }
    }

    /// The kernel dependency (`kernel=<V>~<hash>-r<R>`) of a kmod, if any.
    public var kernelDependency: ApkDependency? { depends.first { $0.name == "kernel" && $0.version != nil } }
}

/// Edits of a pkginfo object by path copying: a new object is appended to the heap with the
/// changed slots replaced; every other slot keeps its original value (and bytes), so data
/// shared with other objects is never touched.
public enum ApkPackageInfoEdit {
    /// Rewrites `depends` entries for which `transform` returns a replacement, and sets
    /// `fileSize`/`hashes` when given. Returns the new pkginfo value and how many dependencies
    /// changed, or nil when nothing changed.
    public static func edit(info v: ADBVal, heap: ADBHeap, writer w: inout ADBHeapWriter,
                            dependencies transform: (ApkDependency) -> ApkDependency? = { _ in nil },
                            fileSize: UInt64? = nil, hashes: [UInt8]? = nil) throws -> (value: ADBVal, changed: Int)? {
        var slots = try heap.slots(v).values
        func set(_ field: Int, _ value: ADBVal) {
            while slots.count < field { slots.append(.null) }
            slots[field - 1] = value
        }
        var changedDeps = 0
        var changed = false
        let depsVal = slots.count >= ApkSchema.Info.depends ? slots[ApkSchema.Info.depends - 1] : .null
        var deps = try heap.slots(depsVal).values
        for (i, d) in deps.enumerated() {
            if let replacement = transform(try ApkDependency(heap: heap, d)) {
                deps[i] = try replacement.write(into: &w)
                changedDeps += 1
            }
        }
        if changedDeps > 0 {
            set(ApkSchema.Info.depends, try w.container(deps, type: depsVal.type))
            changed = true
        }
        if let fileSize, try heap.int(slots.count >= ApkSchema.Info.fileSize ? slots[ApkSchema.Info.fileSize - 1] : .null) != fileSize {
            set(ApkSchema.Info.fileSize, try w.int(fileSize))
            changed = true
        }
        if let hashes, try heap.blob(slots.count >= ApkSchema.Info.hashes ? slots[ApkSchema.Info.hashes - 1] : .null) != hashes {
            set(ApkSchema.Info.hashes, try w.blob(hashes))
            changed = true
        }
        guard changed else { return nil }
        return (try w.container(slots, type: v.type), changedDeps)
    }

    /// A transform that points every `kernel` dependency at `kernelVersion`.
    public static func kernel(_ kernelVersion: String) -> (ApkDependency) -> ApkDependency? {
        { dep in
            guard dep.name == "kernel", let v = dep.version, v != kernelVersion else { return nil }
            var d = dep
            d.version = kernelVersion
            return d
        }
    }
}
