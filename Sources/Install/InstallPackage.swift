import BinaryIO
import FeedRewrite
import Platform

/// One .ipk to install, read and checked before anything is planned: its control stanza,
/// relationships, the members of control.tar.gz (which opkg copies to
/// `/usr/lib/opkg/info/<pkg>.<name>`, libopkg/opkg_install.c `install_maintainer_scripts`)
/// and of data.tar.gz (extracted to `/`, libopkg/pkg_extract.c
/// `pkg_extract_data_files_to_dir`).
///
/// Every member name is validated here (SafePath: no absolute names, no `..`, no NUL;
/// control members must be plain names), so a hostile package is refused before the
/// image is touched.
public struct InstallPackage: Sendable {
    /// The file it came from.
    public var path: String
    /// The parsed `./control` stanza.
    public var control: ControlStanza
    /// The exact bytes of `./control` (stored as info/<pkg>.control).
    public var controlBytes: [UInt8]
    /// Package name (`Package:`).
    public var name: String
    /// Version as written (`Version:`).
    public var version: String
    /// Package architecture (`Architecture:`).
    public var architecture: String?
    /// `Depends` and `Pre-Depends` groups (opkg `parse_deplist` stores both in PKG_DEPENDS).
    public var depends: [[Relationship.Term]]
    /// `Conflicts` groups (pkg_depends.c parse_deplist CONFLICTS).
    public var conflicts: [[Relationship.Term]]
    /// Names it provides, itself first.
    public var provides: [String]
    /// Names listed in `Replaces:`.
    public var replaces: [String]
    /// Control members other than directories: bare name -> member.
    public var controlFiles: [(name: String, member: TarMember)]
    /// data.tar.gz members in stored order with their validated path components.
    public var dataFiles: [(components: [String], member: TarMember)]
    /// Absolute conffile paths from `./conffiles` (opkg `unpack_pkg_control_files`).
    public var conffiles: [String]

    /// Reads and validates `path`.
    public static func open(_ path: String) throws -> InstallPackage {
        let ipk = try IPK.open(path)
        return try withFile(path) { try InstallPackage(ipk: ipk, path: path) }
    }

    /// Validates an already-read ipk.
    public init(ipk: IPK, path: String) throws {
        self.path = path
        control = ipk.control
        controlBytes = ipk.controlBytes
        name = control["Package"] ?? ""
        guard InstallPackage.isSafeName(name) else {
            throw FormatError(.unsafePath, context: "read control", "package name \(name.debugDescription) cannot name files in /usr/lib/opkg/info")
        }
        version = control["Version"] ?? ""
        guard !version.isEmpty else { throw FormatError(.invalid, context: "read control", "\(name) has no Version:") }
        architecture = control["Architecture"]
        var deps: [[Relationship.Term]] = []
        for field in ["Pre-Depends", "Depends"] {
            if let v = control[field], !v.isEmpty {
                deps += try Relationship(parsing: v, context: "parse \(field) of \(name)").groups
            }
        }
        depends = deps
        let pkgName = name
        conflicts = try control["Conflicts"].map { try Relationship(parsing: $0, context: "parse Conflicts of \(pkgName)").groups } ?? []
        provides = [name] + (try OpkgStatus.names(control["Provides"], field: "Provides", of: name))
        replaces = try OpkgStatus.names(control["Replaces"], field: "Replaces", of: name)

        var ctl: [(String, TarMember)] = []
        for m in ipk.controlMembers {
            let comps = try SafePath.components(m.name, context: "read control.tar.gz")
            if comps.isEmpty || m.kind == .directory { continue }
            guard comps.count == 1, m.kind == .file else {
                throw FormatError(.unsafePath, context: "read control.tar.gz",
                                  "member \(m.name.debugDescription) is not a plain file name (opkg would write it outside /usr/lib/opkg/info)")
            }
            ctl.append((comps[0], m))
        }
        controlFiles = ctl

        var data: [([String], TarMember)] = []
        for m in try ipk.dataFiles(readData: true) {
            let comps = try SafePath.components(m.name, context: "read data.tar.gz")
            if comps.isEmpty { continue }  // "./": opkg skips the root entry
            for c in comps where c.utf8.contains(0x0a) {
                throw FormatError(.unsafePath, context: "read data.tar.gz", "newline in member name \(c.debugDescription) (it would break the .list file)")
            }
            switch m.kind {
            case .file, .directory, .symlink: break
            case .other:
                throw FormatError(.unsupported, context: "read data.tar.gz",
                                  "member \(m.name.debugDescription) is a device, fifo or hard link; imagetool installs files, directories and symlinks only")
            }
            if m.kind == .symlink, m.linkTarget.isEmpty || m.linkTarget.utf8.contains(0) {
                throw FormatError(.invalid, context: "read data.tar.gz", "symlink \(m.name.debugDescription) has an empty or NUL-containing target")
            }
            var member = m
            if !m.hardLinkTarget.isEmpty {
                // libbb/unarchive.c: a hard link is link(prefix + link_name, name); the
                // target must be an earlier regular file of this package. Its bytes are
                // installed at both names (the squashfs writer stores them once).
                let target = try SafePath.components(m.hardLinkTarget, context: "read data.tar.gz hard link")
                guard let t = data.last(where: { $0.0 == target && $0.1.kind == .file }) else {
                    throw FormatError(.invalid, context: "read data.tar.gz",
                                      "hard link \(m.name.debugDescription) points to \(m.hardLinkTarget.debugDescription), which is not an earlier file of the package")
                }
                member.kind = .file
                member.data = t.1.data
                member.size = Int64(t.1.data.count)
            }
            data.append((comps, member))
        }
        dataFiles = data

        var cf: [String] = []
        if let c = ctl.first(where: { $0.0 == "conffiles" }) {
            for line in String(decoding: c.1.data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
                var l = Substring(line)
                while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
                if l.isEmpty { continue }
                let rel = try SafePath.components(String(l.drop(while: { $0 == "/" })), context: "read conffiles of \(name)")
                if !rel.isEmpty { cf.append("/" + rel.joined(separator: "/")) }
            }
        }
        conffiles = cf
    }

    /// Absolute paths of non-directory members, in archive order: the `.list` file opkg
    /// writes (libopkg/pkg_hash.c `file_hash_set_file_owner` skips names ending in `/`).
    public var listedPaths: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (c, m) in dataFiles where m.kind != .directory {
            let p = "/" + c.joined(separator: "/")
            if seen.insert(p).inserted { out.append(p) }
        }
        return out
    }

    /// Bytes of the data archive uncompressed (sum of member sizes), for the report.
    public var dataSize: Int { dataFiles.reduce(0) { $0 + $1.member.data.count } }

    /// A package name usable in `info/<name>.<ext>`: non-empty, no `/`, NUL, blanks or
    /// newlines, not `.` or `..`.
    static func isSafeName(_ n: String) -> Bool {
        guard !n.isEmpty, n != ".", n != ".." else { return false }
        return !n.utf8.contains { $0 == 0x2f || $0 == 0 || $0 == 0x0a || $0 == 0x20 || $0 == 0x09 }
    }
}
