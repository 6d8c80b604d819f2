import BinaryIO
import Digests

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

    /// The set `vermagic --abi` and `vermagic explain` use, and what to warn about: scanned
    /// from `kernelSource` (a kernel source or headers tree) when given; else the shipped
    /// set for `series` or the config's series; else, with `approximate`, the union of the
    /// two shipped sets around that series (with a warning that options only headers of
    /// versions in between test are missed); else nil — every `=m` line counts (classic
    /// strictness), with a warning.
    public static func chooseSet(for config: KernelConfig, kernelSource: String?, series: String?,
                                 approximate: Bool) throws -> (set: ABIRelevantSet?, warnings: [String]) {
        if let dir = kernelSource {
            let s = series ?? config.series ?? "unknown"
            return (try HeaderScanner.scan(root: dir, series: s, origin: dir, regenerate: "imagetool vermagic scan --kernel-src \(dir) --series \(s)"), [])
        }
        var warnings: [String] = []
        var set = chooseSet(for: config, series: series)
        if set == nil, approximate, let s = series ?? config.series, let approx = ABIRelevantSet.approximate(series: s) {
            warnings.append("no ABI set for \(s): using an \(approx.origin); options only headers of versions in between test are missed")
            set = approx
        }
        if set == nil {
            warnings.append("no ABI-relevant set for kernel series \(series ?? config.series ?? "unknown") (shipped: \(ABIRelevantSet.shipped.map(\.series).joined(separator: ", "))): every =m line counts (classic strictness); use --kernel-src DIR or --series")
        }
        return (set, warnings)
    }
}
