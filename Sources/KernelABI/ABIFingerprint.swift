import BinaryIO

/// A vermagic-like hash that is exactly as strict as the module ABI needs: md5 over the
/// byte-sorted lines `CONFIG_X=y` (every built-in option), `CONFIG_X=m` only for options a
/// header tests in a way that is true for m, and `CONFIG_X=value` for non-tristate values a
/// header uses (e.g. `CONFIG_NR_CPUS`, `CONFIG_HZ`). Options that are n/absent contribute
/// nothing. With no ABI set every `=m` and every value line counts (classic strictness).
/// Lines are rebuilt from the effective values (the last assignment wins), one `\n` each.
public struct ABIFingerprint: Sendable, Equatable {
    /// 32 lowercase hex digits.
    public var hash: String
    /// The hashed lines, sorted.
    public var lines: [String]
    /// The set used (nil: classic-strict fallback).
    public var setSeries: String?
    /// Human note on what was used, e.g. "no ABI set for 5.15: every =m line counts".
    public var note: String

    /// Whether an option's line is part of the fingerprint.
    public static func counts(_ name: String, _ value: KernelConfig.Value, set: ABIRelevantSet?) -> Bool {
        switch value {
        case .yes: return true
        case .notSet: return false
        case .module: return set?.isModuleVisible(name) ?? true
        case .value: return set?.isReferenced(name) ?? true
        }
    }

    /// Computes the fingerprint of `config` with `set` (nil: fall back to classic strictness).
    public static func compute(_ config: KernelConfig, set: ABIRelevantSet?) -> ABIFingerprint {
        var lines: [String] = []
        for (name, value) in config.values where counts(name, value, set: set) {
            lines.append("CONFIG_\(name)=\(value)")
        }
        lines.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var input: [UInt8] = []
        for l in lines { input.append(contentsOf: l.utf8); input.append(0x0A) }
        let note = set.map { "ABI set for \($0.series) (\($0.origin))" }
            ?? "no ABI-relevant set available: every =m line counts (classic strictness)"
        return ABIFingerprint(hash: Hex.encode(Digest.md5(input)), lines: lines, setSeries: set?.series, note: note)
    }

    /// Picks the set for a config: an explicit one, else the shipped set for the config's
    /// series (from its `# Linux/... X.Y.Z Kernel Configuration` header or `series`), else nil.
    public static func chooseSet(for config: KernelConfig, series: String? = nil, explicit: ABIRelevantSet? = nil) -> ABIRelevantSet? {
        if let explicit { return explicit }
        guard let s = series ?? config.series else { return nil }
        return ABIRelevantSet.shipped(series: s)
    }
}
