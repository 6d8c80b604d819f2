import BinaryIO
import Digests
import FeedRewrite
import Firmware
import PackageManagers
import Platform
import Squash
#if canImport(Glibc)
import Glibc
#endif

/// Options of `imagetool install`.
public struct InstallOptions: Sendable {
    /// The input firmware image.
    public var image: String
    /// Per package, in the order given.
    public var packages: [String]
    /// The image written.
    public var output: String
    /// usign public key files to place in /etc/opkg/keys under their fingerprint name.
    public var addKeys: [String] = []
    /// Lines to append to /etc/opkg/customfeeds.conf.
    public var feedLines: [String] = []
    /// Refusals the caller overrides (--force, --force-depends).
    public var overrides = InstallResolver.Overrides()
    /// opkg -force-overwrite: take over files other packages own.
    public var forceOverwrite = false
    /// Installed-Time and time of written files; nil = the rootfs's mkfs time.
    public var installTime: UInt32?
    /// Passed to the firmware rebuild (size limit, fwtool re-signing).
    public var rebuild = RebuildOptions()
    /// Counts the packages installed, then the bytes of the rootfs repacked.
    public var progress: ProgressMeter?

    /// Options for installing `packages` into `image`, writing `output`.
    public init(image: String, packages: [String], output: String) {
        self.image = image; self.packages = packages; self.output = output
    }
}

/// Installs .ipk packages into a firmware image's squashfs rootfs offline, as
/// `opkg --offline-root` would (openwrt/opkg-lede libopkg/opkg_install.c
/// `opkg_install_pkg`): dependency and conflict checks (`InstallResolver`), file clash
/// check (`check_data_file_clashes`), data files extracted with their tar modes, owners
/// and times (libbb/unarchive.c `extract_archive`), control members copied to
/// `/usr/lib/opkg/info/<pkg>.<name>` (`install_maintainer_scripts`), the `.list` file
/// (`pkg_write_filelist`), conffile checksums (`resolve_conffiles`, sha256) and the status
/// stanza (pkg.c `pkg_print_status`, `Status: install user installed`). Maintainer scripts
/// are stored but not run (opkg does not run them for an offline root, pkg.c
/// `pkg_run_script`). Then the rootfs and the image are repacked (`InstallRepack`).
///
/// Everything is decided and applied in memory first; the output is written atomically
/// at the end, and the input is never modified.
public enum OfflineInstaller {
    /// Runs the install and writes `options.output`.
    public static func run(_ options: InstallOptions) throws -> InstallReport {
        guard FS.absolute(options.output) != FS.absolute(options.image) else {
            throw FormatError(.usage, context: "install", "-o must not be the input image (the input is never modified)")
        }
        // apk-era packages (.apk v3) or a bare squashfs rootfs go to the apk installer.
        if options.packages.contains(where: { PackageManager.detect(package: $0) == .apk }) || isBareSquashfs(options.image) {
            return try ApkOfflineInstaller.run(options)
        }
        if let f = try? RandomAccessFile(path: options.image), f.size >= 512,
           let head = try? f.read(at: 0, count: Int(min(f.size, 1024))), DiskImageLayout.isDiskImage(head: head) {
            return try InstallDisk.run(options)
        }
        let fw = try FirmwareImage.open(options.image)
        guard let span = fw.rootfsSpan else {
            if let p = fw.problems.first {
                throw FormatError(.refused, context: "install", "the rootfs cannot be read (\(p.located)); install rewrites it and refuses a damaged one", file: options.image)
            }
            throw FormatError(.unsupported, context: "install", "the image has no squashfs rootfs", file: options.image)
        }
        // Read the rootfs in place when the file holds it verbatim (no copy of it in memory),
        // else from a temporary copy.
        var tempCopy: String? = nil
        defer { if let t = tempCopy { unlink(t) } }
        let view: FileView
        if let off = fw.rootfsFileOffset {
            view = try RandomAccessFile(path: options.image).view(base: off, length: span.bytesUsed)
        } else {
            guard let rootBytes = fw.rootfsImage else {
                throw FormatError(.unsupported, context: "install", "the image has no squashfs rootfs", file: options.image)
            }
            let t = FS.temporarySibling(of: options.output, tag: "source-rootfs")
            try FS.writeAtomically(rootBytes, to: t)
            tempCopy = t
            view = try RandomAccessFile(path: t).view()
        }
        let squash = try withFile(options.image) { try SquashImage(view: view) }
        let tree = try IntactRootfs.require(squash, file: options.image)
        var root = InstallRootfs(tree: tree, image: squash, installTime: options.installTime ?? squash.superblock.modificationTime)

        let applied = try applyAll(options, root: &root)
        guard let applied else { return try ApkOfflineInstaller.run(options) }
        let repack = try InstallRepack.rebuildWriting(fw, tree: root.tree, matching: squash, output: options.output,
                                                      rebuildOptions: options.rebuild, progress: options.progress)
        var report = InstallReport(image: options.image, output: options.output, imageKind: fw.kind.rawValue,
                             kernelPackage: applied.status.installed("kernel")?.version, installedTime: root.installTime,
                             packages: applied.results, dependencies: applied.plan.requirements, keys: applied.keys,
                             feedLines: applied.linesAdded, forced: applied.forced, repack: repack, warnings: repack.warnings)
        report.summarize()
        return report
    }

    /// What `applyAll` did to the tree.
    struct Applied {
        var status: OpkgStatus
        var plan: InstallResolver.Plan
        var results: [InstallReport.Package]
        var forced: [String]
        var keys: [String: String]
        var linesAdded: [String]
    }

    /// Resolves the packages against the rootfs's opkg status and applies them, the keys
    /// and the feed lines to `root` (any backend: squashfs or ext tree). Nil when the
    /// rootfs uses apk instead.
    static func applyAll(_ options: InstallOptions, root: inout InstallRootfs) throws -> Applied? {
        guard let statusBytes = try root.readFile(InstallRootfs.statusFile) else {
            let apk = PackageManager.detect(rootfs: { root.node($0) != nil }) == .apk
            if apk { return nil }
            throw FormatError(.unsupported, context: "install", apk
                ? "the image uses apk (/lib/apk/db/installed), not opkg; install .apk packages with apk"
                : "no /usr/lib/opkg/status in the rootfs", file: options.image)
        }
        var status = try OpkgStatus(parsing: statusBytes, file: options.image + ":" + InstallRootfs.statusFile)
        var confTexts: [String] = []
        if let b = try root.readFile("/etc/opkg.conf") { confTexts.append(String(decoding: b, as: UTF8.self)) }
        if let d = root.node("/etc/opkg"), d.kind == .directory {
            for c in d.children where c.kind == .file && c.name.hasSuffix(".conf") {
                if let b = try root.readFile("/etc/opkg/" + c.name) { confTexts.append(String(decoding: b, as: UTF8.self)) }
            }
        }

        var distribArch: String? = nil
        if let rel = try root.readFile("/etc/openwrt_release") {
            for line in String(decoding: rel, as: UTF8.self).split(separator: "\n") where line.hasPrefix("DISTRIB_ARCH=") {
                distribArch = String(line.dropFirst(13).filter { $0 != "'" && $0 != "\"" })
            }
        }
        let packages = try options.packages.map { try InstallPackage.open($0) }
        let plan = try InstallResolver.plan(packages, status: status,
                                            architectures: InstallResolver.architectures(confFiles: confTexts, status: status,
                                                                                          distribArch: distribArch),
                                            overrides: options.overrides)
        try root.loadOwners(status.entries.filter(\.isInstalled).map(\.name))

        var results: [InstallReport.Package] = []
        var forced = plan.forced
        var changed = false
        options.progress?.begin("install \(plan.items.count) package\(plan.items.count == 1 ? "" : "s")", total: plan.items.count)
        for item in plan.items {
            defer { options.progress?.add(1) }
            let p = item.package
            var r = InstallReport.Package(name: p.name, version: p.version, file: p.path, action: item.action.rawValue,
                                          installedVersion: item.installedVersion, files: [], obsoleteFilesRemoved: [],
                                          replaced: item.replacees, takenOver: [], conffiles: p.conffiles)
            if item.action == .install || item.action == .upgrade {
                try apply(item, status: &status, root: &root, forceOverwrite: options.forceOverwrite, report: &r, forced: &forced)
                changed = true
            }
            results.append(r)
        }
        if changed {
            for pkg in root.changedLists.sorted() where status.installed(pkg) != nil {
                try root.writeList(pkg, order: try root.list(of: pkg))
            }
            try root.writeFile(InstallRootfs.statusFile, status.render())
        }

        let keys = try InstallTrust.addKeys(options.addKeys, family: OpkgFamily.self, to: &root)
        let linesAdded = try InstallTrust.addFeedLines(options.feedLines, family: OpkgFamily.self, to: &root)

        return Applied(status: status, plan: plan, results: results, forced: forced, keys: keys, linesAdded: linesAdded)
    }

    /// Applies one package to the tree and the status database.
    static func apply(_ item: InstallResolver.Item, status: inout OpkgStatus, root: inout InstallRootfs,
                      forceOverwrite: Bool, report r: inout InstallReport.Package, forced: inout [String]) throws {
        let p = item.package
        for name in item.replacees {
            _ = try root.removePackage(name)
            status.remove(name)
        }
        let newList = p.listedPaths
        let newSet = Set(newList)
        // check_data_file_clashes: an existing non-directory must belong to this package
        // (or its old version), to a package it replaces, or be forced.
        for (comps, m) in p.dataFiles {
            let path = "/" + comps.joined(separator: "/")
            try root.checkParents(comps, member: "\(p.name): \(m.name)")
            guard let existing = root.node(path) else { continue }
            if existing.kind == .directory {
                if m.kind != .directory {
                    throw FormatError(.refused, context: "install \(p.name)", "\(path) is a directory in the image; the package has a \(m.kind.rawValue) there", file: p.path)
                }
                continue
            }
            if m.kind == .directory {
                throw FormatError(.refused, context: "install \(p.name)", "\(path) is a \(existing.kind.rawValue) in the image; the package has a directory there", file: p.path)
            }
            let owner = root.owners[path]
            if owner == p.name { continue }
            if let o = owner, let e = status.installed(o), e.provides.contains(where: { p.replaces.contains($0) }) {
                r.takenOver.append(path)
                continue
            }
            let msg = "\(p.name) wants to install \(path), which is already provided by \(owner.map { "package \($0)" } ?? "no package (a file of the image itself)")"
            guard forceOverwrite else { throw FormatError(.refused, context: "install \(p.name)", msg + " (or give --force-overwrite)", file: p.path) }
            forced.append("--force-overwrite: " + msg)
            r.takenOver.append(path)
        }
        for path in r.takenOver {
            if let o = root.owners[path], o != p.name { root.changedLists.insert(o) }
        }
        // Upgrade: remove_obsolesced_files, then the old info files.
        if item.action == .upgrade {
            for path in try root.list(of: p.name) where !newSet.contains(path) && root.owners[path] == p.name {
                if try root.removeFile(path) { r.obsoleteFilesRemoved.append(path) }
                root.owners[path] = nil
            }
            _ = try root.removeInfoFiles(of: p.name)
        }
        // install_maintainer_scripts: control members as info/<pkg>.<name>.
        for (name, m) in p.controlFiles {
            let comps = ["usr", "lib", "opkg", "info", "\(p.name).\(name)"]
            let n = Node(name: comps[4], kind: .file, mode: UInt16(m.mode & 0o7777), uid: m.uid, gid: m.gid,
                         mtime: clampTime(m.mtime), content: .bytes(m.data))
            try root.put(n, at: comps, member: "\(p.name): control \(name)")
        }
        // install_data_files: extract with tar metadata.
        for (comps, m) in p.dataFiles {
            let member = "\(p.name): \(m.name)"
            let mode = UInt16(m.mode & 0o7777), time = clampTime(m.mtime)
            switch m.kind {
            case .directory:
                let path = "/" + comps.joined(separator: "/")
                if var d = root.node(path) {
                    d.mode = mode; d.uid = m.uid; d.gid = m.gid; d.mtime = time
                    try root.put(d, at: comps, member: member)
                } else {
                    try root.put(Node(name: comps.last ?? "", kind: .directory, mode: mode, uid: m.uid, gid: m.gid, mtime: time),
                                 at: comps, member: member)
                }
            case .file:
                try root.put(Node(name: comps.last ?? "", kind: .file, mode: mode, uid: m.uid, gid: m.gid, mtime: time,
                                  content: m.data.isEmpty ? .empty : .bytes(m.data)), at: comps, member: member)
            case .symlink:
                try root.put(Node(name: comps.last ?? "", kind: .symlink, mode: mode == 0 ? 0o777 : mode, uid: m.uid, gid: m.gid,
                                  mtime: time, linkTarget: m.linkTarget), at: comps, member: member)
            case .other:
                throw FormatError(.unsupported, context: "install \(member)", "special files are not installed")
            }
        }
        for path in newList { root.owners[path] = p.name }
        r.files = newList
        try root.writeList(p.name, order: newList)
        // resolve_conffiles: sha256 of each installed conffile.
        var conf: [(path: String, sha256: String?)] = []
        for c in p.conffiles {
            conf.append((c, try root.readFile(c).map { Hex.encode(Digest.sha256($0)) }))
        }
        try status.put(try OpkgStatusStanza.render(control: p.control, conffiles: conf, installedTime: root.installTime))
    }

    /// Whether `path` starts with the squashfs magic (a bare rootfs image).
    static func isBareSquashfs(_ path: String) -> Bool {
        guard let f = try? RandomAccessFile(path: path) else { return false }
        return Superblock.looksLikeSquashfs(file: f)
    }

    static func clampTime(_ t: Int64) -> UInt32 { UInt32(clamping: max(0, t)) }
}
