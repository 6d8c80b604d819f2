/// Explains the difference between two kernel configs for module compatibility: each
/// option whose effective value differs is classified, with the header that makes it matter
/// [openwrt-formats.md §1; linux: include/linux/kconfig.h].
public struct ConfigDiff: Sendable {
    /// How a changed option affects modules built against the other config.
    public enum Class: String, Sendable, Codable {
        /// n <-> m of an option no header tests for m: only adds or removes a module.
        case moduleOnlyHarmless = "module-only-harmless"
        /// n <-> m (or a value) that headers see: built-in structs or inline code change.
        case abiRelevant = "abi-relevant"
        /// A built-in (=y) option appears, disappears or changes: the kernel itself differs.
        case builtinChange = "built-in-change"
        /// A non-tristate value no header uses (e.g. the command line).
        case harmlessValue = "harmless-value"
    }

    /// One differing option.
    public struct Line: Sendable, Codable, Equatable {
        /// Option name without `CONFIG_`.
        public var option: String
        /// Value in the old config (`y`, `m`, `n` or the value).
        public var old: String
        /// Value in the new config.
        public var new: String
        /// What the change means for modules.
        public var classification: Class
        /// Why, naming the header that makes it matter.
        public var reason: String
        /// Headers that use the option (first few), `path:line`.
        public var headers: [String]
    }

    /// The differing options, sorted by name.
    public var lines: [Line]
    /// Special options worth a word (CONFIG_STRIP_KERNEL_EXPORTS, CONFIG_MODVERSIONS).
    public var notes: [String]
    /// Whether modules built for one config may be loaded on a kernel built from the other.
    public var compatible: Bool
    /// One-sentence verdict with the reason.
    public var verdict: String
    /// Series of the ABI set used, nil when falling back to classic strictness.
    public var setSeries: String?

    /// Compares `old` and `new` using `set` (nil: every m change counts as ABI-relevant).
    public static func explain(old: KernelConfig, new: KernelConfig, set: ABIRelevantSet?) -> ConfigDiff {
        let names = Set(old.values.keys).union(new.values.keys)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var lines: [Line] = []
        for name in names {
            let a = old.value(name), b = new.value(name)
            if a == b { continue }
            lines.append(classify(name, a, b, set: set))
        }
        var notes: [String] = []
        for (name, text) in [
            ("STRIP_KERNEL_EXPORTS", "the kernel exports only the symbols its selected modules used; a new module may need a symbol it lacks (check with `imagetool modcheck --against Module.symvers`)"),
            ("MODVERSIONS", "modules carry symbol CRCs (__versions) and the loader rejects CRC mismatches"),
        ] {
            let a = old.value(name), b = new.value(name)
            if a == .yes || b == .yes {
                notes.append("CONFIG_\(name)=\(a)->\(b): \(text)")
            } else if name == "MODVERSIONS" {
                notes.append("CONFIG_MODVERSIONS is off: nothing at load time catches a struct layout mismatch, so this verdict is the only guard")
            }
        }
        if set == nil { notes.append("no ABI-relevant set for this kernel series: every =m change counts (classic strictness); pass --kernel-src DIR to scan headers") }
        let bad = lines.filter { $0.classification == .abiRelevant || $0.classification == .builtinChange }
        let verdict: String
        if bad.isEmpty {
            verdict = lines.isEmpty ? "compatible: the configs are identical" :
                "compatible: \(lines.count) option(s) differ, none visible to modules"
        } else {
            let first = bad.prefix(3).map { "CONFIG_\($0.option) (\($0.classification.rawValue))" }.joined(separator: ", ")
            verdict = "incompatible: \(bad.count) change(s) alter what modules see: \(first)\(bad.count > 3 ? ", ..." : "")"
        }
        return ConfigDiff(lines: lines, notes: notes, compatible: bad.isEmpty, verdict: verdict, setSeries: set?.series)
    }

    static func classify(_ name: String, _ a: KernelConfig.Value, _ b: KernelConfig.Value, set: ABIRelevantSet?) -> Line {
        func refs(_ uses: [ABIRelevantSet.Use]) -> [String] {
            uses.flatMap { set?.references(name, $0) ?? [] }.map(\.description)
        }
        let all = refs([.moduleVisible, .builtinOnly, .value])
        var line = Line(option: name, old: a.description, new: b.description, classification: .builtinChange, reason: "", headers: all)
        if a == .yes || b == .yes {
            line.reason = "built-in option changes (\(a) -> \(b))" + (all.isEmpty ? "" : "; used by \(all[0])")
            return line
        }
        let tristate: Set<KernelConfig.Value> = [.module, .notSet]
        if tristate.contains(a), tristate.contains(b) {
            guard let set else {
                line.classification = .abiRelevant
                line.reason = "n <-> m counts without an ABI set (classic strictness)"
                return line
            }
            let m = set.moduleReferences(name)
            if !m.isEmpty {
                line.classification = .abiRelevant
                line.headers = m.map(\.description)
                let how = m.first?.use == .moduleVisible ? "tested with IS_ENABLED/IS_MODULE/IS_REACHABLE or CONFIG_\(name)_MODULE" : "used outside #if (e.g. as an IS_ENABLED macro argument)"
                line.reason = "\(how) by \(line.headers.joined(separator: ", ")): built-in structs or inline code change when it is m"
            } else {
                line.classification = .moduleOnlyHarmless
                line.reason = "no header tests CONFIG_\(name) in a way that is true for m: only a module is added or removed"
            }
            return line
        }
        // A non-tristate value changed (or a value appeared/disappeared).
        if set == nil || set?.isReferenced(name) == true {
            line.classification = .abiRelevant
            line.reason = all.first.map { "value used by \($0)" } ?? "value change counts without an ABI set"
        } else {
            line.classification = .harmlessValue
            line.reason = "no header uses CONFIG_\(name)"
        }
        return line
    }
}
