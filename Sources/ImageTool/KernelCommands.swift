import ArgumentParser
import BinaryIO
import Foundation
import KernelABI

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

        /// The set: scanned, shipped for --series or the config's version, or nil (classic strictness).
        func resolve(for config: KernelConfig, out: Output) throws -> ABIRelevantSet? {
            if let dir = kernelSrc {
                let s = series ?? config.series ?? "unknown"
                return try HeaderScanner.scan(root: dir, series: s, origin: dir, regenerate: "imagetool vermagic scan --kernel-src \(dir) --series \(s)")
            }
            let set = ABIFingerprint.chooseSet(for: config, series: series)
            if set == nil {
                out.warn("no ABI-relevant set for kernel series \(series ?? config.series ?? "unknown") (shipped: \(ABIRelevantSet.shipped.map(\.series).joined(separator: ", "))): every =m line counts (classic strictness); use --kernel-src DIR or --series")
            }
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
                let cfg = try KernelConfig.load(config)
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
                let a = try KernelConfig.load(old), b = try KernelConfig.load(new)
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
                        out.line("  \(l.classification.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0)) CONFIG_\(l.option): \(l.old) -> \(l.new)  \(l.reason)")
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
                if let swift { print(set.swiftSource(typeName: swift), terminator: "") }
                else if global.json { try out.json(set.symbols) } else { print(set.serialized(), terminator: "") }
            }
        }
    }
}

struct ModinfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "modinfo", abstract: "Show .modinfo of kernel modules")
    @OptionGroup var global: GlobalOptions
    func run() throws {}
}
struct ModcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "modcheck", abstract: "Check modules")
    @OptionGroup var global: GlobalOptions
    func run() throws {}
}
