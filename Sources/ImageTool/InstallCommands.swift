import ArgumentParser
import BinaryIO
import FeedRewrite
import Firmware
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Install

/// `imagetool install IMAGE PKG.ipk|PKG.apk... -o OUT` — installs packages into a firmware
/// image's (or a bare squashfs rootfs's) rootfs offline, as `opkg --offline-root` or
/// `apk add --root` would, and repacks the image.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install .ipk or .apk packages into a firmware image's rootfs offline (as opkg / apk would) and repack the image.",
        discussion: """
        Reads the image's squashfs rootfs in place, checks every package the way opkg-lede does (architecture; Depends against the installed packages and the packages given, versions and Provides included; Conflicts; file clashes), refuses a kmod whose `kernel (=X)` dependency the image's kernel package does not meet (exit 3: run `imagetool rebase` on its feed first, or --force), then extracts the data files with their tar modes and times, writes /usr/lib/opkg/info/<pkg>.control|.list|.conffiles|scripts and the status stanza exactly as opkg does (Installed-Time = SOURCE_DATE_EPOCH or the rootfs's creation time; scripts are stored, not run, as opkg does offline). Same version already installed: skipped; older: not downgraded; newer: upgraded.

        apk-era images (OpenWrt 25.x: /lib/apk/db/installed) and .apk v3 packages are detected automatically: dependencies are checked against the installed database (names, provides such as so:/cmd:, versions), a kmod whose kernel=X dependency the installed kernel package does not meet is refused (exit 3, both versions named) unless --force, files are placed with their ACL modes, owners and times, the package's stanza is appended to /lib/apk/db/installed in apk's format (f:S, Z:Q1 hashes), its scripts to /lib/apk/db/scripts.tar (stored, not run) and a `name><Q1…` entry to /etc/apk/world; --add-key places a PEM public key in /etc/apk/keys and --feed-line appends to /etc/apk/repositories.d/customfeeds.list. IMAGE may be a bare squashfs rootfs; the output is then a bare squashfs.

        --add-key places a usign public key in /etc/opkg/keys under its fingerprint name and --feed-line appends a line to /etc/opkg/customfeeds.conf, so the device trusts future rebased feeds. The rootfs is repacked with the original compressor, options and block size (unchanged files' blocks are copied, not recompressed) and the image rebuilt with every header, CRC, padding and trailer recomputed; -o is written atomically, the input is never modified.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The firmware image (sysupgrade, TP-Link, NAND tar, x86 combined) or a bare squashfs rootfs.")
    var image: String

    @Argument(help: "The .ipk (opkg images) or .apk v3 (apk-era images) packages to install.")
    var packages: [String]

    @Option(name: .shortAndLong, help: "The image to write.")
    var output: String

    @Option(help: "usign secret key to re-sign the image's fwtool signature chunk, when it has one.")
    var key: String?

    @Option(name: .customLong("fit-key"), help: ArgumentHelp(stringLiteral: FITKeyOption.help))
    var fitKey: String?

    @Option(name: .customLong("add-key"), help: "Public key to trust (repeatable): usign key into /etc/opkg/keys (opkg images) or PEM key into /etc/apk/keys (apk images).")
    var addKeys: [String] = []

    @Option(name: .customLong("feed-line"), help: "Line to append to /etc/opkg/customfeeds.conf or, on apk images, /etc/apk/repositories.d/customfeeds.list (repeatable).")
    var feedLines: [String] = []

    @Option(name: .customLong("max-image-size"), help: "Refuse an output image larger than this many bytes (the flash partition).")
    var maxImageSize: UInt64?

    @Flag(help: "Install kmods whose kernel dependency the image does not meet (recorded in the report).")
    var force = false

    @Flag(name: .customLong("force-depends"), help: "Install despite missing dependencies and conflicts (opkg -force-depends).")
    var forceDepends = false

    @Flag(name: .customLong("force-overwrite"), help: "Take over files other packages own (opkg -force-overwrite).")
    var forceOverwrite = false

    func validate() throws {
        guard !packages.isEmpty else { throw ValidationError("give at least one PKG.ipk or PKG.apk") }
    }

    func run() throws {
        try CLI.run(global) { out in
            var o = InstallOptions(image: image, packages: packages, output: output)
            o.addKeys = addKeys
            o.feedLines = feedLines
            o.overrides = InstallResolver.Overrides(kernel: force, depends: forceDepends)
            o.forceOverwrite = forceOverwrite
            if let e = out.console.environment["SOURCE_DATE_EPOCH"] {
                guard let t = UInt32(e) else { throw FormatError(.usage, context: "SOURCE_DATE_EPOCH", "not seconds since the epoch: \(e.debugDescription)") }
                o.installTime = t
            }
            let signer = try key.map { try UsignFirmwareSigner.load(secretKeyPath: $0) }
            o.rebuild = RebuildOptions(maxImageSize: maxImageSize, signer: signer)
            o.rebuild.fitSigner = try FITKeyOption.signer(fitKey)
            let report = try out.withProgress { meter in
                o.progress = meter
                return try OfflineInstaller.run(o)
            }
            if global.json { try out.json(report) } else { out.line(report.table(verbose: global.verbose)) }
            for f in report.forced { out.warn("forced: " + f) }
            for w in report.warnings { out.warn(w) }
        }
    }
}
