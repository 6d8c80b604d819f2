import Apk
import BinaryIO

/// The checks apk's solver makes before committing package files, restricted to what an
/// offline install of given files needs [alpinelinux/apk-tools: src/solver.c (dependencies
/// met by installed packages, their `provides`, or packages of the same transaction;
/// `!name` conflicts), src/package.c apk_dep_is_provided]. OpenWrt kmods depend on
/// `kernel=<V>~<vermagic>-r<R>`: a package whose kernel dependency the image's kernel
/// package does not meet is refused with both versions named (openwrt issue #16808: apk
/// would otherwise replace the kernel package), unless `--force`.
struct ApkInstallPlan {
    let db: ApkInstalledDB
    let overrides: InstallResolver.Overrides
    let image: String
    /// How every dependency was met.
    var requirements: [InstallResolver.Requirement] = []
    /// What the overrides let through.
    var forced: [String] = []

    init(db: ApkInstalledDB, overrides: InstallResolver.Overrides, image: String) {
        self.db = db; self.overrides = overrides; self.image = image
    }

    /// Checks every package; throws a `.refused` error (exit 3) for the first unmet one.
    mutating func check(_ packages: [(path: String, package: ApkPackage)]) throws {
        let arches = Set(db.packages.compactMap(\.arch).filter { $0 != "noarch" && !$0.isEmpty })
        for (path, pkg) in packages {
            let i = pkg.info
            if let a = i.arch, a != "noarch", !a.isEmpty, !arches.isEmpty, !arches.contains(a) {
                try refuse("\(i.name) \(i.version) is built for \(a); the image's packages are \(arches.sorted().joined(separator: ", "))",
                           override: overrides.depends, flag: "--force-depends", path: path)
            }
            // A `kernel` package of another version would only rewrite the database: the
            // image's kernel stays, and every kmod's kernel= dependency would point at a
            // kernel that is not there (openwrt issue #16808).
            if i.name == "kernel", let have = db.kernelVersion, have != i.version {
                try refuse("\(path) is kernel \(i.version); the image's kernel package is kernel \(have), and installing a package does not change the image's kernel",
                           override: overrides.kernel, flag: "--force", path: path)
            }
            for dep in i.depends {
                try checkDependency(dep, of: pkg, path: path, others: packages.map(\.package))
            }
        }
    }

    private mutating func checkDependency(_ dep: ApkDependency, of pkg: ApkPackage, path: String, others: [ApkPackage]) throws {
        let name = pkg.info.name
        func record(_ by: String?, _ outcome: String) {
            requirements.append(InstallResolver.Requirement(package: name, requirement: dep.description, satisfiedBy: by, outcome: outcome))
        }
        if dep.isConflict {
            var plain = dep
            plain.match &= ~ApkVersionMatch.conflict
            if plain.version == nil { plain.match = 0 }
            if let p = ApkDependencyMatch.provider(of: plain, in: db) {
                try refuse("\(name) conflicts with \(dep.description), and the image has \(p.name) \(p.version)",
                           override: overrides.depends, flag: "--force-depends", path: path)
                record("\(p.name) \(p.version)", "forced")
            } else {
                record(nil, "no conflict")
            }
            return
        }
        if dep.name == "kernel", let want = dep.version {
            let have = db.kernelVersion
            if let have, ApkDependencyMatch.satisfies(dep, version: have) {
                record("kernel \(have)", "installed")
                return
            }
            let msg = "\(name) \(pkg.info.version) depends on kernel=\(want), but the image's kernel package is "
                + (have.map { "kernel \($0)" } ?? "not installed")
                + "; rebase its feed onto this image first (imagetool rebase FEED --kernel \(image) -o OUT), or give --force"
            try refuse(msg, override: overrides.kernel, flag: "--force", path: path)
            record(have.map { "kernel \($0)" }, "forced")
            return
        }
        if let p = ApkDependencyMatch.provider(of: dep, in: db) {
            record("\(p.name) \(p.version)", "installed")
            return
        }
        for o in others where o.info.name != name {
            if o.info.name == dep.name, ApkDependencyMatch.satisfies(dep, version: o.info.version) {
                record("\(o.info.name) \(o.info.version)", "co-installed")
                return
            }
            for pr in o.info.provides where pr.name == dep.name {
                if dep.version == nil || pr.version.map({ ApkDependencyMatch.satisfies(dep, version: $0) }) == true {
                    record("\(o.info.name) \(o.info.version)", "co-installed")
                    return
                }
            }
        }
        let installed = db.package(named: dep.name).map { " (the image has \(dep.name) \($0.version))" } ?? ""
        try refuse("\(name) depends on \(dep.description), which neither the image nor the packages given provide\(installed)",
                   override: overrides.depends, flag: "--force-depends", path: path)
        record(nil, "forced")
    }

    private mutating func refuse(_ message: String, override: Bool, flag: String, path: String) throws {
        guard override else {
            throw FormatError(.refused, context: "install", message + (flag == "--force" ? "" : " (or give \(flag))"), file: path)
        }
        forced.append("\(flag): " + message)
    }
}

/// Dependency matching as apk does it [apk-tools: src/package.c apk_dep_is_provided /
/// apk_dep_analyze, src/version.c apk_version_match]: a version satisfies the operator bits
/// of its comparison result; `~` is a prefix match; an unversioned provide never satisfies
/// a versioned dependency.
public enum ApkDependencyMatch {
    /// Whether `version` satisfies `dep`'s operator and version.
    public static func satisfies(_ dep: ApkDependency, version: String) -> Bool {
        guard let want = dep.version else { return true }
        let m = dep.match & ~ApkVersionMatch.conflict
        if m == ApkVersionMatch.less | ApkVersionMatch.greater { return false } // checksum pin (><Q1…)
        let c = ApkVersion.compare(version, want)
        if m & ApkVersionMatch.fuzzy != 0 {
            if fuzzyMatch(version, want) { return true }
            return (c < 0 && m & ApkVersionMatch.less != 0) || (c > 0 && m & ApkVersionMatch.greater != 0)
        }
        let bit = c < 0 ? ApkVersionMatch.less : c > 0 ? ApkVersionMatch.greater : ApkVersionMatch.equal
        return m & bit != 0
    }

    /// `~` matching: `want` is a prefix of `version` ending at a component boundary.
    static func fuzzyMatch(_ version: String, _ want: String) -> Bool {
        guard version.hasPrefix(want) else { return false }
        guard let next = version.dropFirst(want.count).first else { return true }
        return !(next.isNumber && want.last?.isNumber == true)
    }

    /// The installed package (or provider) that satisfies `dep`, with its version.
    public static func provider(of dep: ApkDependency, in db: ApkInstalledDB) -> (name: String, version: String)? {
        for p in db.packages where p.name == dep.name && satisfies(dep, version: p.version) {
            return (p.name, p.version)
        }
        for p in db.packages {
            for pr in p.provides where pr.name == dep.name {
                if dep.version == nil { return (p.name, pr.version ?? p.version) }
                if let v = pr.version, satisfies(dep, version: v) { return (p.name, v) }
            }
        }
        return nil
    }
}
