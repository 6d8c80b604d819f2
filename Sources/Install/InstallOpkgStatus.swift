import BinaryIO
import FeedRewrite

/// opkg's installed-package database `/usr/lib/opkg/status` (openwrt/opkg-lede
/// libopkg/pkg_parse.c reads it; libopkg/pkg.c `pkg_print_status` writes it): one
/// Debian-style stanza per package, separated by blank lines.
///
/// Existing stanzas are kept byte-exact (`ControlStanza` keeps raw field bytes); a new or
/// upgraded package's stanza is rendered the way `pkg_print_status` prints it.
public struct OpkgStatus: Sendable {
    /// One package recorded in the database.
    public struct Entry: Sendable {
        /// The stanza exactly as stored.
        public var stanza: ControlStanza
        /// Package name (`Package:`).
        public var name: String
        /// Version as written (`Version:`).
        public var version: String
        /// `Status:` words: want, flags, state (`install user installed`).
        public var status: [String]
        /// Package architecture (`Architecture:`).
        public var architecture: String?
        /// Names this package provides, itself first (opkg `init_providelist`).
        public var provides: [String]
        /// Names listed in `Replaces:`.
        public var replaces: [String]

        /// Installed or unpacked, as `pkg_installed_and_constraint_satisfied` requires.
        public var isInstalled: Bool {
            guard let state = status.last else { return true }
            return state == "installed" || state == "unpacked"
        }

        /// Reads the fields the installer needs from `stanza`.
        public init(stanza: ControlStanza) throws {
            self.stanza = stanza
            name = stanza["Package"] ?? ""
            version = stanza["Version"] ?? ""
            status = (stanza["Status"] ?? "").split(separator: " ").map(String.init)
            architecture = stanza["Architecture"]
            provides = [name] + (try OpkgStatus.names(stanza["Provides"], field: "Provides", of: name))
            replaces = try OpkgStatus.names(stanza["Replaces"], field: "Replaces", of: name)
        }
    }

    /// Entries in file order.
    public var entries: [Entry]

    /// Parses the status file bytes (empty when the file is absent).
    public init(parsing bytes: [UInt8], file: String = "/usr/lib/opkg/status") throws {
        let stanzas = try withFile(file) { try ControlStanza.parseDocument(bytes, context: "parse opkg status") }
        // A stanza without a Package: field is skipped, as opkg does ("probably just a blank
        // line", libopkg/pkg_hash.c pkg_hash_add_from_file), and so not written back.
        entries = try stanzas.compactMap { s in
            guard let n = s["Package"], !n.isEmpty else { return nil }
            return try withFile(file) { try Entry(stanza: s) }
        }
    }

    /// The installed entry named `name`, if any.
    public func installed(_ name: String) -> Entry? {
        entries.first { $0.name == name && $0.isInstalled }
    }

    /// The document: every stanza followed by one blank line, as opkg writes it.
    public func render() -> [UInt8] {
        var out: [UInt8] = []
        for e in entries {
            out += e.stanza.render()
            out.append(0x0a)
        }
        return out
    }

    /// Replaces the stanza of `name` in place, or appends it (opkg writes in hash order;
    /// keeping the existing order keeps unchanged stanzas where they were).
    public mutating func put(_ stanza: ControlStanza) throws {
        let e = try Entry(stanza: stanza)
        if let i = entries.firstIndex(where: { $0.name == e.name }) { entries[i] = e } else { entries.append(e) }
    }

    /// Removes the stanza of `name` (a package replaced by a new one).
    public mutating func remove(_ name: String) {
        entries.removeAll { $0.name == name }
    }

    /// Names of a `Provides:`/`Replaces:` list (opkg `parse_providelist` splits on ", ";
    /// a version in parentheses, as newer control files write, is dropped).
    static func names(_ value: String?, field: String, of pkg: String) throws -> [String] {
        guard let value, !value.isEmpty else { return [] }
        let r = try Relationship(parsing: value, context: "parse \(field) of \(pkg)")
        return r.terms.map(\.name)
    }
}

/// Renders the status stanza of a package opkg has just installed, field by field as
/// openwrt/opkg-lede libopkg/pkg.c `pkg_print_status` / `pkg_formatted_field` print them:
/// Package, Version, Depends, Recommends, Suggests, Provides, Replaces, Conflicts, Status,
/// Essential, Architecture, Conffiles, Installed-Time, Auto-Installed.
///
/// Relationship fields are re-rendered from their parsed form (`pkg_depend_str`:
/// alternatives joined by ` | `, constraints printed by `constraint_to_str` with a space
/// after the operator — `kernel (= 5.15.137-1-…)`, and `<<`/`>>` printed as `<`/`>`, as
/// opkg does). `Pre-Depends` is parsed by opkg but not printed in the status file.
/// Conflicts prints only the first alternative of each group (as opkg does).
public enum OpkgStatusStanza {
    /// The stanza for `control` installed by the user at `installedTime` with `conffiles`
    /// (absolute path, sha256 hex as `resolve_conffiles` computes it).
    public static func render(control: ControlStanza, conffiles: [(path: String, sha256: String?)],
                              installedTime: UInt32, autoInstalled: Bool = false) throws -> ControlStanza {
        let name = control["Package"] ?? ""
        var fields: [ControlStanza.Field] = []
        func add(_ n: String, _ v: String) { fields.append(ControlStanza.Field(name: n, value: v)) }
        add("Package", name)
        add("Version", versionString(control["Version"] ?? ""))
        for field in ["Depends", "Recommends", "Suggests"] {
            if let v = control[field], !v.isEmpty {
                let r = try Relationship(parsing: v, context: "parse \(field) of \(name)")
                if !r.terms.isEmpty { add(field, r.groups.map(dependString).joined(separator: ", ")) }
            }
        }
        let provides = try OpkgStatus.names(control["Provides"], field: "Provides", of: name)
        if !provides.isEmpty { add("Provides", provides.joined(separator: ", ")) }
        let replaces = try OpkgStatus.names(control["Replaces"], field: "Replaces", of: name)
        if !replaces.isEmpty { add("Replaces", replaces.joined(separator: ", ")) }
        if let v = control["Conflicts"], !v.isEmpty {
            let r = try Relationship(parsing: v, context: "parse Conflicts of \(name)")
            let firsts = r.groups.compactMap(\.first).map { termString($0) }
            if !firsts.isEmpty { add("Conflicts", firsts.joined(separator: ", ")) }
        }
        add("Status", "install user installed")
        if control["Essential"]?.lowercased() == "yes" { add("Essential", "yes") }
        if let a = control["Architecture"], !a.isEmpty { add("Architecture", a) }
        let listed = conffiles.filter { $0.sha256 != nil }
        if !listed.isEmpty {
            var raw = Array("\n".utf8)
            for c in listed { raw += Array(" \(c.path) \(c.sha256 ?? "")\n".utf8) }
            fields.append(ControlStanza.Field(name: "Conffiles", raw: raw))
        }
        if installedTime != 0 { add("Installed-Time", String(installedTime)) }
        if autoInstalled { add("Auto-Installed", "yes") }
        return ControlStanza(fields: fields)
    }

    /// `pkg_version_str_alloc`: `[epoch:]version[-revision]`, epoch only when non-zero.
    public static func versionString(_ text: String) -> String {
        let v = OpkgVersion(text)
        return (v.epoch > 0 ? "\(v.epoch):" : "") + v.upstream + (v.revision.map { "-" + $0 } ?? "")
    }

    /// `pkg_depend_str` for one group.
    static func dependString(_ group: [Relationship.Term]) -> String {
        group.map(termString).joined(separator: " | ")
    }

    /// One possibility: `name` or `name (OP version)` with `constraint_to_str`'s operator.
    static func termString(_ t: Relationship.Term) -> String {
        guard let op = t.op, let version = t.version else { return t.name }
        return "\(t.name) (\(constraintString(op))\(version))"
    }

    /// `constraint_to_str` (pkg_depends.c): EARLIER `"< "`, EARLIER_EQUAL `"<= "`, EQUAL
    /// `"= "`, LATER_EQUAL `">= "`, LATER `"> "`; the legacy `<`/`>` parse as `<=`/`>=`.
    static func constraintString(_ op: Relationship.Op) -> String {
        switch op {
        case .earlier: return "< "
        case .earlierEqual, .legacyEarlier: return "<= "
        case .equal: return "= "
        case .laterEqual, .legacyLater: return ">= "
        case .later: return "> "
        }
    }
}
