import Apk
import BinaryIO
import KernelABI
import PackageManagers
import Platform

/// The apk-era (OpenWrt 25.x) side of `rebase`: the same evidence ladder, then
/// `ApkFeed.rebase` rewrites each package's `kernel=V~hash-rR` dependency and re-signs
/// packages.adb with an ECDSA key (../shared/docs/openwrt-formats.md §5).
enum ApkRebaseEngine {
    static func run(_ options: RebaseOptions, images: [ImageSide], progress: ((String) -> Void)?,
                    meter: ProgressMeter? = nil) throws -> RebaseReport {
        let dir = options.feed
        progress?("reading apk feed \(dir)")
        var verification = FeedLoader.Verification(signature: "not-verified (no --trusted-keys given)", fingerprint: nil,
                                                   keyFile: nil, packagesChecked: 0, packagesFailed: [])
        var warnings: [String] = []
        if let trusted = options.trustedKeys {
            let v = try ApkFeed.verify(dir, keysDir: trusted)
            guard v.index.isTrusted else {
                throw FormatError(.checksum, context: "verify feed signature", "packages.adb: no signature verifies against the PEM keys in \(trusted)", file: dir)
            }
            let failed = v.packages.filter { $0.status != "ok" && $0.status != "missing" }
            verification = .init(signature: "ok", fingerprint: nil, keyFile: v.keysLoaded.first,
                                 packagesChecked: v.packages.count, packagesFailed: failed.map(\.name))
            if !failed.isEmpty {
                throw FormatError(.checksum, context: "verify feed", "packages that do not match packages.adb: \(failed.map(\.file).joined(separator: ", "))", file: dir)
            }
        } else {
            warnings.append("the input feed's signature was NOT verified (give --trusted-keys DIR of PEM keys to verify it)")
        }
        for i in images {
            for l in i.lostEvidence { warnings.append("image \(i.path): evidence lost: \(l)") }
        }
        // Feed side: the kernel version the packages depend on, and the modules they ship.
        var kernels: [String: [String]] = [:]
        var modules: [(package: String, module: KernelModule)] = []
        var archs = Set<String>()
        var names: [String: String] = [:]
        let apks = try FS.list(dir).filter(ApkFeed.isPackageFileName)
        meter?.begin("read \(FS.basename(of: dir))", total: apks.count, unit: .items)
        for name in apks {
            defer { meter?.add(1) }
            let path = dir + "/" + name
            let pkg = try withFile(path) { try ApkPackage(path: path) }
            guard pkg.info.name != "kernel", let k = pkg.info.kernelDependency?.version else { continue }
            kernels[k, default: []].append(pkg.info.name)
            names[name] = pkg.info.name
            if let a = pkg.info.arch, a != "noarch", a != "all" { archs.insert(a) }
            for (p, bytes) in try withFile(path, { try pkg.fileContents() }) where p.hasSuffix(".ko") {
                modules.append((pkg.info.name, try withFile(path) { try KernelModule(parsing: bytes, path: "\(name):\(p)") }))
            }
        }
        guard let feedKernel = kernels.keys.first, kernels.count == 1 else {
            throw FormatError(.invalid, context: "read apk feed", kernels.isEmpty ? "no package depends on kernel=VERSION: nothing to rebase"
                              : "packages depend on several kernel versions: \(kernels.keys.sorted().joined(separator: ", "))", file: dir)
        }
        guard let kpv = KernelPackageVersion(feedKernel) else {
            throw FormatError(.invalid, context: "read apk feed", "kernel version \(feedKernel) carries no vermagic", file: dir)
        }
        let feedDigest = try options.feedKernel.map { (try ImageLoader.kernelDigest(ofFile: $0), $0) } ?? ImageLoader.findFeedKernel(besides: dir)
        let side = FeedSide(directory: dir, kernelPackage: kpv, archs: archs.sorted(), modules: modules,
                            config: try options.feedConfig.map { try KernelConfig.open($0) }, configSource: options.feedConfig,
                            kernelDigest: feedDigest?.0, kernelSource: feedDigest?.1)
        let abiSet: ABIRelevantSet? = try options.kernelSource.map {
            try HeaderScanner.scan(root: $0, series: "custom", origin: $0, regenerate: "imagetool vermagic --kernel-src \($0)")
        }
        let symvers = try options.symvers.map { try ModuleSymvers.open($0) }
        let verdicts = images.map { Compatibility.decide(image: $0, feed: side, abiSet: abiSet, force: options.force, symvers: symvers) }
        let targets = Array(Set(images.map(\.kernelPackage.raw))).sorted()
        var report = RebaseReport(feed: dir, output: options.output, feedKernel: feedKernel, targetKernels: targets,
                                  verification: verification, verdicts: verdicts, packages: [],
                                  forced: verdicts.contains { $0.forced }, refused: false, signedBy: nil,
                                  publicKeyFile: nil, customfeedsLine: nil, warnings: warnings,
                                  inputDigest: options.inputDigest)
        if verdicts.contains(where: { !$0.compatible }) { report.refused = true; return report }
        guard targets.count == 1, let target = targets.first else {
            throw FormatError(.refused, context: "rebase apk feed",
                              "images run different kernels (\(targets.joined(separator: ", "))); apk dependencies have no alternatives: rebase once per kernel")
        }
        let key = try ApkKey(path: options.signingKey, private: true)
        progress?("writing \(options.output)")
        try FS.makeDirectories(FS.dirname(of: FS.absolute(options.output)))
        // The report is completed and written inside the unpublished folder, so it appears
        // together with the feed (a full disk or a kill never publishes a feed without it).
        let base = report
        let r = try ApkFeed.rebase(dir, kernelVersion: target, outDir: options.output, key: key) { r, tmp in
            let full = complete(base, r, names: names, feedKernel: feedKernel, target: target, options: options)
            try FS.writeNew(try ReportRendering.json(full), to: tmp + "/imagetool-rebase.json")
        }
        return complete(base, r, names: names, feedKernel: feedKernel, target: target, options: options)
    }

    /// `base` with the packages, warnings, signer and feed line of the apk rebase `r`.
    static func complete(_ base: RebaseReport, _ r: ApkFeed.RebaseReport, names: [String: String], feedKernel: String,
                         target: String, options: RebaseOptions) -> RebaseReport {
        var report = base
        for f in r.rewritten {
            report.packages.append(PackageAction(package: names[f] ?? f, filename: f, action: .rewritten,
                                                 detail: ["depends: kernel=\(feedKernel) -> kernel=\(target)"]))
        }
        for f in r.copied where ApkFeed.isPackageFileName(f) {
            report.packages.append(PackageAction(package: names[f] ?? f, filename: f, action: .kept, detail: []))
        }
        for f in r.kernelPackagesRemoved {
            report.packages.append(PackageAction(package: "kernel", filename: f, action: .refused,
                                                 detail: ["the feed's own kernel package is left out so apk cannot replace the image's kernel (openwrt #16808)"]))
        }
        if !r.indexEntriesRemoved.isEmpty {
            report.warnings.append("\(r.indexEntriesRemoved.count) index entries naming another kernel had no package file and were removed")
        }
        report.signedBy = r.signedBy
        report.publicKeyFile = nil
        report.customfeedsLine = "\(options.feedURL ?? "file://" + FS.absolute(options.output))/packages.adb"
        report.packageManager = .apk
        return report
    }
}
