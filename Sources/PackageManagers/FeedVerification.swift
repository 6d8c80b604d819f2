import Apk
import FeedRewrite

/// The outcome of `PackageFamily.verifyFeed`, in the family's own terms (the CLI renders
/// each as it always has).
public enum FeedVerification: Sendable {
    /// opkg: Packages.sig, Packages.gz and every package's Size and SHA256sum.
    case opkg(Feed.VerifyReport)
    /// apk: packages.adb's signatures and every package against its entry; `keys` is the
    /// PEM key file or folder checked against.
    case apk(ApkFeed.Verification, keys: String)
}
