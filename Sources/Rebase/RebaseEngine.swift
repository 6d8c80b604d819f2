import BinaryIO
import Dispatch
import FeedRewrite
import KernelABI
import PackageManagers
import Platform

/// Options of one rebase (one feed against one or more images).
public struct RebaseOptions: Sendable {
    public var feed: String
    public var images: [String]
    public var output: String
    /// usign secret key that signs the output feed.
    public var signingKey: String
    /// Public key file or folder named by fingerprint (like /etc/opkg/keys) to verify the input.
    public var trustedKeys: String?
    /// The feed build's kernel config (`--config`).
    public var feedConfig: String?
    /// The image's kernel config (`--image-config`), when the image has no IKCONFIG.
    public var imageConfig: String?
    /// Kernel headers/source tree to scan for ABI-relevant symbols.
    public var kernelSource: String?
    /// The feed build's kernel or image (`--feed-kernel`); else searched beside the feed.
    public var feedKernel: String?
    /// Module.symvers of the image's kernel, for a complete symbol check.
    public var symvers: String?
    /// URL the device will fetch the rebased feed from (for customfeeds.conf).
    public var feedURL: String?
    public var force: Bool
    /// Digest of every input of a batch job (`BatchResume.inputDigest`), recorded in the
    /// output's report so that a re-run of the batch can keep a finished job; nil otherwise.
    public var inputDigest: String? = nil

    public init(feed: String, images: [String], output: String, signingKey: String, trustedKeys: String? = nil,
                feedConfig: String? = nil, imageConfig: String? = nil, kernelSource: String? = nil,
                feedKernel: String? = nil, symvers: String? = nil, feedURL: String? = nil, force: Bool = false) {
        self.feed = feed; self.images = images; self.output = output; self.signingKey = signingKey
        self.trustedKeys = trustedKeys; self.feedConfig = feedConfig; self.imageConfig = imageConfig
        self.kernelSource = kernelSource; self.feedKernel = feedKernel; self.symvers = symvers
        self.feedURL = feedURL; self.force = force
    }
}

/// The outcome of one rebase, printed as a table or JSON and stored in the output feed as
/// `imagetool-rebase.json`. Contains no time stamps, so two runs give identical output.
public struct RebaseReport: Sendable, Codable {
    public var feed: String
    public var output: String
    public var feedKernel: String
    public var targetKernels: [String]
    public var verification: FeedLoader.Verification
    public var verdicts: [Verdict]
    public var packages: [PackageAction]
    public var forced: Bool
    /// True when nothing was written because an image was refused.
    public var refused: Bool
    public var signedBy: String?
    public var publicKeyFile: String?
    public var customfeedsLine: String?
    public var warnings: [String]
    /// The family of the feed ("opkg" or "apk" in the JSON).
    public var packageManager: PackageManager = .opkg
    /// Batch jobs: the digest of the job's inputs (`RebaseOptions.inputDigest`).
    public var inputDigest: String? = nil
    /// Batch jobs, in the printed report only: "built" (run now) or "kept" (the output of
    /// an earlier run was verified and its inputs are unchanged, so it was not redone).
    public var batch: String? = nil

    public var rewritten: Int { packages.filter { $0.action == .rewritten }.count }
    public var kept: Int { packages.filter { $0.action == .kept }.count }
    public var refusedPackages: Int { packages.filter { $0.action == .refused }.count }
}

/// Runs rebases: read -> decide -> plan -> write atomically (../shared/docs/ARCHITECTURE.md).
public enum RebaseEngine {
    /// Rebases `options.feed` onto `images` (already loaded). Returns the report; when any
    /// image is refused, nothing is written and `report.refused` is true.
    /// `progress` receives --verbose messages; `meter` counts the packages rebased.
    public static func run(_ options: RebaseOptions, images: [ImageSide], progress: ((String) -> Void)? = nil,
                           meter: ProgressMeter? = nil) throws -> RebaseReport {
        switch PackageManager.detect(feed: options.feed) {
        case .apk: return try ApkRebaseEngine.run(options, images: images, progress: progress, meter: meter)
        case .opkg: break
        }
        let secret = try Usign.SecretKey.open(options.signingKey)
        progress?("reading feed \(options.feed)")
        let feedDigest = try options.feedKernel.map { path -> (digest: String, source: String) in
            (try ImageLoader.kernelDigest(ofFile: path), path)
        } ?? ImageLoader.findFeedKernel(besides: options.feed)
        var targets: [String] = []
        for i in images where !targets.contains(i.kernelPackage.raw) { targets.append(i.kernelPackage.raw) }
        let abiSet: ABIRelevantSet? = try options.kernelSource.map { src in
            try HeaderScanner.scan(root: src, series: "custom", origin: src, regenerate: "imagetool vermagic --kernel-src \(src)")
        }
        let symvers = try options.symvers.map { try ModuleSymvers.open($0) }
        let absOut = options.output.hasPrefix("/") ? options.output : FS.currentDirectory() + "/" + options.output
        // The output replaces a whole folder: it must neither be the feed, nor hold it, nor
        // lie inside it.
        guard !FS.isSameOrInside(absOut, options.feed) && !FS.isSameOrInside(options.feed, absOut) else {
            throw FormatError(.usage, context: "rebase", "output folder must be outside the input feed and must not contain it", file: options.output)
        }
        // The packages are read, checked and written into the unpublished output folder in
        // one pass; it is published only when every image is compatible, else discarded
        // (with any parent folders this run created), so a refusal writes nothing.
        // Everything taken from the feed is read before the output is built: a feed folder that
        // disappears part-way then fails the run, never publishes a feed missing a file.
        let indexJSON = FS.isRegularFile(options.feed + "/index.json")
            ? try FS.read(options.feed + "/index.json", limit: 64 << 20) : nil
        let feedIdentity = FS.identity(options.feed + "/Packages")
        let created = try FS.makeDirectoriesRecording(FS.dirname(of: absOut))
        var refusal: RebaseReport? = nil
        do {
            return try FS.replaceDirectoryAtomically(absOut) { tmp -> RebaseReport in
                let loaded = try FeedLoader.load(options.feed, trustedKeys: options.trustedKeys, config: options.feedConfig,
                                                 feedKernelDigest: feedDigest, targets: targets, output: tmp,
                                                 previous: FS.isDirectory(absOut) ? absOut : nil, progress: meter)
                // A feed folder removed, renamed or re-indexed while its packages were read
                // would look like packages gone missing: fail instead of publishing that.
                guard let id = feedIdentity, FS.identity(options.feed + "/Packages") == id else {
                    throw FormatError(.io, context: "read feed", "the feed changed or disappeared while it was read; nothing written",
                                      file: options.feed)
                }
                // The packages are written: flush them to disk while the verdicts, index and
                // report are computed (publishing syncs again, then only the small files).
                let flushed = DispatchGroup()
                DispatchQueue.global().async(group: flushed) { try? FS.syncFileSystem(of: tmp) }
                defer { flushed.wait() }
                var warnings: [String] = []
                if options.trustedKeys == nil {
                    warnings.append("the input feed's signature was NOT verified (give --trusted-keys DIR to verify it)")
                }
                for i in images {
                    for l in i.lostEvidence { warnings.append("image \(i.path): evidence lost: \(l)") }
                }
                for (file, why) in loaded.integrityFailures.sorted(by: { $0.key < $1.key }) {
                    warnings.append("package \(file) refused: \(why) (its file does not match the input index)")
                }
                progress?("deciding compatibility")
                let verdicts = images.map {
                    Compatibility.decide(image: $0, feed: loaded.side, abiSet: abiSet, force: options.force, symvers: symvers)
                }
                var report = RebaseReport(feed: options.feed, output: options.output, feedKernel: loaded.side.kernelPackage.raw,
                                          targetKernels: targets, verification: loaded.verification, verdicts: verdicts,
                                          packages: loaded.plan.actions, forced: verdicts.contains { $0.forced }, refused: false,
                                          signedBy: nil, publicKeyFile: nil, customfeedsLine: nil, warnings: warnings,
                                          inputDigest: options.inputDigest)
                if verdicts.contains(where: { !$0.compatible }) {
                    report.refused = true
                    refusal = report
                    throw Refused()
                }
                progress?("writing \(options.output)")
                meter?.begin("sign \(FS.basename(of: options.output))", total: 0)
                try finish(tmp, loaded: loaded, secret: secret, options: options, absOut: absOut, indexJSON: indexJSON,
                           report: &report)
                return report
            }
        } catch {
            for d in created.reversed() { FS.removeEmptyDirectory(d) }
            if let refusal, error is Refused { return refusal }
            throw error
        }
    }

    /// Thrown inside the unpublished folder's body to discard it.
    struct Refused: Error {}

    /// Completes the unpublished output folder `tmp` (the ipks are already in it): index,
    /// Packages.sig, public key, customfeeds.conf line and the report.
    static func finish(_ tmp: String, loaded: FeedLoader.Loaded, secret: Usign.SecretKey,
                       options: RebaseOptions, absOut: String, indexJSON: [UInt8]?, report: inout RebaseReport) throws {
        let pubName = Usign.fingerprintName(secret.fingerprint)
        let name = "imagetool_" + FS.basename(of: absOut).map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let line = "src/gz \(String(name)) \(options.feedURL ?? "file://" + absOut)"
        report.signedBy = Hex.encode(secret.fingerprint)
        report.publicKeyFile = pubName
        report.customfeedsLine = line
        if let indexJSON { try FS.writeNew(indexJSON, to: tmp + "/index.json") }
        _ = try FeedIndexWriter.write(tmp, key: secret, prebuilt: PackagesIndex(entries: loaded.entries),
                                      prebuiltMD5: loaded.includeMD5)
        let pub = secret.publicKeyFile(comment: "imagetool rebased feed public key \(Hex.encode(secret.fingerprint))")
        try FS.writeNew(pub.render(), to: tmp + "/" + pubName)
        try FS.writeNew(Array("\(line)\n".utf8), to: tmp + "/customfeeds.conf")
        try FS.writeNew(try ReportRendering.json(report), to: tmp + "/imagetool-rebase.json")
    }
}
