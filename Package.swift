// swift-tools-version:6.0
// imagetool — rebase OpenWrt kmod feeds onto already-flashed images.
import PackageDescription

/// One system-library target per C library, found with pkg-config and installed from Debian.
func systemLibrary(_ name: String, pkg: String, apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkg, providers: [.apt(apt)])
}

let package = Package(
    name: "imagetool",
    products: [
        .executable(name: "imagetool", targets: ["ImageToolMain"]),
        .library(name: "BinaryIO", targets: ["BinaryIO"]),
        .library(name: "Codecs", targets: ["Codecs"]),
        .library(name: "Digests", targets: ["Digests"]),
        .library(name: "Platform", targets: ["Platform"]),
        .library(name: "Squash", targets: ["Squash"]),
        .library(name: "FeedRewrite", targets: ["FeedRewrite"]),
        .library(name: "KernelABI", targets: ["KernelABI"]),
        .library(name: "Firmware", targets: ["Firmware"]),
        .library(name: "PackageManagers", targets: ["PackageManagers"]),
        .library(name: "Rebase", targets: ["Rebase"]),
        .library(name: "Install", targets: ["Install"]),
        .library(name: "Apk", targets: ["Apk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        systemLibrary("CArchive", pkg: "libarchive", apt: ["libarchive-dev"]),
        systemLibrary("CLZMA", pkg: "liblzma", apt: ["liblzma-dev"]),
        systemLibrary("CCrypto", pkg: "libcrypto", apt: ["libssl-dev"]),
        systemLibrary("CZlib", pkg: "zlib", apt: ["zlib1g-dev"]),
        systemLibrary("CDeflate", pkg: "libdeflate", apt: ["libdeflate-dev"]),
        systemLibrary("CZstd", pkg: "libzstd", apt: ["libzstd-dev"]),
        systemLibrary("CLZ4", pkg: "liblz4", apt: ["liblz4-dev"]),
        systemLibrary("CLZO", pkg: "lzo2", apt: ["liblzo2-dev"]),
        systemLibrary("CExt2fs", pkg: "ext2fs", apt: ["libext2fs-dev", "comerr-dev"]),
        // Debian's libfdt-dev ships no .pc file: the module map links "fdt" directly.
        .systemLibrary(name: "CFDT", path: "Sources/CFDT", providers: [.apt(["libfdt-dev"])]),

        .target(name: "CSys", path: "Sources/CSys"),
        // No unsafeFlags on library targets (they would make the libraries unusable as
        // dependencies); OPENSSL_NO_DEPRECATED is defined in Sources/CCrypto/shim.h.
        // BinaryIO: bytes, errors, checked math, hex/base64, progress (no C library).
        .target(name: "BinaryIO"),
        // Platform: files, atomic output, locks and worker threads (Linux calls via CSys).
        .target(name: "Platform", dependencies: ["BinaryIO", "CSys"]),
        // Codecs: zlib, libdeflate, liblzma, libzstd, liblz4, liblzo2 (and zlib's CRC-32).
        .target(name: "Codecs", dependencies: ["BinaryIO", "Platform", "CZlib", "CDeflate", "CLZMA", "CZstd", "CLZ4", "CLZO"]),
        // Digests: MD5/SHA through libcrypto.
        .target(name: "Digests", dependencies: ["Platform", "CCrypto"]),
        .target(name: "Squash", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "CSys", "CArchive", "CZlib"]),
        .target(name: "FeedRewrite", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "CArchive", "CCrypto"]),
        .target(name: "KernelABI", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests"]),
        .target(name: "Firmware", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "Squash", "CExt2fs", "CFDT", "CCrypto"]),
        .target(name: "Apk", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "CCrypto"]),
        // The package-manager families (opkg over FeedRewrite, apk over Apk) behind one
        // protocol and one detector; rebase, install and the CLI choose a family only here.
        .target(name: "PackageManagers", dependencies: ["BinaryIO", "Platform", "FeedRewrite", "Apk"]),
        .target(name: "Rebase", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "Squash", "FeedRewrite", "KernelABI", "Firmware", "Apk", "PackageManagers"]),
        // The offline installer (`imagetool install`): a sibling of Rebase, not above it — it
        // shares the package and firmware libraries with rebase, not the rebase engine.
        .target(name: "Install", dependencies: ["BinaryIO", "Platform", "Digests", "Squash", "FeedRewrite", "Firmware", "Apk", "PackageManagers"]),
        // The CLI as a library (arguments and rendering), so tests run commands in-process.
        .target(
            name: "ImageTool",
            dependencies: [
                "BinaryIO", "Platform", "Codecs", "Squash", "FeedRewrite", "KernelABI", "Firmware", "Apk", "PackageManagers", "Rebase", "Install",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "ImageToolMain",
            dependencies: ["ImageTool"],
            // The Swift runtime and FoundationEssentials linked in: a dynamically linked
            // Swift binary starts at ~10 MB resident (relocated library pages), a static
            // one at ~5 MB — and unsquashfs extracts an OpenWrt rootfs in 10.5 MB (issue 4).
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-Xclang-linker", "-no-pie"])]),

        .target(name: "TestSupport", dependencies: ["BinaryIO", "Digests"], path: "Tests/TestSupport"),
        .target(name: "CLITestSupport", dependencies: ["ImageTool", "TestSupport"], path: "Tests/CLITestSupport"),
        .testTarget(name: "BinaryIOTests", dependencies: ["BinaryIO"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "BinaryIO"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "Platform", "BinaryIO", "TestSupport"]),
        .testTarget(name: "DigestsTests", dependencies: ["Digests", "BinaryIO"]),
        .testTarget(name: "FixtureTests"),
        .testTarget(name: "SquashTests", dependencies: ["Squash", "BinaryIO", "Platform", "Digests", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "FeedRewriteTests", dependencies: ["FeedRewrite", "BinaryIO", "Platform", "Codecs", "Digests", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "KernelABITests", dependencies: ["KernelABI", "BinaryIO", "Platform", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "Squash", "BinaryIO", "Platform", "Codecs", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "ApkTests", dependencies: ["Apk", "BinaryIO", "Platform", "Digests", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "RebaseTests", dependencies: ["Rebase", "FeedRewrite", "Firmware", "Squash", "BinaryIO", "Platform", "Codecs", "Digests", "TestSupport", "CLITestSupport"]),
        .testTarget(name: "InstallTests", dependencies: ["Install", "Rebase", "Apk", "FeedRewrite", "Firmware", "BinaryIO", "Platform", "Codecs", "Digests", "TestSupport"]),
        .testTarget(name: "PackageManagersTests", dependencies: ["PackageManagers", "BinaryIO", "Platform", "TestSupport"]),
        .testTarget(name: "HostileTests", dependencies: ["BinaryIO", "Platform", "Codecs", "Digests", "Squash", "FeedRewrite", "KernelABI", "Firmware", "Apk", "TestSupport"]),
    ]
)
