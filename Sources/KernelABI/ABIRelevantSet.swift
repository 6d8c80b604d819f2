import BinaryIO

/// The kernel options whose setting changes what a module compiled against the headers
/// sees, found by `HeaderScanner` in a kernel headers tree. An option set to `m` defines
/// only `CONFIG_X_MODULE` in autoconf.h, so `#ifdef CONFIG_X` is false for m while
/// `IS_ENABLED(CONFIG_X)`, `IS_MODULE()`, `IS_REACHABLE()` and `defined(CONFIG_X_MODULE)`
/// are true [linux: include/linux/kconfig.h, scripts/kconfig/confdata.c header_print_symbol].
public struct ABIRelevantSet: Sendable, Equatable {
    /// How a header uses an option.
    public enum Use: String, Sendable, Codable, Comparable, CaseIterable {
        /// `IS_ENABLED`/`IS_MODULE`/`IS_REACHABLE(CONFIG_X)` or `CONFIG_X_MODULE`: true for m.
        case moduleVisible = "m"
        /// In `#if`/`#ifdef`/`#elif` or `IS_BUILTIN`: true only for y (or a defined value).
        case builtinOnly = "y"
        /// The option used outside preprocessor conditionals (`#define HZ CONFIG_HZ`, array
        /// sizes, or a macro argument such as `DECLARE_STATIC_KEY_MAYBE(CONFIG_X, key)` that
        /// the macro tests with IS_ENABLED): counted as visible for m too, since a tristate
        /// can only appear there through such a macro.
        case value = "v"

        /// Orders uses m, v, y by raw value (serialization order).
        public static func < (a: Use, b: Use) -> Bool { a.rawValue < b.rawValue }
    }

    /// One place a header uses an option.
    public struct Reference: Sendable, Equatable, Codable, CustomStringConvertible {
        /// How it is used.
        public var use: Use
        /// Header path relative to the scanned tree, e.g. `include/net/net_namespace.h`.
        public var header: String
        /// 1-based line.
        public var line: Int
        /// `include/net/net_namespace.h:180`.
        public var description: String { "\(header):\(line)" }
    }

    /// Kernel series (`major.minor`) the set was made for.
    public var series: String
    /// Where the headers came from.
    public var origin: String
    /// The command that regenerates the set.
    public var regenerate: String
    /// Option name (without `CONFIG_`) -> references, at most `maxReferences` per use, sorted.
    public var symbols: [String: [Reference]]

    /// References kept per option and use (the rest are counted, not listed).
    public static let maxReferences = 3

    /// A set from its parts (see the properties).
    public init(series: String, origin: String, regenerate: String, symbols: [String: [Reference]]) {
        self.series = series; self.origin = origin; self.regenerate = regenerate; self.symbols = symbols
    }

    /// Whether an option set to `m` changes what modules see: a header tests it in a way
    /// that is true for m, or uses it outside `#if` (where only a macro like IS_ENABLED can
    /// make a tristate compile).
    public func isModuleVisible(_ name: String) -> Bool {
        symbols[name]?.contains { $0.use != .builtinOnly } ?? false
    }

    /// The references that make an option visible for m (see `isModuleVisible`), tests first.
    public func moduleReferences(_ name: String) -> [Reference] {
        references(name, .moduleVisible) + references(name, .value)
    }

    /// Whether any header mentions the option at all.
    public func isReferenced(_ name: String) -> Bool { symbols[name] != nil }

    /// References of one use.
    public func references(_ name: String, _ use: Use) -> [Reference] {
        symbols[name]?.filter { $0.use == use } ?? []
    }

    /// Serialises as text: `# key: value` header lines, then one line per option and use,
    /// `use<TAB>NAME<TAB>header:line<TAB>header:line...`, sorted (deterministic).
    public func serialized() -> String {
        var out = "# imagetool ABI-relevant option set\n# series: \(series)\n# origin: \(origin)\n# regenerate: \(regenerate)\n"
        for name in symbols.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let refs = symbols[name] ?? []
            for use in Use.allCases {
                let r = refs.filter { $0.use == use }
                if r.isEmpty { continue }
                out += "\(use.rawValue)\t\(name)\t\(r.map(\.description).joined(separator: "\t"))\n"
            }
        }
        return out
    }

    /// The sets shipped with imagetool (generated files under Sources/KernelABI/ABISets).
    public static var shipped: [ABIRelevantSet] { parsedShipped }

    /// Parsed once per process (the texts are compiled in, so parsing cannot fail in practice;
    /// a set that did would simply be absent and the fallback applies).
    static let parsedShipped: [ABIRelevantSet] = ShippedABISets.texts.compactMap { try? ABIRelevantSet(parsing: $0) }

    /// The shipped set for a kernel series such as "6.1", if any.
    public static func shipped(series: String) -> ABIRelevantSet? {
        parsedShipped.first { $0.series == series }
    }
}

extension ABIRelevantSet {
    /// Numeric (major, minor) of a series string such as "6.12".
    static func seriesKey(_ s: String) -> (Int, Int)? {
        let p = s.split(separator: ".")
        guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]) else { return nil }
        return (a, b)
    }

    /// An approximate set for a series that is not shipped but lies between two shipped ones
    /// (e.g. 6.6 between 6.1 and 6.12): the union of those two. Options tested only by
    /// headers that appeared after the lower and vanished before the upper series are missed,
    /// so callers must say so; nil when the series is outside the shipped range.
    public static func approximate(series: String) -> ABIRelevantSet? {
        if let exact = shipped(series: series) { return exact }
        guard let k = seriesKey(series) else { return nil }
        let all = shipped.compactMap { s in seriesKey(s.series).map { (key: $0, set: s) } }
        let lower = all.filter { $0.key < k }.max { $0.key < $1.key }
        let upper = all.filter { $0.key > k }.min { $0.key < $1.key }
        guard let lo = lower?.set, let hi = upper?.set else { return nil }
        var symbols = lo.symbols
        for (name, refs) in hi.symbols {
            let have = symbols[name] ?? []
            for use in Use.allCases where !have.contains(where: { $0.use == use }) {
                symbols[name, default: []] += refs.filter { $0.use == use }
            }
        }
        return ABIRelevantSet(series: series, origin: "approximation: union of the \(lo.series) and \(hi.series) sets",
                              regenerate: "(derived from the shipped \(lo.series) and \(hi.series) sets)", symbols: symbols)
    }
}

extension ABIRelevantSet {
    /// Parses `serialized()` text.
    public init(parsing text: String, context: String = "parse ABI set") throws {
        var set = ABIRelevantSet(series: "", origin: "", regenerate: "", symbols: [:])
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            if line.hasPrefix("#") {
                let body = line.dropFirst(2)
                for key in ["series", "origin", "regenerate"] where body.hasPrefix(key + ": ") {
                    let v = String(body.dropFirst(key.count + 2))
                    if key == "series" { set.series = v } else if key == "origin" { set.origin = v } else { set.regenerate = v }
                }
                continue
            }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3, let use = Use(rawValue: String(f[0])) else {
                throw FormatError(.invalid, context: context, "line \(n + 1): expected use<TAB>name<TAB>refs")
            }
            for ref in f[2...] {
                guard let colon = ref.lastIndex(of: ":"), let ln = Int(ref[ref.index(after: colon)...]) else {
                    throw FormatError(.invalid, context: context, "line \(n + 1): bad reference \(ref)")
                }
                set.symbols[String(f[1]), default: []].append(Reference(use: use, header: String(ref[..<colon]), line: ln))
            }
        }
        self = set
    }
}
