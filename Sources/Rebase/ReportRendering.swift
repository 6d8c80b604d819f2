import BinaryIO
import FoundationEssentials
import PackageManagers

/// Renders rebase reports: stable JSON (sorted keys) and a human table.
public enum ReportRendering {
    /// Pretty JSON with sorted keys and a trailing newline.
    public static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try enc.encode(value)) + [0x0a]
    }

    /// The human report: evidence per image, then one row per package.
    public static func table(_ r: RebaseReport, verbose: Bool = false) -> String {
        var out: [String] = []
        out.append("feed      \(r.feed)  (kernel \(r.feedKernel))")
        out.append("input     signature \(r.verification.signature)\(r.verification.fingerprint.map { ", key \($0)" } ?? ""); \(r.verification.packagesChecked) package(s) checked, \(r.verification.packagesFailed.count) failed")
        for v in r.verdicts {
            let state = v.compatible ? (v.forced ? "FORCED" : "compatible") : "REFUSED"
            out.append("image     \(v.image)  (kernel \(v.imageKernel))")
            out.append("verdict   \(state), evidence: \(v.evidence.rawValue)")
            for c in v.checks {
                out.append("  \(c.outcome == .pass ? "ok  " : c.outcome == .fail ? "FAIL" : "--  ") \(c.name): \(c.detail)")
            }
            for reason in v.reasons {
                out.append("  \(v.forced ? "overridden by --force" : "refused because"): \(reason)")
            }
        }
        if r.refused {
            out.append("nothing written: an image was refused (exit 3). Use --force only if you know the ABI matches.")
        } else {
            out.append("")
            let w = max(8, r.packages.map { $0.package.count }.max() ?? 8)
            out.append("PACKAGE".padding(w) + "  ACTION     DETAIL")
            for p in r.packages where verbose || p.action != .kept {
                out.append(p.package.padding(w) + "  " + p.action.rawValue.padding(9) + "  " + p.detail.joined(separator: "; "))
            }
            out.append("\(r.rewritten) rewritten, \(r.kept) kept\(verbose ? "" : " (not listed; --verbose lists them)"), \(r.refusedPackages) refused")
            out.append("output    \(r.output)  signed by \(r.signedBy ?? "-")\(r.forced ? "  (FORCED: recorded in imagetool-rebase.json)" : "")")
            let family = r.packageManager.family
            switch r.packageManager {
            case .apk: out.append("device    install the signing key's public PEM in \(family.trustedKeysDirectory)/")
            case .opkg: if let k = r.publicKeyFile { out.append("device    copy \(r.output)/\(k) to \(family.trustedKeysDirectory)/\(k)") }
            }
            if let l = r.customfeedsLine { out.append("          add to \(family.customFeedsFile): \(l)") }
        }
        for w in r.warnings { out.append("warning   \(w)") }
        return out.joined(separator: "\n")
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
