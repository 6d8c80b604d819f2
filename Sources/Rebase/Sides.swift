import BinaryIO
import KernelABI

/// What imagetool knows about one flashed image's kernel: read from the firmware file's
/// kernel payload (banner, IKCONFIG) and its rootfs (opkg status or apk installed db,
/// /lib/modules). Plain values so that every rebase step can be driven by a test.
public struct ImageSide: Sendable {
    /// The image file.
    public var path: String
    /// The installed `kernel` package's version (both styles).
    public var kernelPackage: KernelPackageVersion
    /// Package architecture of the kernel package (`mipsel_24kc`, `x86_64`...).
    public var arch: String?
    /// Kernel release: the folder name under /lib/modules, else the banner's.
    public var release: String?
    /// Modules found under /lib/modules/<release>/ in the rootfs.
    public var modules: [KernelModule]
    /// The kernel config, from IKCONFIG or `--image-config`.
    public var config: KernelConfig?
    /// Where the config came from ("IKCONFIG", a path).
    public var configSource: String?
    /// SHA-256 of the decompressed kernel payload, when the kernel could be decompressed.
    public var kernelDigest: String?
    /// Package manager of the rootfs: "opkg" or "apk".
    public var packageManager: String
    /// Evidence that could not be read from a damaged image (unreadable rootfs parts,
    /// modules), reported as warnings; empty when the image read cleanly.
    public var lostEvidence: [String] = []

    public init(path: String, kernelPackage: KernelPackageVersion, arch: String?, release: String?,
                modules: [KernelModule], config: KernelConfig?, configSource: String?,
                kernelDigest: String?, packageManager: String = "opkg") {
        self.path = path; self.kernelPackage = kernelPackage; self.arch = arch; self.release = release
        self.modules = modules; self.config = config; self.configSource = configSource
        self.kernelDigest = kernelDigest; self.packageManager = packageManager
    }
}

/// What imagetool knows about the build that produced a feed.
public struct FeedSide: Sendable {
    /// The feed folder.
    public var directory: String
    /// The kernel version the feed's kmods depend on (`kernel (=X)`).
    public var kernelPackage: KernelPackageVersion
    /// Architectures of the feed's packages (excluding `all`).
    public var archs: [String]
    /// The modules shipped in the feed's kmod packages, with the package each came from.
    public var modules: [(package: String, module: KernelModule)]
    /// The feed build's kernel config (`--config`), if given.
    public var config: KernelConfig?
    public var configSource: String?
    /// SHA-256 of the feed build's decompressed kernel, when found beside the feed or given.
    public var kernelDigest: String?
    public var kernelSource: String?

    public init(directory: String, kernelPackage: KernelPackageVersion, archs: [String],
                modules: [(package: String, module: KernelModule)], config: KernelConfig?, configSource: String?,
                kernelDigest: String?, kernelSource: String?) {
        self.directory = directory; self.kernelPackage = kernelPackage; self.archs = archs; self.modules = modules
        self.config = config; self.configSource = configSource; self.kernelDigest = kernelDigest; self.kernelSource = kernelSource
    }

    /// The release the feed's modules were built for (first word of their `vermagic=`).
    public var moduleRelease: String? {
        modules.lazy.compactMap { $0.module.value("vermagic") }.map { ModuleCheck.releaseOf($0) }.first
    }
}
