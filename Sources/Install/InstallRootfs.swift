import BinaryIO
import Firmware
import PackageManagers
import Platform
import Squash

/// The rootfs tree being edited by an offline install: reads existing files from the
/// squashfs image in place, writes new ones as in-memory bytes, and keeps opkg's file
/// ownership (libopkg/pkg_hash.c `file_hash`, built from every installed package's
/// `/usr/lib/opkg/info/<pkg>.list` by pkg.c `pkg_info_preinstall_check`).
///
/// Paths are absolute inside the rootfs ("/usr/lib/opkg/status"). Nothing is followed
/// through symlinks: a path whose parent is a symlink or a file is refused, so a package
/// can never place a file outside the place its name says.
public struct InstallRootfs: Sendable {
    /// The rootfs tree being edited.
    public var tree: Tree
    /// The image the tree was read from (file contents not yet replaced live there).
    public let image: SquashImage?
    /// Time stamp of files the install writes itself (.list, status, created parents).
    public let installTime: UInt32
    /// Installed path -> owning package.
    public var owners: [String: String] = [:]
    /// Packages whose `.list` lost paths to another package (rewritten at the end).
    public var changedLists: Set<String> = []
    /// The ext2/3/4 filesystem the tree was read from (file contents not yet replaced live
    /// there, named by `Ext4Filesystem.contentPrefix` paths).
    public var ext: Ext4Filesystem?

    /// The info folder opkg uses for the root destination (`dest root /`).
    public static let infoDir = "/usr/lib/opkg/info"
    /// The status file of the root destination.
    public static let statusFile = OpkgFamily.installedDatabase

    /// Wraps a tree read from `image`; files the installer writes get `installTime`.
    public init(tree: Tree, image: SquashImage?, installTime: UInt32) {
        self.tree = tree; self.image = image; self.installTime = installTime
    }

    /// The node at an absolute path, without following symlinks.
    public func node(_ path: String) -> Node? { tree.node(at: path) }

    /// The bytes of the regular file at `path`, or nil when there is none.
    public func readFile(_ path: String, limit: Int = 64 << 20) throws -> [UInt8]? {
        guard let n = tree.node(at: path), n.kind == .file else { return nil }
        try Checked.limit(n.size, UInt64(limit), "file size", context: "read rootfs \(path)")
        switch n.content {
        case .empty: return []
        case .bytes(let b): return b
        case .host(let p, _):
            if let fs = ext, let ino = Ext4Filesystem.inode(ofContent: p) { return try fs.read(ino, limit: limit) }
            return try FS.read(p, limit: UInt64(limit))
        case .squashfs(let e):
            guard let image else { throw FormatError(.invalid, context: "read rootfs \(path)", "no image to read from") }
            return try image.data.contents(of: e, maxSize: limit)
        }
    }

    /// Checks that every existing parent of `components` is a real directory.
    public func checkParents(_ components: [String], member: String) throws {
        var cur = ""
        for c in components.dropLast() {
            cur += "/" + c
            guard let n = tree.node(at: cur) else { return }
            guard n.kind == .directory else {
                let what = n.kind == .symlink ? "a symlink (to \(n.linkTarget ?? "?"))" : "a \(n.kind.rawValue)"
                throw FormatError(.unsafePath, context: "install \(member)",
                                  "\(cur) is \(what) in the image; imagetool does not place package files through it")
            }
        }
    }

    /// Inserts `node` at the absolute path of `components`, creating missing parents as
    /// root-owned 0755 directories stamped with the install time.
    public mutating func put(_ node: Node, at components: [String], member: String) throws {
        try checkParents(components, member: member)
        let parent = Node(name: "", kind: .directory, mode: 0o755, uid: 0, gid: 0, mtime: installTime)
        try tree.insert(node, at: components.joined(separator: "/"), parentTemplate: parent)
    }

    /// Writes a regular file the installer produces (status, .list, a config file): keeps
    /// the mode and owner of an existing file, else `mode` and root; time = install time.
    public mutating func writeFile(_ path: String, _ bytes: [UInt8], mode: UInt16 = 0o644) throws {
        let comps = try SafePath.components(String(path.drop(while: { $0 == "/" })), context: "write \(path)")
        var n = Node(name: comps.last ?? "", kind: .file, mode: mode, uid: 0, gid: 0, mtime: installTime, content: .bytes(bytes))
        if let old = tree.node(at: path) {
            guard old.kind == .file else {
                throw FormatError(.refused, context: "write \(path)", "\(path) is a \(old.kind.rawValue) in the image, not a file")
            }
            n.mode = old.mode; n.uid = old.uid; n.gid = old.gid; n.xattrs = old.xattrs
        }
        try put(n, at: comps, member: path)
    }

    /// Removes a non-directory at `path`; returns whether something was removed.
    @discardableResult
    public mutating func removeFile(_ path: String) throws -> Bool {
        guard let n = tree.node(at: path), n.kind != .directory else { return false }
        return try tree.remove(at: String(path.drop(while: { $0 == "/" })))
    }

    /// Lines of a package's `.list` (absolute paths), empty when it has none.
    public func list(of package: String) throws -> [String] {
        guard let b = try readFile("\(InstallRootfs.infoDir)/\(package).list") else { return [] }
        return String(decoding: b, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Builds the ownership map from the `.list` files of `packages`.
    public mutating func loadOwners(_ packages: [String]) throws {
        for p in packages { for path in try list(of: p) { owners[path] = p } }
    }

    /// Writes `package`'s `.list` (one absolute path per line, as pkg.c
    /// `pkg_write_filelist` writes it) from the ownership map, keeping `order`.
    public mutating func writeList(_ package: String, order: [String]) throws {
        let lines = order.filter { owners[$0] == package }
        try writeFile("\(InstallRootfs.infoDir)/\(package).list", Array(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// Removes `/usr/lib/opkg/info/<package>.<ext>` files (opkg_remove.c
    /// `remove_maintainer_scripts`); an extension containing a dot belongs to another
    /// package whose name extends this one, so it is kept.
    public mutating func removeInfoFiles(of package: String) throws -> [String] {
        guard let dir = tree.node(at: InstallRootfs.infoDir), dir.kind == .directory else { return [] }
        var removed: [String] = []
        for c in dir.children where c.kind != .directory && c.name.hasPrefix(package + ".") {
            let ext = c.name.dropFirst(package.count + 1)
            if ext.isEmpty || ext.contains(".") { continue }
            if try removeFile("\(InstallRootfs.infoDir)/\(c.name)") { removed.append(c.name) }
        }
        return removed
    }

    /// Removes every file `package` owns (not directories) and its info files, as
    /// opkg_remove.c `remove_data_files_and_list` + `remove_maintainer_scripts` do.
    public mutating func removePackage(_ package: String) throws -> Int {
        var n = 0
        for path in try list(of: package) where owners[path] == package {
            if try removeFile(path) { n += 1 }
            owners[path] = nil
        }
        _ = try removeInfoFiles(of: package)
        return n
    }
}
