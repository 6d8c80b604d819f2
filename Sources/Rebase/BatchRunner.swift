import BinaryIO
import Digests
import Dispatch
import FeedRewrite
import FoundationEssentials
import PackageManagers
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Runs several rebase jobs on both cores; each job reads its images once.
public enum BatchRunner {
    /// Runs `jobs` (at most `parallel` at once) and returns their reports in order. The
    /// first job error is thrown after all jobs finish. With `resume` (a `--batch` run), a
    /// job whose output an earlier run already finished — same inputs, output verified
    /// (`BatchResume.kept`) — is not redone: its stored report comes back marked "kept",
    /// every other job's report "built". `meter` counts the images read and the packages
    /// rebased of a single job, or the jobs done of a batch.
    public static func run(_ jobs: [RebaseOptions], parallel: Int = 2, resume: Bool = false,
                           progress: (@Sendable (String) -> Void)? = nil, meter: ProgressMeter? = nil) throws -> [RebaseReport] {
        let single = jobs.count == 1 ? meter : nil
        if jobs.count > 1 { meter?.begin("rebase \(jobs.count) jobs", total: jobs.count, unit: .items) }
        let results = Workers.map(jobs.count, width: max(1, parallel)) { i -> RebaseReport in
            defer { if jobs.count > 1 { meter?.add(1) } }
            var job = jobs[i]
            if resume {
                // An input that cannot be read fails below, in the job itself.
                job.inputDigest = try? BatchResume.inputDigest(job)
                // Checked under the output's lock: never while another run replaces it.
                if let d = job.inputDigest, FS.isDirectory(job.output),
                   var kept = try FS.withOutputLock(job.output, { () -> RebaseReport? in
                       guard let r = BatchResume.kept(job, digest: d) else { return nil }
                       FS.removeStaleTemporaries(beside: job.output)
                       return r
                   }) {
                    progress?("kept \(job.output): finished by an earlier run, verified")
                    kept.batch = "kept"
                    return kept
                }
            }
            single?.begin(job.images.count == 1 ? "read \(FS.basename(of: job.images[0]))" : "read \(job.images.count) images",
                          total: job.images.count, unit: .items)
            let images = try job.images.map { p -> ImageSide in
                defer { single?.add(1) }
                return try ImageLoader.load(p, imageConfig: job.imageConfig)
            }
            var report = try RebaseEngine.run(job, images: images, progress: progress, meter: single)
            if resume { report.batch = "built" }
            return report
        }
        return try results.map { try $0.get() }
    }
}

/// Resuming an interrupted `rebase --batch`: each job's output folder records the digest of
/// the job's inputs in its `imagetool-rebase.json`; a re-run keeps a folder whose digest
/// matches and whose content verifies, and redoes every other job. A folder is published
/// whole (`FS.replaceDirectoryAtomically`), so a killed run leaves finished jobs complete
/// and unfinished ones absent (or at their previous content, which the digest then rejects).
public enum BatchResume {
    /// Changes when what a rebase writes for the same inputs changes.
    static let version = "imagetool-rebase-batch-1"

    /// SHA-256 over the job's options and the content of every file it reads: the feed
    /// folder's files (names, sizes, SHA-256), the images, the signing key, configs, trusted
    /// keys, feed kernel and Module.symvers. A `--kernel-src` tree counts by its path only.
    public static func inputDigest(_ job: RebaseOptions) throws -> String {
        var text = "\(version)\nfeed \(job.feed)\noutput \(job.output)\nforce \(job.force)\n"
        text += "feed-url \(job.feedURL ?? "-")\nkernel-src \(job.kernelSource ?? "-")\n"
        func file(_ label: String, _ path: String?) throws {
            guard let path else { text += "\(label) -\n"; return }
            if FS.isDirectory(path) {
                for rel in try files(in: path) { try file(label + " " + rel, path + "/" + rel) }
            } else {
                text += "\(label) \(path) \(try FS.size(path)) \(Hex.encode(try Digest.hashFile(.sha256, path: path)))\n"
            }
        }
        try file("feed", job.feed)
        for (i, image) in job.images.enumerated() { try file("image\(i)", image) }
        try file("key", job.signingKey)
        try file("trusted-keys", job.trustedKeys)
        try file("config", job.feedConfig)
        try file("image-config", job.imageConfig)
        try file("feed-kernel", job.feedKernel)
        try file("symvers", job.symvers)
        return Hex.encode(Digest.sha256(Array(text.utf8)))
    }

    /// The stored report of `job`'s output when an earlier run finished it: the report says
    /// so (same input digest, not refused) and the feed verifies — opkg: Packages.sig
    /// against the signing key's public key, Packages.gz, every package's size and SHA-256;
    /// apk: packages.adb's signature against the key and every package's size and hash.
    /// Nil (redo the job) otherwise.
    public static func kept(_ job: RebaseOptions, digest: String) -> RebaseReport? {
        let out = job.output
        guard FS.isDirectory(out), let bytes = try? FS.read(out + "/imagetool-rebase.json", limit: 64 << 20),
              let report = try? JSONDecoder().decode(RebaseReport.self, from: Data(bytes)),
              report.inputDigest == digest, !report.refused else { return nil }
        return report.packageManager.family.isIntact(out, signedWith: job.signingKey) ? report : nil
    }

    /// Regular files below `dir`, relative, sorted bytewise (hidden names included: they
    /// are inputs too).
    static func files(in dir: String) throws -> [String] {
        var out: [String] = []
        func walk(_ rel: String) throws {
            for (name, type) in try FS.listTyped(rel.isEmpty ? dir : dir + "/" + rel) {
                let r = rel.isEmpty ? name : rel + "/" + name
                if type == .directory { try walk(r) } else if type == .file { out.append(r) }
            }
        }
        try walk("")
        return out
    }
}
