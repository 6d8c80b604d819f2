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
    /// What `path` is, which decides the evidence it can give.
    public var source: Source

    /// What a `--kernel` input is.
    public enum Source: String, Sendable, Codable {
        /// A firmware image: kernel (digest, IKCONFIG, banner) and rootfs.
        case firmware
        /// A bare squashfs rootfs: no kernel.
        case squashfs
        /// A rootfs folder: no kernel.
        case rootfsFolder = "rootfs-folder"
        /// A device snapshot (`DeviceSnapshot`): the running kernel's banner and, when the
        /// kernel has IKCONFIG_PROC, its config; no kernel image.
        case snapshot
        /// A release's profiles.json: the kernel package's identity and arch only.
        case profiles

        /// How the input is named in statements about missing evidence.
        public var noun: String {
            switch self {
            case .firmware: return "the image"
            case .squashfs: return "a bare squashfs rootfs"
            case .rootfsFolder: return "a rootfs folder"
            case .snapshot: return "the device snapshot"
            case .profiles: return "profiles.json"
            }
        }
    }

    public init(path: String, kernelPackage: KernelPackageVersion, arch: String?, release: String?,
                modules: [KernelModule], config: KernelConfig?, configSource: String?,
                kernelDigest: String?, packageManager: String = "opkg", source: Source = .firmware) {
        self.path = path; self.kernelPackage = kernelPackage; self.arch = arch; self.release = release
        self.modules = modules; self.config = config; self.configSource = configSource
        self.kernelDigest = kernelDigest; self.packageManager = packageManager; self.source = source
    }

    /// Why this input has no kernel config, for the abi-fingerprint statement.
    var missingConfigReason: String {
        switch source {
        case .firmware: return "image config (no IKCONFIG; give --image-config)"
        case .snapshot: return "image config (the snapshot has no /proc/config.gz: the running kernel lacks IKCONFIG_PROC; give --image-config)"
        case .squashfs, .rootfsFolder: return "image config (\(source.noun) holds no kernel; give --image-config)"
        case .profiles: return "image config (profiles.json names the kernel only; give --image-config)"
        }
    }

    /// Why this input has no kernel digest, for the identical-kernel statement.
    var missingKernelReason: String {
        source == .firmware ? "the image's kernel could not be decompressed" : "\(source.noun) holds no kernel image"
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
