import Apk
import FeedRewrite

/// The outcome of `PackageFamily.indexFeed`.
public enum FeedIndexing: Sendable {
    /// opkg: Packages, Packages.gz, Packages.manifest (and index.json) rewritten.
    case opkg(FeedIndexWriter.Report)
    /// apk: packages.adb written to `output`, signed by the key with id `signedBy`.
    case apk(ApkIndex, output: String, signedBy: String?)
}
