import BinaryIO
import Codecs
import Platform

/// A Linux kernel configuration as Kconfig writes it (`.config`, OpenWrt's `.config.set`,
/// `.config.target`, `.config.override`, and the `target/linux/*/config-*` fragments):
/// `CONFIG_X=value` lines and `# CONFIG_X is not set` lines; other comments are kept only
/// in `rawLines` [linux: scripts/kconfig/confdata.c conf_write_symbol; openwrt: scripts/kconfig.pl].
public struct KernelConfig: Sendable {
    /// The value of one option.
    public enum Value: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// `=y` (built in).
        case yes
        /// `=m` (a module).
        case module
        /// `# CONFIG_X is not set`, or absent from the file.
        case notSet
        /// Any other value (numbers, hex, quoted strings), as written.
        case value(String)

        /// Parses the text after `=`.
        public init(text: String) {
            switch text {
            case "y": self = .yes
            case "m": self = .module
            case "n": self = .notSet
            default: self = .value(text)
            }
        }

        /// `y`, `m`, `n` or the value as written.
        public var description: String {
            switch self {
            case .yes: return "y"
            case .module: return "m"
            case .notSet: return "n"
            case .value(let v): return v
            }
        }

        /// Whether the option is a tristate set to y or m.
        public var isEnabled: Bool { self == .yes || self == .module }
    }

    /// One parsed option line.
    public struct Entry: Sendable, Equatable {
        /// The name without the `CONFIG_` prefix.
        public var name: String
        /// The value.
        public var value: Value
        /// 1-based line number in the source text.
        public var line: Int
    }

    /// Every line of the text, split on `\n` exactly as `grep` sees them (a final line
    /// without a newline is still a line; a trailing newline adds no empty line).
    public let rawLines: [[UInt8]]
    /// Option lines in file order (duplicates kept).
    public let entries: [Entry]
    /// The effective value of each option (the last assignment wins, as in Kconfig).
    public let values: [String: Value]
    /// The kernel version from a `# Linux/<arch> X.Y.Z Kernel Configuration` header, if present.
    public let kernelVersion: String?

    /// Parses configuration text (bytes, so non-UTF-8 strings survive byte-exact in `rawLines`).
    public init(bytes: [UInt8]) {
        var lines: [[UInt8]] = []
        var start = 0
        for i in 0 ..< bytes.count where bytes[i] == 0x0A {
            lines.append(Array(bytes[start ..< i]))
            start = i + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        var entries: [Entry] = []
        var values: [String: Value] = [:]
        var version: String?
        for (n, raw) in lines.enumerated() {
            if let (name, value) = KernelConfig.splitAssignment(raw) {
                let v = Value(text: value)
                entries.append(Entry(name: name, value: v, line: n + 1))
                values[name] = v
            } else if let name = KernelConfig.notSetName(raw) {
                entries.append(Entry(name: name, value: .notSet, line: n + 1))
                values[name] = .notSet
            } else if version == nil, raw.starts(with: "# Linux".utf8), let v = KernelConfig.headerVersion(String(decoding: raw, as: UTF8.self)) {
                version = v
            }
        }
        self.rawLines = lines
        self.entries = entries
        self.values = values
        self.kernelVersion = version
    }

    /// Parses configuration text.
    public init(parsing text: String) { self.init(bytes: Array(text.utf8)) }

    /// Reads and parses a configuration file (at most 64 MiB); a gzip'd one (`/proc/config.gz`,
    /// IKCFG) is inflated first.
    public static func open(_ path: String) throws -> KernelConfig {
        try withFile(path) {
            let b = try FS.read(path, limit: 64 << 20)
            if b.starts(with: [0x1F, 0x8B]) {
                return KernelConfig(bytes: try Deflate.inflate(b, framing: .gzip, maxOutput: 64 << 20, context: "inflate config").bytes)
            }
            return KernelConfig(bytes: b)
        }
    }

    /// The effective value of `name` (with or without the `CONFIG_` prefix); `.notSet` if absent.
    public func value(_ name: String) -> Value {
        values[name.hasPrefix("CONFIG_") ? String(name.dropFirst(7)) : name] ?? .notSet
    }

    /// The `major.minor` series of `kernelVersion` (e.g. "6.1"), if known.
    public var series: String? { kernelVersion.flatMap(KernelConfig.series(of:)) }

    /// `major.minor` of a version or release string such as `6.1.0-56-amd64` or `5.15.137`.
    public static func series(of version: String) -> String? {
        let parts = version.split(whereSeparator: { !$0.isNumber }).prefix(2)
        guard parts.count == 2 else { return nil }
        return "\(parts[parts.startIndex]).\(parts[parts.startIndex + 1])"
    }

    /// Parses one line with kconfig.pl's patterns: `^CONFIG_(.+?)=(.+)` and
    /// `^# CONFIG_(.+?) is not set`. Returns nil for other lines.
    public static func parseLine(_ line: String) -> (String, Value)? {
        if let (n, v) = splitAssignment(line) { return (n, Value(text: v)) }
        if let n = notSetName(line) { return (n, .notSet) }
        return nil
    }

    /// `^CONFIG_(.+?)=(.+)`: the name is everything up to the first `=` that has at least
    /// one character after it, and is at least one character long.
    static func splitAssignment(_ line: String) -> (String, String)? { splitAssignment(Array(line.utf8)) }

    static let configPrefix = Array("CONFIG_".utf8), notSetPrefix = Array("# CONFIG_".utf8), notSetSuffix = Array(" is not set".utf8)

    static func splitAssignment(_ u: [UInt8]) -> (String, String)? {
        let p = configPrefix
        guard u.count > p.count, u[0 ..< p.count].elementsEqual(p) else { return nil }
        var i = p.count + 1
        while i < u.count - 1 {
            if u[i] == 0x3D {
                return (String(decoding: u[p.count ..< i], as: UTF8.self), String(decoding: u[(i + 1)...], as: UTF8.self))
            }
            i += 1
        }
        return nil
    }

    /// `^# CONFIG_(.+?) is not set`: the shortest name (at least one character) followed by
    /// ` is not set`.
    static func notSetName(_ line: String) -> String? { notSetName(Array(line.utf8)) }

    static func notSetName(_ u: [UInt8]) -> String? {
        let p = notSetPrefix, s = notSetSuffix
        guard u.count >= p.count + 1 + s.count, u[0 ..< p.count].elementsEqual(p) else { return nil }
        var i = p.count + 1
        while i + s.count <= u.count {
            if u[i ..< i + s.count].elementsEqual(s) { return String(decoding: u[p.count ..< i], as: UTF8.self) }
            i += 1
        }
        return nil
    }

    /// `# Linux/x86 6.1.192 Kernel Configuration` -> "6.1.192".
    static func headerVersion(_ line: String) -> String? {
        guard line.hasPrefix("# Linux"), line.hasSuffix("Kernel Configuration") else { return nil }
        let words = line.split(separator: " ")
        return words.first(where: { $0.first?.isNumber == true && $0.contains(".") }).map(String.init)
    }
}
