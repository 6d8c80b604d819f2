// swift-tools-version:6.0
// libFuzzer harnesses for imagetool's parsers. Build and run with fuzz/run (needs
// `-sanitize=fuzzer`, which Swift supports on Linux).
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func harness(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: deps, path: "Sources/\(name)", swiftSettings: fuzzFlags)
}

let package = Package(
    name: "imagetool-fuzz",
    dependencies: [.package(name: "imagetool", path: "..")],
    targets: [
        harness("FuzzCodecs", [.product(name: "BinaryIO", package: "imagetool")]),
    ]
)
