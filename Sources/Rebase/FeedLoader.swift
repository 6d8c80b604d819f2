import BinaryIO
import Digests
import FeedRewrite
import KernelABI
import Platform

/// Reads the feed side of a rebase in one pass over its packages: the index, its
/// verification, the kernel version the kmods depend on, the modules inside the kmod
/// packages (read from data.tar.gz without writing anything) and — since the rewrite of a
/// package depends only on the target kernels — each package's output, written into the
/// (still unpublished) output folder, and its index entry.
///
/// Each ipk is read, hashed and decompressed once; the writer and the index use what this
/// pass prepared instead of reading the files again, and memory holds only the packages in
/// flight. When the rebase is refused, the caller discards the unpublished folder.
public enum FeedLoader {
    /// The loaded feed and what verifying it found.
    public struct Loaded: Sendable {
        public var feed: Feed
        public var side: FeedSide
        public var verification: Verification
        /// Packages whose file failed the index's Size/SHA256sum (file name -> reason).
        public var integrityFailures: [String: String]
        /// Index entries of the ipks written, in `feed.ipkFiles` order.
        var entries: [PackagesIndex.Entry]
        /// Whether the input index carries MD5Sum (the output index then does too).
        var includeMD5: Bool
        /// The plan used to prepare rewritten packages.
        var plan: RebasePlan
    }

    /// How the input feed was checked (issue 8 step 2).
    public struct Verification: Sendable, Codable {
        /// "ok", "not-verified" (no trusted keys given), or the failure.
        public var signature: String
        public var fingerprint: String?
        public var keyFile: String?
        public var packagesChecked: Int
        public var packagesFailed: [String]
    }

    /// Loads `dir` and writes its rewrite to `targets` into `output` (an empty folder that
    /// the caller publishes or discards): every ipk that passes its index entry's checks,
    /// rewritten or byte for byte. With `trustedKeys` the signature must verify (else
    /// `.checksum` error, before anything is read); without, the report says loudly that
    /// the input was not verified.
    public static func load(_ dir: String, trustedKeys: String?, config: String?,
                            feedKernelDigest: (digest: String, source: String)?, targets: [String],
                            output: String, previous: String? = nil, progress: ProgressMeter? = nil) throws -> Loaded {
        let feed = try Feed.open(dir)
        var verification = Verification(signature: "not-verified (no --trusted-keys given)", fingerprint: nil, keyFile: nil,
                                         packagesChecked: feed.stanzas.count, packagesFailed: [])
        if let trustedKeys {
            let keys: Feed.Keys = FS.isDirectory(trustedKeys) ? .directory(trustedKeys) : .key(try Usign.PublicKey.open(trustedKeys))
            let (status, fingerprint, keyFile) = try feed.verifySignature(keys: keys)
            guard status == .ok else {
                throw FormatError(.checksum, context: "verify feed signature",
                                  "Packages.sig: \(status.rawValue)\(fingerprint.map { " (key \($0))" } ?? "") against \(trustedKeys)",
                                  file: dir)
            }
            verification.signature = "ok"; verification.fingerprint = fingerprint; verification.keyFile = keyFile
        }

        let kernelVersion = try RebasePlan.feedKernelVersion(feed.stanzas, feed: dir)
        guard let kpv = KernelPackageVersion(kernelVersion) else {
            throw FormatError(.invalid, context: "read feed", "kernel version \(kernelVersion.debugDescription) has no vermagic in either OpenWrt style", file: dir)
        }
        let draft = try RebasePlan.make(stanzas: feed.stanzas, feedKernel: kernelVersion, targets: targets, refused: [:])

        // One job per file: every file the index names (missing ones included) and every
        // unindexed ipk in the folder.
        var jobs: [Job] = []
        var byFile: [String: Int] = [:]
        var archs = Set<String>()
        for s in feed.stanzas {
            let file = s["Filename"] ?? ""
            if let j = byFile[file] { jobs[j].stanzas.append(s); continue }
            byFile[file] = jobs.count
            jobs.append(Job(file: file, stanzas: [s], rewrite: draft.rewrites.contains(file)))
        }
        for file in feed.ipkFiles where byFile[file] == nil {
            byFile[file] = jobs.count
            jobs.append(Job(file: file, stanzas: [], rewrite: false))
        }
        let includeMD5 = feed.stanzas.contains { $0["MD5Sum"] != nil }
        let context = Context(dir: dir, output: output, previous: previous, feedKernel: kernelVersion, targets: targets, includeMD5: includeMD5)
        for file in feed.ipkFiles {
            let comps = try SafePath.components(file, context: "write feed")
            if comps.count > 1 { try FS.makeDirectories(output + "/" + comps.dropLast().joined(separator: "/")) }
        }

        let jobList = jobs
        progress?.begin("rebase \(FS.basename(of: dir))", total: jobs.count, unit: .items)
        let results = Workers.map(jobs.count) { i in
            defer { progress?.add(1) }
            return try context.prepare(jobList[i])
        }

        var failures: [String: String] = [:]
        var failedPackages: [String] = []
        var modules: [(package: String, module: KernelModule)] = []
        var entries: [String: PackagesIndex.Entry] = [:]
        for (i, job) in jobs.enumerated() {
            let out = try results[i].get()
            for c in out.checks where c.status != .ok {
                failures[c.filename] = "\(c.status.rawValue): \(c.filename)"
                failedPackages.append(c.package)
            }
            guard out.checks.allSatisfy({ $0.status == .ok }) else { continue }
            if job.rewrite, let s = job.stanzas.first {
                if let a = s["Architecture"], a != "all" { archs.insert(a) }
                for m in out.modules { modules.append((s["Package"] ?? "?", m)) }
            }
            if let e = out.entry { entries[job.file] = e }
        }
        verification.packagesFailed = failedPackages
        let cfg = try config.map { try KernelConfig.open($0) }
        let side = FeedSide(directory: dir, kernelPackage: kpv, archs: archs.sorted(), modules: modules,
                            config: cfg, configSource: config, kernelDigest: feedKernelDigest?.digest,
                            kernelSource: feedKernelDigest?.source)
        let plan = draft.refusing(failures)
        return Loaded(feed: feed, side: side, verification: verification, integrityFailures: failures,
                      entries: feed.ipkFiles.compactMap { entries[$0] }, includeMD5: includeMD5, plan: plan)
    }

    /// One file of the feed and the index stanzas that name it.
    struct Job: Sendable {
        var file: String
        var stanzas: [ControlStanza]
        /// The plan rewrites it: its index entry names the feed's kernel, so its modules
        /// are read too.
        var rewrite: Bool
    }

    /// What one job found.
    struct JobResult: Sendable {
        var checks: [Feed.PackageCheck]
        var modules: [KernelModule]
        /// The index entry of the ipk written (nil when refused, and for `kernel_*`/`libc_*`,
        /// which the index skips).
        var entry: PackagesIndex.Entry?
    }

    struct Context: Sendable {
        var dir: String
        var output: String
        /// The output folder this run replaces: files it already holds byte for byte are
        /// hard-linked instead of written again (a mirror's rerun rewrites nothing).
        var previous: String?
        var feedKernel: String
        var targets: [String]
        var includeMD5: Bool

        /// Reads and checks one file, then writes its output (when it passes).
        func prepare(_ job: Job) throws -> JobResult {
            let comps = try? SafePath.components(job.file, context: "read feed")
            let path = dir + "/" + (comps ?? []).joined(separator: "/")
            var input: [UInt8]? = nil
            if let comps, !comps.isEmpty, FS.isRegularFile(path) {
                input = try FS.read(path, limit: UInt64(IPK.maxOuterSize))
            }
            let sha = input.map { Hex.encode(Digest.sha256($0)) }
            let checks = job.stanzas.map { Feed.check($0, contents: input, sha256Hex: sha) }
            guard let input, let sha, checks.allSatisfy({ $0.status == .ok }) else {
                return JobResult(checks: checks, modules: [], entry: nil)
            }
            let destination = try SafePath.join(output, job.file, context: "write feed")
            let skipped = PackagesIndex.isSkipped(job.file)
            if skipped && !job.rewrite {
                try write(input, to: destination, file: job.file)
                return JobResult(checks: checks, modules: [], entry: nil)
            }
            let ipk = try IPK(parsing: input, path: path)
            var mods: [KernelModule] = []
            if job.rewrite {
                for m in try withFile(path, { try ipk.dataFiles(readData: true) }) where m.kind == .file && m.name.hasSuffix(".ko") {
                    mods.append(try withFile(path) { try KernelModule(parsing: m.data, path: "\(job.file):\(m.name)") })
                }
            }
            var bytes = input, outSHA = sha, control = ipk.control
            if job.rewrite {
                control = try withFile(path) { try RebasePlan.rewrite(ipk.control, feedKernel: feedKernel, targets: targets).0 }
                bytes = try withFile(path) { try ipk.rewritingControl(control) }
                if !bytes.sameBytes(input) { outSHA = Hex.encode(Digest.sha256(bytes)) }
            }
            let entry = skipped ? nil : PackagesIndex.Entry(
                filename: job.file,
                stanza: PackagesIndex.stanza(control: control, filename: job.file, size: UInt64(bytes.count), sha256: outSHA,
                                             md5: includeMD5 ? Hex.encode(Digest.md5(bytes)) : nil),
                size: UInt64(bytes.count), sha256: outSHA)
            try write(bytes, to: destination, file: job.file)
            return JobResult(checks: checks, modules: mods, entry: entry)
        }

        func write(_ bytes: [UInt8], to destination: String, file: String) throws {
            if let previous, let old = try? SafePath.join(previous, file, context: "reuse output"),
               FS.linkIfIdentical(old, to: destination, bytes: bytes) { return }
            try FS.writeNew(bytes, to: destination)
        }
    }
}
