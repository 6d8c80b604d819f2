import ArgumentParser
import BinaryIO
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import KernelABI
import Platform

/// `imagetool vermagic` — OpenWrt's kernel hash and the ABI fingerprint of a kernel config.
struct VermagicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vermagic",
        abstract: "Compute OpenWrt's vermagic of a kernel config, its ABI fingerprint, or explain two configs.",
        subcommands: [Show.self, Explain.self, ConfigSetCommand.self, Scan.self],
        defaultSubcommand: Show.self)

    /// Options choosing the ABI-relevant set.
    struct SetOptions: ParsableArguments {
        @Option(name: .customLong("kernel-src"), help: "Kernel source or headers tree to scan for ABI-relevant options (include/, arch/*/include/).")
        var kernelSrc: String?
        @Option(help: "Kernel series (e.g. 6.1) whose shipped ABI set to use, when the config does not name its version.")
        var series: String?
        @Flag(help: "For a series between two shipped sets (e.g. 6.6 between 6.1 and 6.12), use the union of those sets instead of classic strictness.")
        var approximateSet = false

        /// The set (`ABIFingerprint.chooseSet`), its warnings printed.
        func resolve(for config: KernelConfig, out: Output) throws -> ABIRelevantSet? {
            let (set, warnings) = try ABIFingerprint.chooseSet(for: config, kernelSource: kernelSrc, series: series, approximate: approximateSet)
            for w in warnings { out.warn(w) }
            return set
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the classic vermagic of CONFIG (and with --abi the ABI fingerprint).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var sets: SetOptions
        @Argument(help: "Kernel config (.config, .config.set, config-X.Y fragment).") var config: String
        @Flag(help: "Also compute the ABI fingerprint (=y lines, ABI-relevant =m lines, values headers use).") var abi = false

        struct Report: Encodable { var config: String; var vermagic: String; var lines: Int; var abi: ABI? }
        struct ABI: Encodable { var fingerprint: String; var lines: Int; var set: String?; var note: String }

        func run() throws {
            try CLI.run(global) { out in
                let cfg = try KernelConfig.open(config)
                let classic = Vermagic.classic(cfg)
                var report = Report(config: config, vermagic: classic, lines: Vermagic.classicLines(cfg).count, abi: nil)
                if abi {
                    let fp = ABIFingerprint.compute(cfg, set: try sets.resolve(for: cfg, out: out))
                    report.abi = ABI(fingerprint: fp.hash, lines: fp.lines.count, set: fp.setSeries, note: fp.note)
                }
                if global.json { try out.json(report); return }
                out.line(abi ? "vermagic \(classic)" : classic)
                if let a = report.abi { out.line("abi      \(a.fingerprint)  (\(a.lines) lines; \(a.note))") }
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Classify the differences between two kernel configs and say whether modules stay compatible.",
            discussion: "Exit code 0 when compatible, 3 when modules built for one config are unsafe on the other.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var sets: SetOptions
        @Argument(help: "Config of the kernel on the device.") var old: String
        @Argument(help: "Config the modules were built for.") var new: String

        struct Report: Encodable {
            var old: String; var new: String; var vermagicOld: String; var vermagicNew: String
            var abiOld: String; var abiNew: String; var set: String?
            var compatible: Bool; var verdict: String; var notes: [String]; var changes: [ConfigDiff.Line]
        }

        func run() throws {
            try CLI.run(global) { out in
                let a = try KernelConfig.open(old), b = try KernelConfig.open(new)
                let set = try sets.resolve(for: a, out: out)
                let diff = ConfigDiff.explain(old: a, new: b, set: set)
                let fa = ABIFingerprint.compute(a, set: set), fb = ABIFingerprint.compute(b, set: set)
                let r = Report(old: old, new: new, vermagicOld: Vermagic.classic(a), vermagicNew: Vermagic.classic(b),
                               abiOld: fa.hash, abiNew: fb.hash, set: set?.series, compatible: diff.compatible,
                               verdict: diff.verdict, notes: diff.notes, changes: diff.lines)
                if global.json { try out.json(r) } else {
                    out.line("vermagic  \(r.vermagicOld) -> \(r.vermagicNew)\(r.vermagicOld == r.vermagicNew ? " (same)" : " (differs)")")
                    out.line("abi       \(r.abiOld) -> \(r.abiNew)\(r.abiOld == r.abiNew ? " (same)" : " (differs)")")
                    for l in diff.lines {
                        out.line("  \(Text.left(l.classification.rawValue, 21)) CONFIG_\(l.option): \(l.old) -> \(l.new)  \(l.reason)")
                    }
                    for n in diff.notes { out.line("note: \(n)") }
                    out.line(diff.verdict)
                }
                if !diff.compatible { throw ExitCode(Exit.refused) }
            }
        }
    }

    struct ConfigSetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "configset", abstract: "Rebuild .config.set from .config.target and .config.override (kconfig.pl 'm+') and print its vermagic.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ".config.target") var target: String
        @Argument(help: ".config.override") var override: String
        @Option(help: "Lines Kernel/SetNoInitramfs appends: current, source-only, none.") var initramfsTail: String = "current"
        @Option(name: .shortAndLong, help: "Write the rebuilt .config.set here (atomically).") var output: String?

        func run() throws {
            try CLI.run(global) { out in
                guard let tail = ConfigSet.InitramfsTail(rawValue: initramfsTail) else {
                    throw FormatError(.usage, context: "--initramfs-tail", "expected current, source-only or none")
                }
                let t = try withFile(target) { try FS.read(target, limit: 64 << 20) }
                let o = try withFile(override) { try FS.read(override, limit: 64 << 20) }
                let set = ConfigSet.reconstruct(target: t, override: o, tail: tail)
                if let output { try FS.writeAtomically(set, to: output) }
                let v = Vermagic.classic(KernelConfig(bytes: set))
                if global.json { try out.json(["vermagic": v]) } else { out.line(v) }
            }
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scan", abstract: "Scan a kernel headers tree for ABI-relevant options and print the set (or the Swift file shipped in Sources/KernelABI/ABISets).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("kernel-src"), help: "Kernel source or headers tree.") var kernelSrc: String
        @Option(help: "Kernel series label, e.g. 6.1.") var series: String
        @Option(help: "Where the headers came from (recorded in the set).") var origin: String?
        @Option(help: "Emit a Swift source file defining this enum name.") var swift: String?

        func run() throws {
            try CLI.run(global) { out in
                var cmd = "imagetool vermagic scan --kernel-src \(kernelSrc) --series \(series)"
                if let origin { cmd += " --origin '\(origin)'" }
                if let swift { cmd += " --swift \(swift) > Sources/KernelABI/ABISets/\(swift).swift" }
                let set = try HeaderScanner.scan(root: kernelSrc, series: series, origin: origin ?? kernelSrc, regenerate: cmd)
                if let swift { out.raw(set.swiftSource(typeName: swift)) }
                else if global.json { try out.json(set.symbols) } else { out.raw(set.serialized()) }
            }
        }
    }
}

/// `imagetool modinfo` — the `.modinfo` of kernel modules (and optionally CRCs and symbols).
struct ModinfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modinfo", abstract: "Show what kernel modules (.ko, ELF32/64, LE/BE) say about themselves.",
        discussion: """
        Human output prints each .modinfo field as stored ('key: value', repeated keys repeated). \
        --json prints an array with one object per file: "filename" (a string) and every .modinfo key exactly \
        as stored, each mapped to an ARRAY of its values in stored order (so repeated keys like alias, parm, \
        depends survive). With --versions/--symbols the objects also get "__versions" ([{crc, symbol}]), \
        "__exports" ([{symbol, gpl, crc}]) and "__undefined" ([names]); .modinfo keys never start with "__".
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Module files.") var files: [String]
    @Flag(help: "Also show __versions (imported symbol CRCs).") var versions = false
    @Flag(help: "Also show exported and undefined symbols.") var symbols = false

    struct Entry: Encodable {
        var module: KernelModule
        var versions: Bool
        var symbols: Bool
        struct Key: CodingKey {
            var stringValue: String; var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(module.path, forKey: Key("filename"))
            var seen: [String] = []
            for (k, _) in module.modinfo where !seen.contains(k) { seen.append(k) }
            for k in seen { try c.encode(module.values(k), forKey: Key(k)) }
            if versions { try c.encode(module.versions, forKey: Key("__versions")) }
            if symbols {
                try c.encode(module.exports, forKey: Key("__exports"))
                try c.encode(module.undefined, forKey: Key("__undefined"))
            }
        }
    }

    func run() throws {
        try CLI.run(global) { out in
            let mods = try files.map { try KernelModule.open($0) }
            if global.json { try out.json(mods.map { Entry(module: $0, versions: versions, symbols: symbols) }); return }
            for m in mods {
                out.line(pad("filename:") + m.path)
                for (k, v) in m.modinfo { out.line(pad(k + ":") + v) }
                if let sig = m.signature { out.line(pad("sig_id:") + sig.idType + " (\(sig.length) bytes appended)") }
                if versions { for v in m.versions { out.line(pad("__versions:") + "0x\(ModuleCheck.hex8(v.crc)) \(v.symbol)") } }
                if symbols {
                    for e in m.exports { out.line(pad("export:") + e.symbol + (e.gpl ? " GPL" : "") + (e.crc.map { " 0x" + ModuleCheck.hex8($0) } ?? "")) }
                    for u in m.undefined { out.line(pad("needs:") + u + (m.weakUndefined.contains(u) ? " (weak)" : "")) }
                }
            }
        }
    }

    func pad(_ s: String) -> String { s.count >= 16 ? s : s + String(repeating: " ", count: 16 - s.count) }
}

/// `imagetool modcheck` — can these modules load on that kernel?
struct ModcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modcheck", abstract: "Check that modules can load on a kernel: release, vermagic, symbols and CRCs.",
        discussion: "--against takes a Module.symvers or a folder of the kernel's modules (e.g. an extracted rootfs's /lib/modules/<release>), and may be repeated. A folder alone does not know vmlinux's exports: symbols no module there exports are reported as 'unresolved' (a warning) unless a Module.symvers is given too. Exit code 0 when no fatal problem is found, 1 otherwise.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Modules to check.") var files: [String]
    @Option(help: "Module.symvers or a folder of .ko files of the target kernel (repeatable: a Module.symvers plus the image's modules).") var against: [String]
    @Option(help: "Module vermagic string the kernel requires (e.g. '6.6.110 SMP mod_unload'); default: from the --against modules.") var vermagic: String?
    @Option(help: "Kernel release (default: from --vermagic, the --against modules, or a lib/modules/<release> folder name).") var release: String?

    struct Report: Encodable { var against: [String]; var release: String?; var vermagic: String?; var modules: [String]; var ok: Bool
        /// Problems that prevent loading.
        var problems: [ModuleCheck.Problem]
        /// Symbols no --against source exports when none of them lists vmlinux (warnings).
        var unresolved: [ModuleCheck.Problem]
    }

    func run() throws {
        try CLI.run(global) { out in
            let mods = try files.map { try KernelModule.open($0) }
            let side = try ModuleCheck.KernelSide.open(against, release: release, vermagic: vermagic)
            let problems = ModuleCheck.check(mods, against: side)
            let fatal = problems.filter { ModuleCheck.isFatal($0, against: side) }
            if global.json {
                try out.json(Report(against: against, release: side.release, vermagic: side.vermagic, modules: mods.map(\.name), ok: fatal.isEmpty, problems: fatal,
                                      unresolved: problems.filter { !ModuleCheck.isFatal($0, against: side) }))
            } else {
                for p in fatal { out.line("\(p.module): \(p.kind.rawValue): \(p.detail)") }
                let unresolved = problems.count - fatal.count
                if unresolved > 0 {
                    out.warn("\(unresolved) symbol(s) not exported by any module in \(side.source); vmlinux may export them (add --against Module.symvers to check)")
                    for p in problems where !ModuleCheck.isFatal(p, against: side) { out.detail("\(p.module): unresolved: \(p.symbol ?? "")") }
                }
                out.line(fatal.isEmpty ? "ok: \(mods.count) module(s) can load on \(side.source)\(unresolved > 0 ? " (\(unresolved) unresolved)" : "")" : "\(fatal.count) problem(s)")
            }
            if !fatal.isEmpty { throw ExitCode(Exit.failed) }
        }
    }
}
