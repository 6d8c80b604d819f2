import Apk
import BinaryIO
import FeedRewrite

/// The apk scripts database, `/lib/apk/db/scripts.tar`: one regular tar member per script of
/// every installed package, named `<name>-<version>.<X1 + hex of the 20-byte package
/// checksum>.<action>`, mode 0755, time = the package's build time; apk runs the stored
/// `pre-deinstall`/`post-deinstall`/upgrade scripts from here later [alpinelinux/apk-tools:
/// src/database.c apk_db_scriptdb_write, apk_read_script_archive_entry (reads scripts.tar,
/// else scripts.tar.gz), apk_db_write_layer; src/package.c apk_script_types].
/// Offline, scripts are stored but not run.
enum ApkScriptsDB {
    static let tarFile = "/lib/apk/db/scripts.tar"
    static let gzFile = "/lib/apk/db/scripts.tar.gz"
    /// apk's script order (APK_SCRIPT_PRE_INSTALL … APK_SCRIPT_TRIGGER).
    static let order = ["pre-install", "post-install", "pre-deinstall", "post-deinstall", "pre-upgrade", "post-upgrade", "trigger"]

    /// Replaces `package`'s members (of any version) with its scripts. Returns a warning when
    /// they cannot be stored.
    static func store(_ pkg: ApkPackage, replacing oldVersion: String?, in root: inout InstallRootfs) throws -> String? {
        let i = pkg.info
        let prefix = "\(i.name)-\(i.version)."
        let oldPrefix = oldVersion.map { "\(i.name)-\($0)." }
        let hex = "X1" + Hex.encode(Array(pkg.identity.prefix(20)))
        var added: [TarMember] = []
        for action in order {
            guard let text = pkg.scripts[action] else { continue }
            let name = prefix + hex + "." + action
            guard name.utf8.count < 100 else {
                return "\(i.name): script member name \(name.utf8.count) bytes long; \(action) and the other scripts are not stored in \(tarFile)"
            }
            added.append(TarMember(name: name, mode: 0o755, uname: "root", gname: "root",
                                   mtime: Int64(clamping: i.buildTime ?? 0), data: Array(text.utf8)))
        }
        let fromGz = root.node(tarFile) == nil && root.node(gzFile) != nil
        let existingBytes = try root.readFile(fromGz ? gzFile : tarFile)
        if added.isEmpty && oldPrefix == nil { return nil }
        var members: [TarMember] = []
        if let b = existingBytes, !b.isEmpty {
            members = try ArchiveReader.read(b, context: "read \(fromGz ? gzFile : tarFile)")
        }
        let before = members.count
        members.removeAll { m in m.name.hasPrefix(prefix) || oldPrefix.map { m.name.hasPrefix($0) } == true }
        if added.isEmpty && members.count == before { return nil }
        members += added
        try root.writeFile(tarFile, try GNUTar.write(members))
        // apk reads scripts.tar alone once it exists; the gzip copy's members now live there.
        if fromGz { try root.removeFile(gzFile) }
        return nil
    }
}
