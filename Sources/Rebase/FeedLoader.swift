import BinaryIO
import Dispatch
import FeedRewrite
import KernelABI

/// Reads the feed side of a rebase: the index, its verification, the kernel version the
/// kmods depend on, and the modules inside the kmod packages (read from data.tar.gz without
/// writing anything).
public enum FeedLoader {
    /// The loaded feed and what verifying it found.
    public struct Loaded: Sendable {
        public var feed: Feed
        public var side: FeedSide
        public var verification: Verification
        /// Packages whose file failed the index's Size/SHA256sum (file name -> reason).
        public var integrityFailures: [String: String]
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

    /// Loads `dir`. With `trustedKeys` the signature must verify (else `.checksum` error);
    /// without, the report says loudly that the input was not verified.
    public static func load(_ dir: String, trustedKeys: String?, config: String?, feedKernelDigest: (digest: String, source: String)?) throws -> Loaded {
        let feed = try Feed.open(dir)
        var verification: Verification
        var failures: [String: String] = [:]
        if let trustedKeys {
            let keys: Feed.Keys = FS.isDirectory(trustedKeys) ? .directory(trustedKeys) : .key(try Usign.PublicKey.load(trustedKeys))
            let r = try Feed.verify(dir, keys: keys)
            guard r.signature == .ok else {
                throw FormatError(.checksum, context: "verify feed signature",
                                  "Packages.sig: \(r.signature.rawValue)\(r.signatureFingerprint.map { " (key \($0))" } ?? "") against \(trustedKeys)",
                                  file: dir)
            }
            for p in r.packages where p.status != .ok { failures[p.filename] = "\(p.status.rawValue): \(p.filename)" }
            verification = Verification(signature: "ok", fingerprint: r.signatureFingerprint, keyFile: r.keyFile,
                                        packagesChecked: r.packages.count, packagesFailed: r.packages.filter { $0.status != .ok }.map(\.package))
        } else {
            var failed: [String] = []
            for s in feed.stanzas {
                let c = feed.check(s)
                if c.status != .ok { failures[c.filename] = "\(c.status.rawValue): \(c.filename)"; failed.append(c.package) }
            }
            verification = Verification(signature: "not-verified (no --trusted-keys given)", fingerprint: nil, keyFile: nil,
                                        packagesChecked: feed.stanzas.count, packagesFailed: failed)
        }

        let kernelVersion = try RebasePlan.feedKernelVersion(feed.stanzas, feed: dir)
        guard let kpv = KernelPackageVersion(kernelVersion) else {
            throw FormatError(.invalid, context: "read feed", "kernel version \(kernelVersion.debugDescription) has no vermagic in either OpenWrt style", file: dir)
        }
        // Modules of the packages that depend on the kernel.
        var archs = Set<String>()
        var pending: [(package: String, file: String)] = []
        for s in feed.stanzas {
            guard let file = s["Filename"], failures[file] == nil else { continue }
            let names = relationshipFields.compactMap { s[$0] }.compactMap { try? Relationship(parsing: $0) }
            guard names.contains(where: { !RebasePlan.kernelTerms($0, feedKernel: kernelVersion).isEmpty }) else { continue }
            if let a = s["Architecture"], a != "all" { archs.insert(a) }
            pending.append((s["Package"] ?? "?", file))
        }
        // Read the modules inside the kmod packages on both cores (data.tar.gz is only read).
        let jobs = pending
        let found = ModuleBox(count: jobs.count)
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do {
                let file = jobs[i].file
                let path = dir + "/" + (try SafePath.components(file, context: "read feed")).joined(separator: "/")
                let ipk = try IPK.read(path: path)
                var mods: [KernelModule] = []
                for m in try withFile(path, { try ipk.dataFiles(readData: true) }) where m.kind == .file && m.name.hasSuffix(".ko") {
                    mods.append(try withFile(path) { try KernelModule.parse(m.data, path: "\(file):\(m.name)") })
                }
                found.set(i, mods)
            } catch { errors.record(i, error) }
        }
        if let e = errors.first { throw e }
        var modules: [(package: String, module: KernelModule)] = []
        for (i, j) in jobs.enumerated() { for m in found.get(i) { modules.append((j.package, m)) } }
        let cfg = try config.map { try KernelConfig.load($0) }
        let side = FeedSide(directory: dir, kernelPackage: kpv, archs: archs.sorted(), modules: modules,
                            config: cfg, configSource: config, kernelDigest: feedKernelDigest?.digest,
                            kernelSource: feedKernelDigest?.source)
        return Loaded(feed: feed, side: side, verification: verification, integrityFailures: failures)
    }
}

/// Per-job results of a parallel loop.
final class ModuleBox: @unchecked Sendable {
    private var items: [[KernelModule]]
    private let lock = NSLockLike()
    init(count: Int) { items = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [KernelModule]) { lock.locked { items[i] = v } }
    func get(_ i: Int) -> [KernelModule] { lock.locked { items[i] } }
}
