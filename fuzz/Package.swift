// swift-tools-version:6.0
// libFuzzer harnesses for imagetool's parsers. Build and run with fuzz/run (needs
// `-sanitize=fuzzer`, which Swift supports on Linux).
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func harness(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: deps, path: "Sources/\(name)", swiftSettings: fuzzFlags)
}

func lib(_ name: String) -> Target.Dependency { .product(name: name, package: "imagetool") }

let package = Package(
    name: "imagetool-fuzz",
    dependencies: [.package(name: "imagetool", path: "..")],
    targets: [
        harness("FuzzCodecs", [lib("BinaryIO"), lib("Codecs")]),
        harness("FuzzSquash", [lib("BinaryIO"), lib("Platform"), lib("Squash")]),
        harness("FuzzIPK", [lib("BinaryIO"), lib("FeedRewrite")]),
        harness("FuzzControl", [lib("BinaryIO"), lib("FeedRewrite")]),
        harness("FuzzPackagesIndex", [lib("BinaryIO"), lib("Codecs"), lib("FeedRewrite")]),
        harness("FuzzUsign", [lib("BinaryIO"), lib("FeedRewrite")]),
        harness("FuzzKmod", [lib("BinaryIO"), lib("KernelABI")]),
        harness("FuzzFirmware", [lib("BinaryIO"), lib("Firmware")]),
        harness("FuzzApk", [lib("BinaryIO"), lib("Apk")]),
    ]
)
