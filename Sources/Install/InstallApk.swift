import Apk
import BinaryIO
import Firmware
import PackageManagers
import Platform
import Squash

/// Installs apk v3 (.apk ADB) packages into an apk-era (OpenWrt 25.x) image offline, as
/// `apk add --root` does for package files [alpinelinux/apk-tools: src/app_add.c (a file
/// argument becomes a world entry `name><Q1…`, apk_dep_from_pkg), src/database.c
/// apk_db_install_file (names sanity-checked, files extracted with their ACL),
/// apk_db_install_v3meta (replaces, replaces_priority, `sha256_160`), apk_db_fdb_write]:
/// dependencies are checked against `/lib/apk/db/installed` (names, `provides` such as
/// `so:`/`cmd:`, versions) and the other packages given; a kmod whose `kernel=` dependency
/// the image's kernel package does not meet is refused (exit 3) unless forced. Files go into
/// the rootfs tree with their modes, owners and times; the package's stanza is appended
/// to the database (`ApkInstalledStanza`); scripts are stored in scripts.tar (`ApkScriptsDB`),
/// not run (offline).
public enum ApkOfflineInstaller {
    /// The installed database inside the rootfs.
    public static let dbFile = ApkFamily.installedDatabase
    /// The world file.
    public static let worldFile = "/etc/apk/world"

    /// Runs the install and writes `options.output`.
    public static func run(_ options: InstallOptions) throws -> InstallReport {
        guard FS.absolute(options.output) != FS.absolute(options.image) else {
            throw FormatError(.usage, context: "install", "-o must not be the input image (the input is never modified)")
        }
        let img = try InstallApkImage.open(options.image, output: options.output)
        defer { img.close() }
        let tree = try IntactRootfs.require(img.squash, file: options.image)
        var root = InstallRootfs(tree: tree, image: img.squash, installTime: options.installTime ?? img.squash.superblock.modificationTime)
        guard let dbBytes = try root.readFile(dbFile, limit: 256 << 20) else {
            let opkg = PackageManager.detect(rootfs: { root.node($0) != nil }) == .opkg
            throw FormatError(.unsupported, context: "install", !opkg ? "no \(dbFile) in the rootfs"
                : img.firmware == nil ? "the rootfs uses opkg (/usr/lib/opkg/status); .ipk packages are installed into firmware images, not bare squashfs rootfs images"
                : "the image uses opkg (/usr/lib/opkg/status), not apk; install .ipk packages into it", file: options.image)
        }
        var dbText = String(decoding: dbBytes, as: UTF8.self)
        var db = try ApkInstalledDB(parsing: dbText, file: options.image + ":" + dbFile)
        let kernel = db.kernelVersion

        let packages = try options.packages.map { path in
            guard ApkFamily.hasV3Magic(path) else {
                throw FormatError(.unsupported, offset: 0, context: "install",
                                  "not an apk v3 package (no ADB magic); the image uses apk (\(dbFile)), which takes .apk v3 packages", file: path)
            }
            return (path, try ApkPackage(path: path), try FS.size(path))
        }
        var plan = ApkInstallPlan(db: db, overrides: options.overrides, image: options.image)
        try plan.check(packages.map { ($0.0, $0.1) })

        let ids = try ApkInstallIds(root: root)
        var results: [InstallReport.Package] = []
        var worldAdds: [String] = []
        var warnings = ids.warnings
        for (path, pkg, size) in packages {
            let i = pkg.info
            // apk identifies a package by its checksum: the same name and version with
            // another C: (e.g. a forced unrebased kmod, then its rebased build) is reinstalled.
            let sum = ApkInstalledStanza.q1(pkg.identity)
            if let old = db.package(named: i.name), old.version == i.version,
               ApkInstalledStanza.checksum(of: i.name, in: dbText) == sum {
                results.append(InstallReport.Package(name: i.name, version: i.version, file: path, action: "skip-same-version",
                                                     installedVersion: old.version, files: [], obsoleteFilesRemoved: [],
                                                     replaced: [], takenOver: [], conffiles: []))
                continue
            }
            let old = db.package(named: i.name)
            var applied = try ApkPackageApply.apply(pkg, path: path, to: &root, db: db, ids: ids, forceOverwrite: options.forceOverwrite)
            if let old {
                let keep = Set(applied.files)
                for f in old.files where !keep.contains("/" + f) {
                    if try root.removeFile("/" + f) { applied.obsolete.append("/" + f) }
                }
            }
            if let w = try ApkScriptsDB.store(pkg, replacing: old?.version, in: &root) { warnings.append(w) }
            let stanza = ApkInstalledStanza.render(package: pkg, fileSize: size, replacesPriority: applied.replacesPriority,
                                                   directories: applied.directories)
            if old != nil || !applied.takenFrom.isEmpty {
                // Upgrade: the old stanza goes; files taken over leave their old owner's
                // stanza; every other stanza is kept as written.
                let taken = Dictionary(grouping: applied.takenFrom, by: \.owner)
                dbText = ApkInstalledStanza.stanzas(dbText).compactMap { st -> String? in
                    let n = ApkInstalledStanza.name(ofStanza: st)
                    if n == i.name { return nil }
                    guard let n else { return st }
                    return (taken[n] ?? []).reduce(st) { ApkInstalledStanza.removing(file: String($1.path.dropFirst()), from: $0) }
                }.map { $0 + "\n" }.joined()
            } else if !dbText.isEmpty {
                if !dbText.hasSuffix("\n") { dbText += "\n" }
                if !dbText.hasSuffix("\n\n") { dbText += "\n" }
            }
            dbText += stanza
            db = try ApkInstalledDB(parsing: dbText, file: "new " + dbFile)
            worldAdds.append(i.name + "><" + sum)
            results.append(InstallReport.Package(name: i.name, version: i.version, file: path,
                                                 action: old == nil ? "install" : old?.version == i.version ? "reinstall" : "upgrade",
                                                 installedVersion: old?.version,
                                                 files: applied.files, obsoleteFilesRemoved: applied.obsolete, replaced: [],
                                                 takenOver: applied.takenOver, conffiles: []))
        }
        if !worldAdds.isEmpty {
            try root.writeFile(dbFile, Array(dbText.utf8))
            try updateWorld(&root, adding: worldAdds)
        }
        let keys = try InstallTrust.addKeys(options.addKeys, family: ApkFamily.self, to: &root)
        let lines = try InstallTrust.addFeedLines(options.feedLines, family: ApkFamily.self, to: &root)
        let repack = try img.write(root.tree, to: options.output, rebuild: options.rebuild, progress: options.progress)
        var report = InstallReport(image: options.image, output: options.output, imageKind: img.kind, kernelPackage: kernel,
                                   installedTime: root.installTime, packages: results, dependencies: plan.requirements,
                                   keys: keys, feedLines: lines, forced: plan.forced, repack: repack, warnings: repack.warnings + warnings)
        report.summarize()
        return report
    }

    /// Puts `name><Q1…` world entries in /etc/apk/world, replacing an entry for the same name.
    static func updateWorld(_ root: inout InstallRootfs, adding: [String]) throws {
        let text = String(decoding: try root.readFile(worldFile) ?? [], as: UTF8.self)
        var entries = text.split(whereSeparator: { $0 == "\n" || $0 == " " }).map(String.init)
        for a in adding {
            let name = ApkDependency(parsing: a)?.name ?? a
            entries.removeAll { (ApkDependency(parsing: $0)?.name ?? $0) == name }
            entries.append(a)
        }
        try root.writeFile(worldFile, Array(entries.map { $0 + "\n" }.joined().utf8))
    }
}
