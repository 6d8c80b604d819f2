import BinaryIO
import CArchive
import Platform
#if canImport(Glibc)
import Glibc
#endif

extension TreeSource {
    /// Largest tar member read into memory (a tar stream has no random access, so file
    /// bytes are held until the image is written).
    public static let maxTarMember: Int64 = 1 << 31

    /// Reads a tar archive (plain or compressed, any format libarchive reads) into a tree:
    /// types, modes, owners, times, symlinks, devices, xattrs (pax SCHILY.xattr / LIBARCHIVE.xattr)
    /// and hard links, as mksquashfs 4.6 `-tar` does. Directories the archive only implies
    /// get mode 0755, root owner and `impliedTime`.
    public static func tar(_ path: String, impliedTime: UInt32 = 0) throws -> Tree {
        guard let a = archive_read_new() else { throw FormatError(.io, context: "read tar", "libarchive: out of memory", file: path) }
        defer { archive_read_free(a) }
        func fail(_ what: String) -> FormatError {
            let msg = archive_error_string(a).map { String(cString: $0) } ?? "libarchive error"
            return FormatError(.invalid, context: "read tar: \(what)", msg, file: path)
        }
        archive_read_support_filter_all(a)
        archive_read_support_format_all(a)
        guard archive_read_open_filename(a, path, 1 << 16) == ARCHIVE_OK else { throw fail("open") }
        let template = Node(name: "", kind: .directory, mode: 0o755, mtime: impliedTime)
        var tree = Tree(root: template)
        var linkIDs: [String: Int] = [:]
        var entry: OpaquePointer?
        while true {
            let rc = archive_read_next_header(a, &entry)
            if rc == ARCHIVE_EOF { break }
            guard rc >= ARCHIVE_WARN, let e = entry else { throw fail("header") }
            guard let cname = archive_entry_pathname_utf8(e) ?? archive_entry_pathname(e) else { throw fail("entry without a name") }
            let name = String(cString: cname)
            let comps = try SafePath.components(name, context: "read tar member \(name)")
            let memberPath = comps.joined(separator: "/")
            if let hl = archive_entry_hardlink_utf8(e) ?? archive_entry_hardlink(e) {
                let target = try SafePath.components(String(cString: hl), context: "read tar hard link \(name)").joined(separator: "/")
                guard var t = tree.node(at: target), t.kind != .directory else {
                    throw FormatError(.invalid, context: "read tar member \(name)", "hard link to missing \(target)", file: path)
                }
                let id = linkIDs[target] ?? (linkIDs.count + 1)
                linkIDs[target] = id
                t.hardLinkID = id
                try tree.insert(t, at: target, parentTemplate: template)
                try tree.insert(t, at: memberPath, parentTemplate: template)
                continue
            }
            let type = UInt32(archive_entry_filetype(e))
            let kind: Node.Kind
            switch type {
            case SHIM_AE_IFDIR: kind = .directory
            case SHIM_AE_IFREG: kind = .file
            case SHIM_AE_IFLNK: kind = .symlink
            case SHIM_AE_IFBLK: kind = .blockDevice
            case SHIM_AE_IFCHR: kind = .charDevice
            case SHIM_AE_IFIFO: kind = .fifo
            case SHIM_AE_IFSOCK: kind = .socket
            default: throw FormatError(.unsupported, context: "read tar member \(name)", "unknown file type 0o\(String(type, radix: 8))", file: path)
            }
            var n = Node(name: comps.last ?? "", kind: kind, mode: UInt16(archive_entry_perm(e) & 0o7777),
                         uid: UInt32(clamping: archive_entry_uid(e)), gid: UInt32(clamping: archive_entry_gid(e)),
                         mtime: UInt32(clamping: Int64(archive_entry_mtime(e))))
            archive_entry_xattr_reset(e)
            var xname: UnsafePointer<CChar>?
            var xvalue: UnsafeRawPointer?
            var xsize = 0
            while archive_entry_xattr_next(e, &xname, &xvalue, &xsize) == ARCHIVE_OK {
                guard let xn = xname else { continue }
                let bytes = xvalue.map { Array(UnsafeRawBufferPointer(start: $0, count: xsize)) } ?? []
                n.xattrs.append(Xattr(name: String(cString: xn), value: bytes))
            }
            switch kind {
            case .symlink:
                let candidates = [archive_entry_symlink_utf8(e), archive_entry_symlink(e)].compactMap { $0 }.map { String(cString: $0) }
                n.linkTarget = candidates.first { !$0.isEmpty } ?? ""
            case .blockDevice, .charDevice:
                n.device = Device(major: UInt32(archive_entry_rdevmajor(e)), minor: UInt32(archive_entry_rdevminor(e)))
            case .file:
                let size = archive_entry_size(e)
                guard size >= 0, size <= maxTarMember else {
                    throw FormatError(.tooLarge, context: "read tar member \(name)", "member of \(size) bytes", file: path)
                }
                var data = [UInt8](repeating: 0, count: Int(size))
                var got = 0
                while got < data.count {
                    let r = data.withUnsafeMutableBytes { archive_read_data(a, $0.baseAddress! + got, $0.count - got) }
                    guard r > 0 else { throw fail("data of \(name)") }
                    got += r
                }
                n.content = data.isEmpty ? .empty : .bytes(data)
            default: break
            }
            if comps.isEmpty {
                guard kind == .directory else { throw FormatError(.invalid, context: "read tar", "root entry is not a directory", file: path) }
                n.children = tree.root.children
                tree.root = n
            } else if kind == .directory, let existing = tree.node(at: memberPath), existing.kind == .directory {
                n.children = existing.children
                try tree.insert(n, at: memberPath, parentTemplate: template)
            } else {
                try tree.insert(n, at: memberPath, parentTemplate: template)
            }
        }
        return tree
    }

    /// Puts host file or directory `source` at `path` of `tree` (for `squash add`): a
    /// directory over a directory merges, anything else replaces; missing parents are
    /// created with mode 0755, root owner and `parentTime`.
    public static func add(_ source: String, at path: String, to tree: inout Tree, parentTime: UInt32) throws {
        let comps = try SafePath.components(path.hasPrefix("/") ? String(path.drop(while: { $0 == "/" })) : path,
                                            context: "add \(path)")
        guard !comps.isEmpty else {
            tree = merge(tree, try directory(source))
            return
        }
        var st = stat()
        guard lstat(source, &st) == 0 else { throw FormatError.errno("stat", file: source) }
        var links: [String: Int] = [:]
        var overlay: Node
        if (st.st_mode & S_IFMT) == S_IFDIR {
            overlay = try directory(source).root
        } else {
            overlay = try node(path: source, name: "", st: st, xattrs: true, links: &links)
            overlay.hardLinkID = nil
        }
        overlay.name = comps[comps.count - 1]
        // Build an overlay tree whose parents copy the base's (so merging keeps them).
        var node = overlay
        for depth in stride(from: comps.count - 1, to: 0, by: -1) {
            let parentPath = comps[0 ..< depth].joined(separator: "/")
            var parent = tree.node(at: parentPath) ?? Node(name: "", kind: .directory, mode: 0o755, mtime: parentTime)
            guard parent.kind == .directory else {
                throw FormatError(.invalid, context: "add \(path)", "\(parentPath) is not a directory")
            }
            parent.name = comps[depth - 1]
            parent.children = [node]
            node = parent
        }
        var root = tree.root
        root.children = [node]
        tree = merge(tree, Tree(root: root))
    }
}
