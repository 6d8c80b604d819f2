import BinaryIO
import FeedRewrite

/// Relationship fields whose terms can name the kernel package (opkg-lede
/// libopkg/pkg_parse.c reads these as dependency lists).
let relationshipFields = ["Depends", "Pre-Depends", "Recommends", "Suggests", "Conflicts", "Breaks",
                          "Replaces", "Provides", "Enhances"]

/// What happens to one package of the feed (issue 8 step 4: "rewrite every package whose
/// relationships name the feed's kernel version ... leave other packages untouched").
public struct PackageAction: Sendable, Codable {
    public enum Action: String, Sendable, Codable { case rewritten, kept, refused }
    public var package: String
    public var filename: String
    public var action: Action
    /// For rewritten packages: `Field: old -> new` per changed field; for refused: why.
    public var detail: [String]
}

/// The rewrite plan for one feed: computed completely before anything is written.
public struct RebasePlan: Sendable {
    /// Version every rewritten term named.
    public var feedKernel: String
    /// What the rewritten terms become, e.g. `kernel (=A) | kernel (=B)`.
    public var replacementVersions: [String]
    public var actions: [PackageAction]
    /// File names of the packages to rewrite.
    public var rewrites: Set<String>

    /// The terms of `stanza` that name `kernel` at exactly `feedKernel`.
    static func kernelTerms(_ r: Relationship, feedKernel: String) -> [Relationship.Term] {
        r.terms.filter { $0.name == "kernel" && $0.version == feedKernel }
    }

    /// Plans the rewrite of `stanzas` (the feed's Packages entries) from `feedKernel` to the
    /// image kernels `targets` (several compatible images: `kernel (=A) | kernel (=B)`).
    /// Packages in `refused` (name -> reason, e.g. integrity failures) are excluded.
    public static func make(stanzas: [ControlStanza], feedKernel: String, targets: [String],
                            refused: [String: String]) throws -> RebasePlan {
        var actions: [PackageAction] = []
        var rewrites = Set<String>()
        for s in stanzas {
            let name = s["Package"] ?? "?"
            let file = s["Filename"] ?? ""
            if let why = refused[file] ?? refused[name] {
                actions.append(PackageAction(package: name, filename: file, action: .refused, detail: [why]))
                continue
            }
            let (_, notes) = try rewrite(s, feedKernel: feedKernel, targets: targets)
            if notes.isEmpty {
                actions.append(PackageAction(package: name, filename: file, action: .kept, detail: []))
            } else {
                actions.append(PackageAction(package: name, filename: file, action: .rewritten, detail: notes))
                rewrites.insert(file)
            }
        }
        return RebasePlan(feedKernel: feedKernel, replacementVersions: targets, actions: actions, rewrites: rewrites)
    }

    /// This plan with the packages in `refused` (file or package name -> reason) refused:
    /// the same as `make(..., refused:)`, without parsing the stanzas again.
    public func refusing(_ refused: [String: String]) -> RebasePlan {
        guard !refused.isEmpty else { return self }
        var p = self
        for i in p.actions.indices {
            let a = p.actions[i]
            if let why = refused[a.filename] ?? refused[a.package] {
                p.actions[i] = PackageAction(package: a.package, filename: a.filename, action: .refused, detail: [why])
            }
        }
        p.rewrites = Set(p.actions.filter { $0.action == .rewritten }.map(\.filename))
        return p
    }

    /// `stanza` with every relationship term `kernel (op feedKernel)` replaced by the
    /// targets (`kernel (op A) | kernel (op B)`), every other byte kept; and one note per
    /// changed field. Used on the index stanza (planning) and the ipk's own control file.
    public static func rewrite(_ stanza: ControlStanza, feedKernel: String, targets: [String]) throws -> (ControlStanza, [String]) {
        var changed = stanza
        var notes: [String] = []
        let name = stanza["Package"] ?? "?"
        for field in relationshipFields {
            guard let value = stanza[field] else { continue }
            let rel = try Relationship(parsing: value, context: "parse \(field) of \(name)")
            guard !kernelTerms(rel, feedKernel: feedKernel).isEmpty else { continue }
            let newValue = rel.replacingTerms(where: { $0.name == "kernel" && $0.version == feedKernel }) { t in
                let op = t.op?.rawValue ?? "="
                return targets.map { "kernel (\(op)\($0))" }.joined(separator: " | ")
            }
            changed.set(field, newValue)
            notes.append("\(field): \(value) -> \(newValue)")
        }
        return (changed, notes)
    }

    /// The single kernel version that the feed's packages depend on with `kernel (=X)`.
    /// Several different versions are an error (the feed mixes builds).
    public static func feedKernelVersion(_ stanzas: [ControlStanza], feed: String) throws -> String {
        var seen: [String: [String]] = [:]
        for s in stanzas {
            for field in relationshipFields {
                guard let v = s[field], let rel = try? Relationship(parsing: v) else { continue }
                for t in rel.terms where t.name == "kernel" && t.op == .equal {
                    if let ver = t.version { seen[ver, default: []].append(s["Package"] ?? "?") }
                }
            }
        }
        guard !seen.isEmpty else {
            throw FormatError(.invalid, context: "read feed", "no package depends on kernel (=VERSION): nothing to rebase", file: feed)
        }
        guard seen.count == 1, let only = seen.keys.first else {
            let list = seen.keys.sorted().map { "\($0) (\(seen[$0]?.count ?? 0) packages)" }.joined(separator: ", ")
            throw FormatError(.invalid, context: "read feed", "packages depend on several kernel versions: \(list)", file: feed)
        }
        return only
    }
}
