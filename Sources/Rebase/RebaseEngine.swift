import Apk
import BinaryIO
import Dispatch
import FeedRewrite
import KernelABI

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
    /// "opkg" or "apk".
    public var packageManager: String = "opkg"

    public var rewritten: Int { packages.filter { $0.action == .rewritten }.count }
    public var kept: Int { packages.filter { $0.action == .kept }.count }
    public var refusedPackages: Int { packages.filter { $0.action == .refused }.count }
}

/// Runs rebases: read -> decide -> plan -> write atomically (../shared/docs/ARCHITECTURE.md).
public enum RebaseEngine {
    /// Rebases `options.feed` onto `images` (already loaded). Returns the report; when any
    /// image is refused, nothing is written and `report.refused` is true.
    public static func run(_ options: RebaseOptions, images: [ImageSide], progress: ((String) -> Void)? = nil) throws -> RebaseReport {
        if ApkFeed.detect(options.feed) {
            return try ApkRebaseEngine.run(options, images: images, progress: progress)
        }
        let secret = try Usign.SecretKey.load(options.signingKey)
        progress?("reading feed \(options.feed)")
        let feedDigest = try options.feedKernel.map { path -> (digest: String, source: String) in
            (try ImageLoader.kernelDigest(ofFile: path), path)
        } ?? ImageLoader.findFeedKernel(besides: options.feed)
        let loaded = try FeedLoader.load(options.feed, trustedKeys: options.trustedKeys, config: options.feedConfig,
                                         feedKernelDigest: feedDigest)
        var warnings: [String] = []
        if options.trustedKeys == nil {
            warnings.append("the input feed's signature was NOT verified (give --trusted-keys DIR to verify it)")
        }
        for (file, why) in loaded.integrityFailures.sorted(by: { $0.key < $1.key }) {
            warnings.append("package \(file) refused: \(why) (its file does not match the input index)")
        }
        let abiSet: ABIRelevantSet? = try options.kernelSource.map { src in
            try HeaderScanner.scan(root: src, series: "custom", origin: src, regenerate: "imagetool vermagic --kernel-src \(src)")
        }
        let symvers = try options.symvers.map { try ModuleSymvers.load($0) }
        progress?("deciding compatibility")
        let verdicts = images.map {
            Compatibility.decide(image: $0, feed: loaded.side, abiSet: abiSet, force: options.force, symvers: symvers)
        }
        var targets: [String] = []
        for i in images where !targets.contains(i.kernelPackage.raw) { targets.append(i.kernelPackage.raw) }
        let plan = try RebasePlan.make(stanzas: loaded.feed.stanzas, feedKernel: loaded.side.kernelPackage.raw,
                                       targets: targets, refused: loaded.integrityFailures)
        var report = RebaseReport(feed: options.feed, output: options.output, feedKernel: loaded.side.kernelPackage.raw,
                                  targetKernels: targets, verification: loaded.verification, verdicts: verdicts,
                                  packages: plan.actions, forced: verdicts.contains { $0.forced }, refused: false,
                                  signedBy: nil, publicKeyFile: nil, customfeedsLine: nil, warnings: warnings)
        if verdicts.contains(where: { !$0.compatible }) {
            report.refused = true
            return report
        }
        progress?("writing \(options.output)")
        try write(plan: plan, loaded: loaded, secret: secret, options: options, report: &report)
        return report
    }

    static func write(plan: RebasePlan, loaded: FeedLoader.Loaded, secret: Usign.SecretKey,
                      options: RebaseOptions, report: inout RebaseReport) throws {
        let dir = options.feed
        let refusedFiles = Set(plan.actions.filter { $0.action == .refused }.map(\.filename))
        let pubName = Usign.fingerprintName(secret.fingerprint)
        let absOut = options.output.hasPrefix("/") ? options.output : FS.currentDirectory() + "/" + options.output
        let name = "imagetool_" + FS.basename(of: absOut).map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let line = "src/gz \(String(name)) \(options.feedURL ?? "file://" + absOut)"
        report.signedBy = Hex.encode(secret.fingerprint)
        report.publicKeyFile = pubName
        report.customfeedsLine = line
        let outputParent = FS.dirname(of: absOut)
        try FS.makeDirectories(outputParent)
        try FS.replaceDirectoryAtomically(absOut) { tmp in
            // Every ipk of the input: rewritten ones re-encoded (data.tar.gz copied), others
            // copied; on both cores.
            let files = loaded.feed.ipkFiles.filter { !refusedFiles.contains($0) }
            for file in files {
                let comps = try SafePath.components(file, context: "write feed")
                if comps.count > 1 { try FS.makeDirectories(tmp + "/" + comps.dropLast().joined(separator: "/")) }
            }
            let errors = ErrorBox()
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                let file = files[i]
                do {
                    let src = dir + "/" + (try SafePath.components(file, context: "write feed")).joined(separator: "/")
                    let dst = try SafePath.join(tmp, file, context: "write feed")
                    let bytes = try FS.read(src, limit: UInt64(IPK.maxOuterSize))
                    if plan.rewrites.contains(file) {
                        let ipk = try IPK.read(bytes: bytes, path: src)
                        let (control, _) = try withFile(src) {
                            try RebasePlan.rewrite(ipk.control, feedKernel: plan.feedKernel, targets: plan.replacementVersions)
                        }
                        try FS.writeNew(try withFile(src) { try ipk.rewritingControl(control) }, to: dst)
                    } else {
                        try FS.writeNew(bytes, to: dst)
                    }
                } catch { errors.record(i, error) }
            }
            if let e = errors.first { throw e }
            if FS.isRegularFile(dir + "/index.json") {
                try FS.writeNew(try FS.read(dir + "/index.json", limit: 64 << 20), to: tmp + "/index.json")
            }
            _ = try FeedIndexWriter.write(tmp, key: secret)
            let pub = secret.publicKeyFile(comment: "imagetool rebased feed public key \(Hex.encode(secret.fingerprint))")
            try FS.writeNew(pub.render(), to: tmp + "/" + pubName)
            try FS.writeNew(Array("\(line)\n".utf8), to: tmp + "/customfeeds.conf")
            try FS.writeNew(try ReportRendering.json(report), to: tmp + "/imagetool-rebase.json")
        }
    }
}

/// The first error (by job index) of a parallel loop.
final class ErrorBox: @unchecked Sendable {
    private var errors: [(Int, Error)] = []
    private let lock = NSLockLike()
    func record(_ i: Int, _ e: Error) { lock.locked { errors.append((i, e)) } }
    var first: Error? { lock.locked { errors.min { $0.0 < $1.0 }?.1 } }
}
