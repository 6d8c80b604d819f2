import BinaryIO
import FoundationEssentials
import Platform

/// The `rebase --batch` manifest: a JSON array of jobs, each
/// `{"feed", "images": [...], "out", optional "config", "imageConfig", "feedKernel",
/// "trustedKeys", "feedURL", "force"}`. Relative paths are relative to the manifest's folder;
/// a field a job leaves out takes the command line's value (`defaults`).
public struct BatchManifest: Sendable, Equatable {
    /// One job as written in the manifest.
    public struct Job: Decodable, Sendable, Equatable {
        public var feed: String
        public var images: [String]
        public var out: String
        public var config: String?
        public var imageConfig: String?
        public var feedKernel: String?
        public var trustedKeys: String?
        public var feedURL: String?
        public var force: Bool?
    }

    /// The jobs, in manifest order.
    public var jobs: [Job]
    /// The folder relative paths are resolved against.
    public var base: String

    /// Largest manifest read (a manifest is a few lines per job).
    public static let maxSize: UInt64 = 16 << 20

    /// Parses manifest `bytes`; `file` names it in errors, and its folder (made absolute)
    /// resolves relative paths.
    public init(parsing bytes: [UInt8], file: String) throws {
        do { jobs = try JSONDecoder().decode([Job].self, from: Data(bytes)) } catch {
            throw FormatError(.invalid, context: "read batch manifest", "not a JSON array of jobs: \(error)", file: file)
        }
        base = FS.dirname(of: FS.absolute(file))
    }

    /// Reads and parses the manifest at `path`.
    public static func open(_ path: String) throws -> BatchManifest {
        try BatchManifest(parsing: try FS.read(path, limit: maxSize), file: path)
    }

    /// The rebase options of every job: paths resolved against `base`, the signing key,
    /// kernel source and symvers from `defaults`, every other field the job's or else
    /// `defaults`'. `defaults.feed`, `.images` and `.output` are not used.
    public func options(defaults d: RebaseOptions) -> [RebaseOptions] {
        func rel(_ p: String) -> String { p.hasPrefix("/") ? p : base + "/" + p }
        return jobs.map { j in
            RebaseOptions(feed: rel(j.feed), images: j.images.map(rel), output: rel(j.out), signingKey: d.signingKey,
                          trustedKeys: (j.trustedKeys.map(rel)) ?? d.trustedKeys, feedConfig: j.config.map(rel) ?? d.feedConfig,
                          imageConfig: j.imageConfig.map(rel) ?? d.imageConfig, kernelSource: d.kernelSource,
                          feedKernel: j.feedKernel.map(rel) ?? d.feedKernel, symvers: d.symvers,
                          feedURL: j.feedURL ?? d.feedURL, force: j.force ?? d.force)
        }
    }
}
