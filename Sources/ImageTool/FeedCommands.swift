import ArgumentParser
import BinaryIO
import Platform
import FeedRewrite
import PackageManagers

/// `imagetool feed ...` — opkg feed folders.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Verify and index opkg feeds (and apk v3 feeds, detected automatically).",
        subcommands: [FeedVerify.self, FeedIndex.self])
}

/// `imagetool feed verify DIR (--key PUB | --keys DIR)`.
struct FeedVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check Packages.sig, then every package's Size and SHA256sum; exit 1 on any failure.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Feed folder holding Packages, Packages.sig and the .ipk files.") var dir: String
    @Option(name: .long, help: "Trusted public key file.") var key: String?
    @Option(name: .long, help: "Folder of trusted keys named by fingerprint (like /etc/opkg/keys).") var keys: String?

    func validate() throws {
        if (key == nil) == (keys == nil) { throw ValidationError("give exactly one of --key PUB or --keys DIR") }
    }

    func run() throws {
        try CLI.run(global) { out in
            switch try PackageManager.detect(feed: dir).family.verifyFeed(dir, keys: key.map { .file($0) } ?? .directory(keys ?? "")) {
            case .apk(let v, let keys): try ApkVerify.render(v, feed: dir, keys: keys, out: out)
            case .opkg(let r): try Self.render(r, out: out)
            }
        }
    }

    /// The opkg feed check as a table or JSON; exit 1 when it failed.
    static func render(_ r: Feed.VerifyReport, out: Output) throws {
        if out.global.json {
            try out.json(r)
        } else {
            let sig: String
            switch r.signature {
            case .ok: sig = "ok (key \(r.signatureFingerprint ?? "?")\(r.keyFile.map { ", \($0)" } ?? ""))"
            case .bad: sig = "BAD: Packages does not match Packages.sig (key \(r.signatureFingerprint ?? "?"))"
            case .missing: sig = "MISSING: no Packages.sig"
            case .unknownKey: sig = "UNKNOWN KEY \(r.signatureFingerprint ?? "?"): no trusted key with this fingerprint"
            }
            out.line("signature: \(sig)")
            if r.packagesGzMatches == false { out.line("FAIL Packages.gz does not decompress to Packages") }
            for p in r.packages where p.status != .ok {
                var d = "\(p.package) (\(p.filename)): \(p.status.rawValue)"
                if p.status == .sizeMismatch { d += ": index \(p.expectedSize ?? 0), file \(p.actualSize ?? 0)" }
                if p.status == .digestMismatch { d += ": index \(p.expectedSHA256 ?? "?"), file \(p.actualSHA256 ?? "?")" }
                out.line("FAIL \(d)")
            }
            out.line("packages: \(r.packages.count - r.failedPackages) ok, \(r.failedPackages) failed, \(r.unindexed.count) not indexed\(r.unindexed.isEmpty ? "" : " (\(r.unindexed.joined(separator: ", ")))")")
            out.line(r.ok ? "feed OK" : "feed FAILED")
        }
        if !r.ok { throw ExitCode(Exit.failed) }
    }
}

/// `imagetool feed index DIR [--sign SECRET]`.
struct FeedIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Regenerate Packages, Packages.gz, Packages.manifest (and index.json if present) from the .ipk files; sign with --sign.",
        discussion: "Follows OpenWrt's scripts/ipkg-make-index.sh and package/Makefile: kernel_* and libc_* are not indexed; Packages drops Maintainer/LicenseFiles/Source*/Require* lines; the usign padding is applied. Without --sign a Packages.sig that no longer matches is removed.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Feed folder.") var dir: String
    @Option(name: .long, help: "usign secret key to write Packages.sig with.") var sign: String?

    func run() throws {
        try CLI.run(global) { out in
            let family = PackageManager.detect(feed: dir, signingKey: sign).family
            switch try out.withProgress({ try family.indexFeed(dir, signingKey: sign, progress: $0) }) {
            case .apk(let index, let output, let signedBy): try ApkIndexCommand.render(index, output: output, signedBy: signedBy, out: out)
            case .opkg(let r):
                if global.json { try out.json(r); return }
                out.line("indexed \(r.packages) packages in \(dir)\(r.skipped.isEmpty ? "" : " (not indexed: \(r.skipped.joined(separator: ", ")))")")
                if !r.written.isEmpty { out.line("written: \(r.written.joined(separator: ", "))") }
                if !r.unchanged.isEmpty { out.line("unchanged: \(r.unchanged.joined(separator: ", "))") }
                if r.usignPadding { out.line("usign padding applied to Packages") }
                if let s = r.signedBy { out.line("signed by key \(s)") }
                if r.removedStaleSignature { out.warn("removed stale \(dir)/Packages.sig (sign with --sign SECRET)") }
            }
        }
    }
}
