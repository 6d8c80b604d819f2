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
        /// The option's value used as such (`#define HZ CONFIG_HZ`, array sizes).
        case value = "v"

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

    public init(series: String, origin: String, regenerate: String, symbols: [String: [Reference]]) {
        self.series = series; self.origin = origin; self.regenerate = regenerate; self.symbols = symbols
    }

    /// Whether an option set to `m` changes what modules see.
    public func isModuleVisible(_ name: String) -> Bool {
        symbols[name]?.contains { $0.use == .moduleVisible } ?? false
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
        for name in symbols.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let refs = symbols[name] ?? []
            for use in Use.allCases {
                let r = refs.filter { $0.use == use }
                if r.isEmpty { continue }
                out += "\(use.rawValue)\t\(name)\t\(r.map(\.description).joined(separator: "\t"))\n"
            }
        }
        return out
    }

    /// Parses `serialized()` text.
    public static func parse(_ text: String, context: String = "parse ABI set") throws -> ABIRelevantSet {
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
        return set
    }

    /// The sets shipped with imagetool (generated files under Sources/KernelABI/ABISets).
    public static var shipped: [ABIRelevantSet] {
        ShippedABISets.texts.compactMap { try? parse($0) }
    }

    /// The shipped set for a kernel series such as "6.1", if any.
    public static func shipped(series: String) -> ABIRelevantSet? {
        guard let t = ShippedABISets.texts.first(where: { $0.contains("\n# series: \(series)\n") }) else { return nil }
        return try? parse(t)
    }
}
