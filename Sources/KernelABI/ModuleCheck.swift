import BinaryIO
import Platform

/// Whether a set of modules can load on a kernel: same release and module vermagic string,
/// every (non-weak) undefined symbol provided by the kernel side or by another module of
/// the set, and, where both sides carry one, equal symbol CRCs [linux: kernel/module/main.c
/// check_modinfo / resolve_symbol / check_version; openwrt-formats.md §1].
public enum ModuleCheck {
    /// What the kernel side offers.
    public struct KernelSide: Sendable {
        /// Symbol -> (CRC if known, who provides it).
        public var symbols: [String: (crc: UInt32?, provider: String)]
        /// The module vermagic string every module must carry (`6.6.110 SMP mod_unload`), if known.
        public var vermagic: String?
        /// Kernel release (`6.6.110`), if known.
        public var release: String?
        /// What it was built from, for messages.
        public var source: String
        /// Whether `symbols` lists everything the kernel exports (a Module.symvers lists vmlinux
        /// too). A folder of modules does not know vmlinux's exports, so a symbol it lacks is
        /// only `unresolved`, not `missing`.
        public var complete: Bool = false

        /// Both sides together (e.g. a Module.symvers and the image's modules).
        public func merged(with other: KernelSide) -> KernelSide {
            var m = self
            for (k, v) in other.symbols where m.symbols[k] == nil || (m.symbols[k]?.crc == nil && v.crc != nil) { m.symbols[k] = v }
            m.vermagic = vermagic ?? other.vermagic
            m.release = release ?? other.release
            m.source = "\(source) + \(other.source)"
            m.complete = complete || other.complete
            return m
        }

        /// From a `Module.symvers` (CRCs of 0 mean "built without MODVERSIONS": not compared).
        public static func from(symvers: ModuleSymvers, source: String, release: String? = nil, vermagic: String? = nil) -> KernelSide {
            var s: [String: (crc: UInt32?, provider: String)] = [:]
            for e in symvers.entries { s[e.symbol] = (e.crc == 0 ? nil : e.crc, e.module) }
            return KernelSide(symbols: s, vermagic: vermagic, release: release ?? vermagic.map(releaseOf), source: source, complete: true)
        }

        /// From the modules already on the device (e.g. `/lib/modules/<release>`): their
        /// exports, and their common vermagic when they agree.
        public static func from(modules: [KernelModule], source: String, release: String? = nil) -> KernelSide {
            var s: [String: (crc: UInt32?, provider: String)] = [:]
            for m in modules { for e in m.exports { s[e.symbol] = (e.crc, m.name) } }
            let magics = Set(modules.compactMap(\.vermagic))
            let v = magics.count == 1 ? magics.first : nil
            return KernelSide(symbols: s, vermagic: v, release: release ?? v.map(releaseOf), source: source)
        }

        /// The kernel side `modcheck --against` describes: each path a `Module.symvers` or a
        /// folder of the kernel's modules, all merged (the first path's facts win). `release`
        /// and `vermagic` override what the sources say; without `release`, a folder named
        /// like a release inside a `modules` folder (`/lib/modules/6.6.110`) gives it, and a
        /// `vermagic` gives it for a Module.symvers.
        public static func open(_ paths: [String], release: String? = nil, vermagic: String? = nil) throws -> KernelSide {
            var sides: [KernelSide] = []
            for path in paths {
                if FS.isDirectory(path) {
                    sides.append(.from(modules: try ModuleCheck.modules(in: path), source: path,
                                       release: release ?? releaseOfModuleFolder(path)))
                } else {
                    sides.append(.from(symvers: try ModuleSymvers.open(path), source: path, release: release, vermagic: vermagic))
                }
            }
            guard var side = sides.first else { throw FormatError(.usage, context: "modcheck", "--against is required") }
            for other in sides.dropFirst() { side = side.merged(with: other) }
            if let vermagic { side.vermagic = vermagic }
            if let release { side.release = release }
            return side
        }

        /// The release a folder of modules names: its own name when that looks like a kernel
        /// version (`6.6.110`) and its parent is `modules` (`lib/modules/<release>`, where
        /// modprobe looks), else nil.
        public static func releaseOfModuleFolder(_ path: String) -> String? {
            let base = FS.basename(of: path)
            return KernelConfig.series(of: base) != nil && FS.basename(of: FS.dirname(of: path)) == "modules" ? base : nil
        }
    }

    /// One reason a module would not load.
    public struct Problem: Sendable, Codable, Equatable {
        /// Kinds of problem.
        public enum Kind: String, Sendable, Codable { case missingSymbol = "missing-symbol", crcMismatch = "crc-mismatch", vermagicMismatch = "vermagic-mismatch", releaseMismatch = "release-mismatch" }
        /// Which check failed.
        public var kind: Kind
        /// Module name.
        public var module: String
        /// Symbol concerned, if any.
        public var symbol: String?
        /// Human explanation.
        public var detail: String
    }

    /// The release is the first word of a module vermagic string.
    public static func releaseOf(_ vermagic: String) -> String {
        String(vermagic.split(separator: " ").first ?? "")
    }

    /// Whether a problem certainly prevents loading: everything except a missing symbol
    /// against a side that does not list vmlinux's exports (`complete` false), where the
    /// symbol is only unresolved.
    public static func isFatal(_ p: Problem, against kernel: KernelSide) -> Bool {
        p.kind != .missingSymbol || kernel.complete
    }

    /// Checks `modules` against `kernel`; an empty result means they can load (see `isFatal`
    /// for missing symbols against an incomplete side).
    /// `missingSymbols: false` skips the missing-symbol problems (a caller without the
    /// kernel's Module.symvers, which would discard them, need not build thousands).
    public static func check(_ modules: [KernelModule], against kernel: KernelSide, missingSymbols: Bool = true) -> [Problem] {
        var provided = kernel.symbols
        for m in modules { for e in m.exports where provided[e.symbol] == nil { provided[e.symbol] = (e.crc, m.name) } }
        var problems: [Problem] = []
        for m in modules {
            if let want = kernel.vermagic, let have = m.vermagic, want != have {
                problems.append(Problem(kind: .vermagicMismatch, module: m.name, symbol: nil, detail: "module vermagic '\(have)', kernel '\(want)'"))
            } else if kernel.vermagic == nil, let rel = kernel.release, let have = m.vermagic, releaseOf(have) != rel {
                problems.append(Problem(kind: .releaseMismatch, module: m.name, symbol: nil, detail: "module built for \(releaseOf(have)), kernel is \(rel)"))
            }
            for sym in m.undefined where missingSymbols && provided[sym] == nil && !m.weakUndefined.contains(sym) {
                let detail = kernel.complete ? "\(sym) is not exported by \(kernel.source) or the other modules"
                    : "\(sym) is not exported by any module in \(kernel.source) (vmlinux may export it: check with a Module.symvers)"
                problems.append(Problem(kind: .missingSymbol, module: m.name, symbol: sym, detail: detail))
            }
            for v in m.versions {
                guard let p = provided[v.symbol], let have = p.crc, have != v.crc else { continue }
                problems.append(Problem(kind: .crcMismatch, module: m.name, symbol: v.symbol,
                                        detail: "module expects CRC 0x\(hex8(v.crc)), \(p.provider) has 0x\(hex8(have))"))
            }
        }
        return problems
    }

    /// `v` as 8 lowercase hex digits (how CRCs are printed).
    public static func hex8(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    /// Every `*.ko` (or `.ko.xz`, `.ko.gz`, `.ko.zst`) under `dir` (recursively, sorted), read as modules.
    public static func modules(in dir: String, depth: Int = 0) throws -> [KernelModule] {
        guard depth < 16 else { return [] }
        var out: [KernelModule] = []
        for name in try FS.list(dir) {
            let p = dir + "/" + name
            if FS.isDirectory(p) { out += try modules(in: p, depth: depth + 1) }
            else if [".ko", ".ko.xz", ".ko.gz", ".ko.zst"].contains(where: { name.hasSuffix($0) }), FS.isRegularFile(p) { out.append(try KernelModule.open(p)) }
        }
        return out
    }
}
