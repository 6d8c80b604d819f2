import Apk
import BinaryIO
import Digests
import Platform
import Squash

/// User and group names of the rootfs (`/etc/passwd`, `/etc/group`), which apk resolves a
/// package ACL's names with [apk-tools: src/database.c apk_id_cache; an unknown name falls
/// back to nobody, 65534].
struct ApkInstallIds {
    var users: [String: UInt32] = ["root": 0]
    var groups: [String: UInt32] = ["root": 0]
    /// Names not found (reported once each).
    var warnings: [String] = []

    init(root: InstallRootfs) throws {
        func load(_ path: String) throws -> [String: UInt32] {
            var out: [String: UInt32] = [:]
            guard let b = try root.readFile(path, limit: 4 << 20) else { return out }
            for line in String(decoding: b, as: UTF8.self).split(separator: "\n") {
                let f = line.split(separator: ":", omittingEmptySubsequences: false)
                if f.count >= 3, let id = UInt32(f[2]) { out[String(f[0])] = id }
            }
            return out
        }
        users.merge(try load("/etc/passwd")) { $1 }
        groups.merge(try load("/etc/group")) { $1 }
    }

    func uid(_ name: String?) -> UInt32 { name.map { users[$0] ?? 65534 } ?? 0 }
    func gid(_ name: String?) -> UInt32 { name.map { groups[$0] ?? 65534 } ?? 0 }
}

/// Puts one v3 package's directories and files into the rootfs tree, as apk-tools'
/// `apk_db_install_file` extracts them [src/database.c; src/extract_v3.c
/// apk_extract_v3_file: ACL mode/user/group, mtime, `target` = le16 type + link path]:
/// names with `..`, absolute names, NUL or control characters are refused; a file owned by
/// another installed package is refused unless that package is replaced or
/// --force-overwrite is given; an existing directory keeps its metadata.
enum ApkPackageApply {
    struct Result {
        /// Absolute paths of the files (not directories) placed, in package order.
        var files: [String] = []
        /// Files of the previous version removed on upgrade.
        var obsolete: [String] = []
        /// Existing files replaced.
        var takenOver: [String] = []
        /// Files taken from other installed packages (owner, absolute path).
        var takenFrom: [(owner: String, path: String)] = []
        /// The package's directories with their files, for the database stanza.
        var directories: [ApkInstalledStanza.Directory] = []
        /// `replaces_priority` of the package.
        var replacesPriority: UInt64?
    }

    static func apply(_ pkg: ApkPackage, path: String, to root: inout InstallRootfs, db: ApkInstalledDB,
                      ids: ApkInstallIds, forceOverwrite: Bool) throws -> Result {
        let name = pkg.info.name
        let ctx = "install \(name)"
        var r = Result()
        r.replacesPriority = try pkg.heap.int(try pkg.heap.slots(try pkg.heap.root())[field: ApkSchema.Package.replacesPriority])
        let contents = try withFile(path) { try pkg.fileContents() }
        var owners: [String: String] = [:]
        var origins: [String: String?] = [:]
        for p in db.packages {
            origins[p.name] = p.origin
            for f in p.files { owners["/" + f] = p.name }
        }
        let replaced = Set(pkg.info.replaces.map(\.name))
        var dirIndex: [Int: Int] = [:]

        for e in pkg.files {
            let comps = try components(e.path, ctx: ctx, file: path)
            let abs = "/" + comps.joined(separator: "/")
            let mode = UInt16(truncatingIfNeeded: (e.mode ?? (e.isDirectory ? 0o755 : 0o644)) & 0o7777)
            let uid = ids.uid(e.user), gid = ids.gid(e.group)
            if e.isDirectory {
                dirIndex[e.pathIndex] = r.directories.count
                r.directories.append(ApkInstalledStanza.Directory(path: comps.joined(separator: "/"), uid: uid, gid: gid, mode: mode))
                guard !comps.isEmpty else { continue }
                if let n = root.node(abs) {
                    guard n.kind == .directory else {
                        throw FormatError(.refused, context: ctx, "\(abs) is a \(n.kind.rawValue) in the image; the package has a directory there", file: path)
                    }
                    continue
                }
                try root.put(Node(name: comps[comps.count - 1], kind: .directory, mode: mode, uid: uid, gid: gid, mtime: root.installTime),
                             at: comps, member: "\(name): \(e.path)")
                continue
            }
            guard let di = dirIndex[e.pathIndex], !comps.isEmpty else {
                throw FormatError(.invalid, context: ctx, "file \(e.path.debugDescription) has no directory entry", file: path)
            }
            try root.checkParents(comps, member: "\(name): \(e.path)")
            if let n = root.node(abs), n.kind == .directory {
                throw FormatError(.refused, context: ctx, "\(abs) is a directory in the image; the package has a \(e.kind) there", file: path)
            }
            // apk_pkg_replaces_file: a file another package owns (in the database, whether or
            // not it is on disk) is taken over only when this package replaces it or both
            // come from the same origin; else it is a conflict (--force-overwrite).
            if let o = owners[abs], o != name {
                let sameOrigin = (origins[o] ?? nil).map { !$0.isEmpty && $0 == pkg.info.origin } ?? false
                if !replaced.contains(o) && !sameOrigin {
                    let msg = "\(name) wants to install \(abs), which package \(o) owns"
                    guard forceOverwrite else { throw FormatError(.refused, context: ctx, msg + " (or give --force-overwrite)", file: path) }
                }
                r.takenOver.append(abs)
                r.takenFrom.append((o, abs))
            } else if owners[abs] == nil, root.node(abs) != nil {
                r.takenOver.append(abs)  // a file of the image itself, not in the database: apk overwrites it
            }
            let time = UInt32(clamping: e.mtime ?? UInt64(root.installTime))
            let leaf = comps[comps.count - 1]
            var node: Node
            var digest: [UInt8]
            switch e.kind {
            case "file":
                let data = contents[e.path] ?? []
                guard UInt64(data.count) == e.size ?? 0 else {
                    throw FormatError(.invalid, context: ctx, "\(e.path): \(e.size ?? 0) bytes in the metadata, no data block", file: path)
                }
                node = Node(name: leaf, kind: .file, mode: mode, uid: uid, gid: gid, mtime: time, content: data.isEmpty ? .empty : .bytes(data))
                digest = e.hash.flatMap { Hex.decode($0) }.flatMap { $0.count >= 20 ? $0 : nil } ?? Digest.sha256(data)
            case "symlink":
                let target = e.linkTarget ?? ""
                guard !target.isEmpty, !target.utf8.contains(0) else {
                    throw FormatError(.invalid, context: ctx, "\(e.path): empty or NUL symlink target", file: path)
                }
                node = Node(name: leaf, kind: .symlink, mode: 0o777, uid: uid, gid: gid, mtime: time, linkTarget: target)
                digest = Digest.sha256(Array(target.utf8))
            default:
                // Hard links are not valid in v3 packages (extract_v3.c rejects a regular-file
                // target); device nodes and fifos are not created by imagetool.
                throw FormatError(.unsupported, context: ctx, "\(e.path): \(e.kind) entries are not installed", file: path)
            }
            try root.put(node, at: comps, member: "\(name): \(e.path)")
            r.directories[di].files.append((leaf, uid, gid, mode, Array(digest.prefix(20))))
            r.files.append(abs)
        }
        // apk_extract_v3_next_file emits no entry for the root path itself: it appears in the
        // database only when it holds files.
        r.directories.removeAll { $0.path.isEmpty && $0.files.isEmpty }
        for i in r.directories.indices {
            r.directories[i].files.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }
        return r
    }

    /// SafePath components of a package name, also refusing control characters (apk's
    /// "ignoring malicious file" check, database.c contains_control_character).
    static func components(_ name: String, ctx: String, file: String) throws -> [String] {
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw FormatError(.unsafePath, context: ctx, "control character in path \(name.debugDescription)", file: file)
        }
        return try withFile(file) { try SafePath.components(name, context: ctx) }
    }
}
