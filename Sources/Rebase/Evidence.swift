import BinaryIO
import KernelABI

/// The compatibility verdict for one image against one feed, with the evidence used
/// (issue: "decide compatibility from the strongest evidence available, and report which").
///
/// Ladder: (a) the image's decompressed kernel equals the feed build's kernel;
/// (b) the ABI fingerprints of the two configs are equal (KernelABI: =y lines plus the =m
/// lines of ABI-relevant symbols); (c) always: same kernel release and arch, equal module
/// vermagic strings, every symbol the new modules need available with equal CRCs.
/// Without (a) or (b) the verdict is a refusal unless forced; (c) release/arch mismatches
/// are never overridable (such a module cannot load at all).
public struct Verdict: Sendable, Codable {
    /// The strongest evidence that held.
    public enum Evidence: String, Sendable, Codable {
        case identicalKernel = "identical-kernel"
        case abiFingerprint = "abi-fingerprint"
        case forced
        case none
    }

    public var image: String
    public var imageKernel: String
    public var feedKernel: String
    public var evidence: Evidence
    public var compatible: Bool
    /// Checks performed, each with its outcome, in the order applied.
    public var checks: [Check]
    /// Why the verdict is a refusal (or what --force overrode).
    public var reasons: [String]
    /// Config lines that differ, classified (when both configs are known).
    public var configDiff: [ConfigDiff.Line]?
    public var forced: Bool

    /// One rung of the ladder.
    public struct Check: Sendable, Codable {
        public enum Outcome: String, Sendable, Codable { case pass, fail, unknown }
        public var name: String
        public var outcome: Outcome
        public var detail: String
    }
}

/// Computes verdicts.
public enum Compatibility {
    /// Decides whether `feed`'s modules may be installed on `image`'s kernel.
    /// `abiSet` overrides the shipped ABI-relevant set (from `--kernel-src`).
    public static func decide(image: ImageSide, feed: FeedSide, abiSet explicitSet: ABIRelevantSet?, force: Bool,
                              symvers: ModuleSymvers? = nil) -> Verdict {
        var checks: [Verdict.Check] = []
        var hardFailures: [String] = []
        var softFailures: [String] = []
        var diff: [ConfigDiff.Line]? = nil

        // (a) identical kernel
        var evidence = Verdict.Evidence.none
        if let a = image.kernelDigest, let b = feed.kernelDigest {
            if a == b {
                evidence = .identicalKernel
                checks.append(.init(name: "identical-kernel", outcome: .pass, detail: "decompressed kernels are equal (sha256 \(a.prefix(16))…, feed kernel \(feed.kernelSource ?? "given"))"))
            } else {
                checks.append(.init(name: "identical-kernel", outcome: .fail, detail: "decompressed kernels differ (image \(a.prefix(16))…, feed \(b.prefix(16))…)"))
            }
        } else {
            var why: [String] = []
            if feed.kernelDigest == nil { why.append("no kernel of the feed's build found beside the feed (give --feed-kernel)") }
            if image.kernelDigest == nil && (image.source != .firmware || feed.kernelDigest != nil) { why.append(image.missingKernelReason) }
            checks.append(.init(name: "identical-kernel", outcome: .unknown, detail: why.joined(separator: "; ")))
        }

        // (b) ABI fingerprint
        if let ic = image.config, let fc = feed.config {
            let set = ABIFingerprint.chooseSet(for: fc, series: image.release.flatMap { KernelConfig.series(of: $0) }, explicit: explicitSet)
            let fi = ABIFingerprint.compute(ic, set: set), ff = ABIFingerprint.compute(fc, set: set)
            let explained = ConfigDiff.explain(old: ic, new: fc, set: set)
            diff = explained.lines
            let setName = set.map { "ABI set \($0.series) (\($0.origin))" } ?? "no ABI-relevant set: every =m line treated as relevant (classic strictness)"
            if fi == ff {
                if evidence == .none { evidence = .abiFingerprint }
                checks.append(.init(name: "abi-fingerprint", outcome: .pass,
                                    detail: "ABI fingerprints equal (\(fi.hash)); \(explained.lines.count) differing line(s), none ABI-relevant; \(setName)"))
            } else {
                let bad = explained.lines.filter { $0.classification == .abiRelevant || $0.classification == .builtinChange }
                let names = bad.prefix(8).map { "\($0.option) (\($0.classification.rawValue)\($0.reason.isEmpty ? "" : ": " + $0.reason))" }
                checks.append(.init(name: "abi-fingerprint", outcome: .fail,
                                    detail: "ABI fingerprints differ (image \(fi.hash), feed \(ff.hash)); \(setName); differing: \(names.joined(separator: "; "))"))
            }
        } else {
            var missing: [String] = []
            if image.config == nil { missing.append(image.missingConfigReason) }
            if feed.config == nil { missing.append("feed build config (give --config)") }
            checks.append(.init(name: "abi-fingerprint", outcome: .unknown, detail: "missing " + missing.joined(separator: " and ")))
        }

        // (c) release, arch, module vermagic, symbols
        let feedRelease = feed.moduleRelease ?? feed.kernelPackage.upstream
        let imageRelease = image.release ?? image.kernelPackage.upstream
        if feedRelease == imageRelease && feed.kernelPackage.upstream == image.kernelPackage.upstream {
            checks.append(.init(name: "kernel-release", outcome: .pass, detail: "both \(imageRelease)"))
        } else {
            let d = "image kernel \(imageRelease) (package \(image.kernelPackage.upstream)), feed modules for \(feedRelease) (package \(feed.kernelPackage.upstream))"
            checks.append(.init(name: "kernel-release", outcome: .fail, detail: d))
            hardFailures.append("kernel release differs: \(d)")
        }
        if let ia = image.arch, !feed.archs.isEmpty {
            if feed.archs.allSatisfy({ $0 == ia }) {
                checks.append(.init(name: "arch", outcome: .pass, detail: "both \(ia)"))
            } else {
                let d = "image \(ia), feed \(feed.archs.joined(separator: ","))"
                checks.append(.init(name: "arch", outcome: .fail, detail: d))
                hardFailures.append("architecture differs: \(d)")
            }
        } else {
            checks.append(.init(name: "arch", outcome: .unknown, detail: "architecture not recorded on one side"))
        }
        let imageMagics = Set(image.modules.compactMap { $0.value("vermagic") })
        let feedMagics = Set(feed.modules.compactMap { $0.module.value("vermagic") })
        if imageMagics.isEmpty || feedMagics.isEmpty {
            checks.append(.init(name: "module-vermagic", outcome: .unknown,
                                detail: imageMagics.isEmpty ? (image.source == .profiles ? "profiles.json lists no modules to compare with"
                                                                                         : "\(image.source.noun) has no modules to compare with")
                                                            : "the feed has no modules"))
        } else if feedMagics.isSubset(of: imageMagics) && imageMagics.count == 1 {
            checks.append(.init(name: "module-vermagic", outcome: .pass, detail: "\"\(imageMagics.first ?? "")\""))
        } else {
            let d = "image \(imageMagics.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), feed \(feedMagics.sorted().map { "\"\($0)\"" }.joined(separator: ", "))"
            checks.append(.init(name: "module-vermagic", outcome: .fail, detail: d))
            hardFailures.append("module vermagic strings differ: \(d)")
        }
        // Symbols: feed modules against the image's modules, the other feed modules, and
        // Module.symvers when given. Without symvers, symbols no module exports are
        // assumed to come from vmlinux (reported).
        let feedModules = feed.modules.map(\.module)
        var kernelSide = ModuleCheck.KernelSide.from(modules: image.modules + feedModules, source: "image modules + feed modules", release: imageRelease)
        if let symvers {
            let s = ModuleCheck.KernelSide.from(symvers: symvers, source: "Module.symvers", release: imageRelease)
            kernelSide.symbols.merge(s.symbols) { have, _ in have }
        }
        let problems = ModuleCheck.check(feedModules, against: kernelSide, missingSymbols: symvers != nil)
            .filter { $0.kind != .releaseMismatch && $0.kind != .vermagicMismatch }
        if problems.isEmpty {
            checks.append(.init(name: "symbols", outcome: .pass,
                                detail: symvers == nil ? "CRCs agree where both sides have them; symbols no module exports assumed from vmlinux (no Module.symvers given)"
                                                       : "every needed symbol provided, CRCs agree"))
        } else {
            let d = problems.prefix(8).map { "\($0.module): \($0.kind.rawValue) \($0.symbol ?? "")" }.joined(separator: "; ")
            checks.append(.init(name: "symbols", outcome: .fail, detail: d))
            softFailures.append("module symbols: \(d)")
        }

        var reasons: [String] = hardFailures
        if evidence == .none {
            let ab = checks.filter { $0.name == "identical-kernel" || $0.name == "abi-fingerprint" }
            reasons.append("no proof of ABI compatibility: " + ab.map { "\($0.name): \($0.detail)" }.joined(separator: " / "))
        }
        reasons.append(contentsOf: softFailures)
        let overridable = hardFailures.isEmpty
        var compatible = reasons.isEmpty
        var forced = false
        if !compatible && force && overridable {
            compatible = true
            forced = true
            evidence = evidence == .none ? .forced : evidence
        }
        return Verdict(image: image.path, imageKernel: image.kernelPackage.raw, feedKernel: feed.kernelPackage.raw,
                       evidence: evidence, compatible: compatible, checks: checks, reasons: reasons,
                       configDiff: diff, forced: forced)
    }
}
