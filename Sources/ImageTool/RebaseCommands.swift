import ArgumentParser
import BinaryIO
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Platform
import Rebase

/// `imagetool rebase` — the headline job: make a feed's kmods install on already-flashed
/// images by rewriting their kernel dependency, after proving ABI compatibility.
struct RebaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebase",
        abstract: "Rewrite a feed's kmods to depend on an existing image's kernel, after proving compatibility.",
        discussion: """
        Reads the image(s), verifies the feed (signature with --trusted-keys, and every package's Size and SHA256sum), decides compatibility from the strongest evidence available — (a) the image's decompressed kernel equals the feed build's kernel (--feed-kernel, or found beside the feed), (b) equal ABI fingerprints of the two kernel configs (--config for the feed build; the image's IKCONFIG or --image-config) — and always checks (c) kernel release, arch, module vermagic strings and module symbols. Without (a) or (b) it refuses with exit code 3 and names what differs, unless --force (recorded in the report and the output feed; release/arch mismatches are never overridden).

        Then it rewrites every package whose relationships name the feed's kernel version to the image's kernel version (several images: `kernel (=A) | kernel (=B)`), leaves every other package byte-identical, and writes OUT atomically: ipks, Packages, Packages.gz, Packages.manifest, index.json, Packages.sig signed with --key, the public key named by its fingerprint (for /etc/opkg/keys), customfeeds.conf and imagetool-rebase.json. The input is never modified; two runs give identical output.

        --kernel also takes what is left when the image file is gone, and says which evidence each cannot give: a rootfs folder or a bare squashfs (no kernel: no identical-kernel evidence, no IKCONFIG); a device snapshot made on the router with one command (below; its /proc/config.gz, when the kernel has IKCONFIG_PROC, gives the ABI evidence, else give --image-config or it refuses); or an OpenWrt release's profiles.json (the kernel package's version, vermagic and arch only). The snapshot command (also printed by `imagetool snapshot`):

          \(DeviceSnapshot.command)

        Batch (mirror operators): --batch MANIFEST, a JSON array of {"feed", "images": [...], "out", optional "config", "imageConfig", "feedKernel", "trustedKeys", "force"}; jobs run on both cores; one report. Re-running an interrupted batch keeps the jobs an earlier run finished (their report records a digest of every input; the output must still verify against --key) and redoes the rest; the report says which ("built" or "kept").
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The feed folder (Packages + .ipk files).")
    var feed: String?

    @Option(name: .customLong("kernel"), help: "What the kmods must load on (repeatable): a firmware image, a bare squashfs rootfs, a rootfs folder, a device snapshot (see `imagetool snapshot`) or a release's profiles.json.")
    var images: [String] = []

    @Option(name: .shortAndLong, help: "Output folder for the rebased feed (replaced atomically).")
    var output: String?

    @Option(help: "usign secret key that signs the output feed.")
    var key: String?

    @Option(name: .customLong("trusted-keys"), help: "usign public key file, or a folder of keys named by fingerprint (like /etc/opkg/keys), to verify the input feed.")
    var trustedKeys: String?

    @Option(name: .customLong("config"), help: "Kernel .config of the build that produced the feed.")
    var feedConfig: String?

    @Option(name: .customLong("image-config"), help: "Kernel .config of the image (when its kernel has no IKCONFIG).")
    var imageConfig: String?

    @Option(name: .customLong("kernel-src"), help: "Kernel source or headers tree to scan for ABI-relevant symbols.")
    var kernelSource: String?

    @Option(name: .customLong("feed-kernel"), help: "The feed build's kernel or image file (evidence a).")
    var feedKernel: String?

    @Option(help: "Module.symvers of the image's kernel, for a complete symbol check.")
    var symvers: String?

    @Option(name: .customLong("feed-url"), help: "URL the device will fetch the rebased feed from (for customfeeds.conf).")
    var feedURL: String?

    @Option(help: "Batch manifest (JSON) of many feed/image jobs.")
    var batch: String?

    @Flag(help: "Proceed without proof of ABI compatibility (recorded in the report and the output feed).")
    var force = false

    func validate() throws {
        if batch == nil {
            guard feed != nil else { throw ValidationError("missing FEED (or give --batch MANIFEST)") }
            guard !images.isEmpty else { throw ValidationError("give at least one --kernel IMAGE") }
            guard output != nil else { throw ValidationError("missing -o OUT") }
        }
        guard key != nil else { throw ValidationError("missing --key SECRET (the usign key that signs the output feed)") }
    }

    func run() throws {
        try CLI.run(global) { out in
            let jobs: [RebaseOptions]
            if let batch {
                jobs = try BatchManifest.open(batch).options(defaults: options(feed: "", images: [], output: ""))
            } else {
                jobs = [options(feed: feed ?? "", images: images, output: output ?? "")]
            }
            let reports = try out.withProgress { meter in
                try BatchRunner.run(jobs, resume: batch != nil, progress: { msg in out.detail(msg) }, meter: meter)
            }
            if global.json {
                if batch == nil, let r = reports.first { try out.json(r) } else { try out.json(reports) }
            } else {
                for (i, r) in reports.enumerated() {
                    if i > 0 { out.line("") }
                    if r.batch == "kept" {
                        out.line("job \(i + 1)     kept \(r.output): finished by an earlier run (inputs unchanged, output verified), not redone")
                    } else if r.batch != nil {
                        out.line("job \(i + 1)     built \(r.output)")
                    }
                    out.line(ReportRendering.table(r, verbose: global.verbose))
                }
                if batch != nil {
                    let kept = reports.filter { $0.batch == "kept" }.count
                    out.line("")
                    out.line("batch     \(reports.count) job(s): \(reports.count - kept) built, \(kept) kept from an earlier run")
                }
            }
            for r in reports { for w in r.warnings { out.warn(w) } }
            if reports.contains(where: \.refused) {
                let names = reports.filter(\.refused).flatMap { $0.verdicts.filter { !$0.compatible } }
                    .flatMap { v in v.reasons.map { "\(v.image): \($0)" } }
                throw FormatError(.refused, context: "rebase", "refused: " + (names.first ?? "an image is not compatible")
                                  + (names.count > 1 ? " (+\(names.count - 1) more, see report)" : ""))
            }
        }
    }

    func options(feed: String, images: [String], output: String) -> RebaseOptions {
        RebaseOptions(feed: feed, images: images, output: output, signingKey: key ?? "", trustedKeys: trustedKeys,
                      feedConfig: feedConfig, imageConfig: imageConfig, kernelSource: kernelSource,
                      feedKernel: feedKernel, symvers: symvers, feedURL: feedURL, force: force)
    }
}
