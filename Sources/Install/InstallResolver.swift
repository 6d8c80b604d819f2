import BinaryIO
import FeedRewrite

/// Decides what an offline install does, the way openwrt/opkg-lede libopkg decides it:
/// - same or older version already installed: skipped (opkg_install.c
///   `opkg_install_check_downgrade`: "already install", "Not downgrading"); newer: upgrade;
/// - every `Depends`/`Pre-Depends` group needs one alternative provided (by name or
///   `Provides`, libopkg/pkg_depends.c `init_providelist`) by an installed package or one
///   installed in the same run, its version meeting `version_constraints_satisfied`
///   (pkg_depends.c `pkg_hash_fetch_unsatisfied_dependencies`);
/// - a `kernel (=X)` dependency the image's kernel package does not meet is refused
///   with both versions and the advice to run `imagetool rebase` (unless forced);
/// - `Conflicts` against installed or co-installed packages refuse, except packages the
///   new one `Replaces` (pkg_depends.c `pkg_hash_fetch_conflicts`, `is_pkg_a_replaces`;
///   opkg skips the check with -force-depends); installed packages it both replaces and
///   conflicts with are removed (opkg_install.c `pkg_get_installed_replacees`);
/// - the architecture must be one opkg accepts (pkg.c `pkg_arch_supported`).
/// Recommends/Suggests never fail an install (as in opkg).
public enum InstallResolver {
    /// What happens to one package.
    public enum Action: String, Sendable, Codable {
        case install, upgrade
        case skipSameVersion = "skip-same-version"
        case skipDowngrade = "skip-downgrade"
    }

    /// One dependency group and how it was met.
    public struct Requirement: Sendable, Codable {
        /// The package concerned.
        public var package: String
        /// The group as opkg prints it (`pkg_depend_str`).
        public var requirement: String
        /// `name version` of the provider, when met.
        public var satisfiedBy: String?
        /// installed, co-installed, forced.
        public var outcome: String
    }

    /// The decision for one package.
    public struct Item: Sendable {
        /// The package concerned.
        public var package: InstallPackage
        /// What happens to it.
        public var action: Action
        /// Version installed before, for upgrades and skips.
        public var installedVersion: String?
        /// Installed packages removed because this one replaces and conflicts with them.
        public var replacees: [String]
    }

    /// The whole decision.
    public struct Plan: Sendable {
        /// One decision per package given, in order.
        public var items: [Item]
        /// Every dependency group checked.
        public var requirements: [Requirement]
        /// What the force flags overrode.
        public var forced: [String]
    }

    /// Which refusals the caller overrides.
    public struct Overrides: Sendable {
        /// `--force`: a kernel dependency the image does not meet.
        public var kernel = false
        /// `--force-depends`: other missing dependencies and conflicts (opkg -force-depends).
        public var depends = false
        /// Creates overrides.
        public init(kernel: Bool = false, depends: Bool = false) { self.kernel = kernel; self.depends = depends }
    }

    /// opkg's `version_constraints_satisfied`: note that an equal version satisfies every
    /// operator, `<<` and `>>` included (opkg returns 1 when the comparison is 0).
    public static func satisfies(_ term: Relationship.Term, version: String) -> Bool {
        guard let op = term.op, let want = term.version else { return true }
        let c = OpkgVersion.compare(OpkgVersion(version), OpkgVersion(want))
        if c == 0 { return true }
        switch op {
        case .earlier: return c < 0
        case .later: return c > 0
        case .laterEqual, .legacyLater: return c >= 0
        case .earlierEqual, .legacyEarlier: return c <= 0
        case .equal: return false
        }
    }

    /// Plans installing `packages` into an image whose database is `status`.
    /// `architectures` are the accepted package architectures.
    public static func plan(_ packages: [InstallPackage], status: OpkgStatus, architectures: Set<String>,
                            overrides: Overrides) throws -> Plan {
        var seen: [String: String] = [:]
        for p in packages {
            if let other = seen[p.name] {
                throw FormatError(.usage, context: "install", "\(p.name) is given twice (\(other) and \(p.path))")
            }
            seen[p.name] = p.path
        }
        var items: [Item] = []
        for p in packages {
            if let a = p.architecture, !architectures.contains(a) {
                throw FormatError(.refused, context: "install \(p.name)",
                                  "architecture \(a) is not one the image accepts (\(architectures.sorted().joined(separator: ", ")))", file: p.path)
            }
            var item = Item(package: p, action: .install, installedVersion: nil, replacees: [])
            if let old = status.installed(p.name) {
                item.installedVersion = old.version
                let c = OpkgVersion.compare(OpkgVersion(old.version), OpkgVersion(p.version))
                item.action = c == 0 ? .skipSameVersion : c > 0 ? .skipDowngrade : .upgrade
            }
            items.append(item)
        }
        let active = items.filter { $0.action == .install || $0.action == .upgrade }
        let upgrading = Set(active.map(\.package.name))

        // The universe a dependency may be met from: installed packages not being replaced
        // by a new version, plus the packages of this run.
        struct Provider { var name: String; var version: String; var provides: [String]; var coInstalled: Bool }
        var universe: [Provider] = status.entries.filter { $0.isInstalled && !upgrading.contains($0.name) }
            .map { Provider(name: $0.name, version: $0.version, provides: $0.provides, coInstalled: false) }
        universe += active.map { Provider(name: $0.package.name, version: $0.package.version, provides: $0.package.provides, coInstalled: true) }

        var requirements: [Requirement] = []
        var forced: [String] = []
        for i in items.indices where items[i].action == .install || items[i].action == .upgrade {
            let p = items[i].package
            for group in p.depends {
                let text = OpkgStatusStanza.dependString(group)
                var met: Provider?
                for term in group {
                    if let prov = universe.first(where: { $0.provides.contains(term.name) && satisfies(term, version: $0.version) }) {
                        met = prov; break
                    }
                }
                if let m = met {
                    requirements.append(Requirement(package: p.name, requirement: text, satisfiedBy: "\(m.name) \(m.version)",
                                                    outcome: m.coInstalled ? "co-installed" : "installed"))
                    continue
                }
                if let kterm = group.first(where: { $0.name == "kernel" && $0.op != nil }), let kernel = status.installed("kernel") {
                    let msg = "\(p.name) \(p.version) depends on \(text) but the image's kernel package is kernel \(kernel.version) (wanted \(kterm.version ?? "?")): the module was built for another kernel; run `imagetool rebase FEED --kernel IMAGE` on its feed first"
                    guard overrides.kernel else { throw FormatError(.refused, context: "install \(p.name)", msg + " (or give --force)", file: p.path) }
                    forced.append("--force: " + msg)
                    requirements.append(Requirement(package: p.name, requirement: text, satisfiedBy: "kernel \(kernel.version)", outcome: "forced"))
                    continue
                }
                let msg = "\(p.name) \(p.version) depends on \(text), which is neither installed in the image nor among the packages given"
                guard overrides.depends else { throw FormatError(.refused, context: "install \(p.name)", msg + " (or give --force-depends)", file: p.path) }
                forced.append("--force-depends: " + msg)
                requirements.append(Requirement(package: p.name, requirement: text, satisfiedBy: nil, outcome: "forced"))
            }

            // Conflicts (against exact names, as pkg_hash_fetch_conflicts looks them up).
            for group in p.conflicts {
                for term in group {
                    for other in universe where other.name == term.name && other.name != p.name
                        && satisfies(term, version: other.version) && !p.replaces.contains(other.name) {
                        let msg = "\(p.name) conflicts with \(other.coInstalled ? "co-installed" : "installed") \(other.name) \(other.version) (\(OpkgStatusStanza.termString(term)))"
                        guard overrides.depends else { throw FormatError(.refused, context: "install \(p.name)", msg + " (or give --force-depends)", file: p.path) }
                        forced.append("--force-depends: " + msg)
                    }
                }
            }

            // Installed packages this one replaces and conflicts with are removed.
            let conflictNames = Set(p.conflicts.flatMap { $0.map(\.name) })
            items[i].replacees = status.entries.filter { e in
                e.isInstalled && e.name != p.name && !upgrading.contains(e.name)
                    && e.provides.contains(where: { p.replaces.contains($0) })
                    && e.provides.contains(where: { conflictNames.contains($0) })
            }.map(\.name)
        }
        return Plan(items: items, requirements: requirements, forced: forced)
    }

    /// Architectures opkg accepts: the `arch NAME PRIORITY` lines of opkg.conf (and
    /// /etc/opkg/*.conf), else `all`, `noarch` and every architecture already installed.
    /// Without `arch` lines opkg uses the architecture it was built for (opkg-lede
    /// libopkg/opkg_conf.c: HOST_CPU_STR, plus all and noarch); OpenWrt records the same
    /// value as DISTRIB_ARCH in /etc/openwrt_release (`distribArch`), which matters when
    /// the status file lists nothing (builds that strip opkg's data).
    public static func architectures(confFiles: [String], status: OpkgStatus, distribArch: String? = nil) -> Set<String> {
        var out = Set<String>()
        for text in confFiles {
            for line in text.split(separator: "\n") {
                let w = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if w.count >= 2, w[0] == "arch" { out.insert(String(w[1])) }
            }
        }
        if !out.isEmpty { return out }
        out = ["all", "noarch"]
        if let d = distribArch, !d.isEmpty { out.insert(d) }
        for e in status.entries { if let a = e.architecture { out.insert(a) } }
        return out
    }
}
