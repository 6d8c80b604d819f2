import BinaryIO
import Firmware
import Foundation
import Platform
import Rebase
import TestSupport
import XCTest

/// `rebase --kernel` from what is left when the image file is gone (issue 18 §3): a device
/// snapshot made by the documented command (its body run with busybox ash, as on OpenWrt,
/// on the fixture image's rootfs unpacked by unsquashfs, with the kernel's /proc files
/// taken from the image's own kernel), a rootfs folder, a bare squashfs and a release's
/// profiles.json. Each gives the same verdict and output feed as `--kernel IMAGE` where it
/// holds the same evidence, and states the evidence it cannot give; damaged snapshots give
/// one-line errors.
final class DeviceSnapshotTests: XCTestCase {
    var tmp = ""
    let image = TestEnv.fixtures + "/" + (TestEnv.fixtureFacts["IMAGE"] ?? "image/imagetool-fixture-squashfs-sysupgrade.bin")
    let squash = TestEnv.fixtures + "/image/root.squashfs"
    let feed = TestEnv.fixtures + "/feed"
    let key = TestEnv.root + "/keys/demo.sec"
    let pub = TestEnv.root + "/keys/demo.pub"
    let newConfig = TestEnv.fixtures + "/config/new.config"
    let oldConfig = TestEnv.fixtures + "/config/old.config"

    override func setUp() { tmp = TestEnv.tempDir("snapshot") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    /// The fixture rootfs unpacked by unsquashfs (not by imagetool), with `proc/version` and,
    /// when `ikconfig`, `proc/config.gz` made from the image's kernel as the running kernel
    /// would show them.
    func unpackedTree(ikconfig: Bool) throws -> String {
        let tree = tmp + "/tree-\(ikconfig)"
        let unsquashfs = try TestEnv.tool("unsquashfs")
        let r = try TestSupport.run(unsquashfs, ["-no-progress", "-d", tree, squash])
        guard r.status == 0 else { throw XCTSkip("unsquashfs failed: \(r.err)") }
        let payload = try FirmwareImage.open(image).kernelPayload()
        let banner = try XCTUnwrap(payload.banner, "the fixture kernel has a banner")
        try FileManager.default.createDirectory(atPath: tree + "/proc", withIntermediateDirectories: true)
        try Data((banner + "\n").utf8).write(to: URL(fileURLWithPath: tree + "/proc/version"))
        if ikconfig {
            let config = try XCTUnwrap(payload.config, "the fixture kernel has IKCONFIG")
            try Data(config.utf8).write(to: URL(fileURLWithPath: tree + "/proc/config"))
            let gz = try TestSupport.run(try TestEnv.tool("gzip"), ["-9n", tree + "/proc/config"])
            XCTAssertEqual(gz.status, 0, gz.err)
        }
        return tree
    }

    /// Runs the documented command's body (`DeviceSnapshot.script`) with busybox ash when
    /// installed (OpenWrt's shell), else /bin/sh, on `tree`.
    func snapshot(of tree: String, name: String = "router.snapshot") throws -> String {
        let out = tmp + "/" + name
        let shell: [String] = TestEnv.which("busybox").map { [$0, "sh"] } ?? ["/bin/sh"]
        // As `ssh host 'SCRIPT' > router.snapshot`: the script's whole stdout is the file.
        let r = try TestSupport.run(shell[0], Array(shell.dropFirst()) + ["-c", DeviceSnapshot.script], env: ["SNAPSHOT_ROOT": tree])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.err, "", "the command prints nothing on stderr")
        try r.stdout.write(to: URL(fileURLWithPath: out))
        return out
    }

    struct Outcome {
        var status: Int32
        var verdict: [String: Any]
        var output: [String: String]
        var stderr: String
    }

    /// `rebase --kernel K --json` into a fresh folder: status, the verdict and the digests
    /// of the output feed (the report, which names K, left out).
    func rebase(_ kernel: String, _ extra: [String] = [], tag: String) throws -> Outcome {
        let out = tmp + "/" + tag + "/out"  // same folder name: customfeeds.conf names it
        let r = try TestEnv.imagetool(["rebase", feed, "--kernel", kernel, "-o", out, "--key", key, "--trusted-keys", pub,
                                       "--config", newConfig, "--feed-url", "http://192.168.1.2/feed", "--json"] + extra)
        let json = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let verdict = try XCTUnwrap((json?["verdicts"] as? [[String: Any]])?.first, r.err)
        var digests = try TestEnv.treeDigest(out)
        digests["imagetool-rebase.json"] = nil
        return Outcome(status: r.status, verdict: verdict, output: digests, stderr: r.err)
    }

    func checks(_ v: [String: Any]) -> [String] {
        ((v["checks"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "?"): \($0["outcome"] ?? "?")" }
    }

    func detail(_ v: [String: Any], _ name: String) -> String {
        ((v["checks"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == name }?["detail"] as? String ?? ""
    }

    func testSnapshotOfTheFixtureTreeGivesTheImagesVerdictAndOutput() throws {
        try TestEnv.requireFixtures()
        let byImage = try rebase(image, tag: "image")
        XCTAssertEqual(byImage.status, 0, byImage.stderr)
        let snap = try snapshot(of: try unpackedTree(ikconfig: true))
        let bySnapshot = try rebase(snap, tag: "snapshot")
        XCTAssertEqual(bySnapshot.status, 0, bySnapshot.stderr)
        XCTAssertEqual(bySnapshot.verdict["compatible"] as? Bool, true)
        XCTAssertEqual(bySnapshot.verdict["evidence"] as? String, byImage.verdict["evidence"] as? String)
        XCTAssertEqual(bySnapshot.verdict["evidence"] as? String, "abi-fingerprint")
        XCTAssertEqual(checks(bySnapshot.verdict), checks(byImage.verdict))
        for name in ["abi-fingerprint", "kernel-release", "arch", "module-vermagic", "symbols"] {
            XCTAssertEqual(detail(bySnapshot.verdict, name), detail(byImage.verdict, name), name)
        }
        XCTAssertEqual(bySnapshot.verdict["imageKernel"] as? String, byImage.verdict["imageKernel"] as? String)
        // The snapshot holds no kernel image, and says so.
        XCTAssertTrue(detail(bySnapshot.verdict, "identical-kernel").contains("the device snapshot holds no kernel image"))
        // The same feed, byte for byte.
        XCTAssertFalse(byImage.output.isEmpty)
        XCTAssertEqual(bySnapshot.output, byImage.output)
    }

    func testSnapshotWithoutIKConfigRefusesNamingTheMissingEvidence() throws {
        try TestEnv.requireFixtures()
        let snap = try snapshot(of: try unpackedTree(ikconfig: false))
        let refused = try rebase(snap, tag: "noconfig")
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertEqual(refused.verdict["evidence"] as? String, "none")
        XCTAssertTrue(detail(refused.verdict, "abi-fingerprint").contains("no /proc/config.gz"), detail(refused.verdict, "abi-fingerprint"))
        XCTAssertTrue(refused.stderr.contains("no proof of ABI compatibility"), refused.stderr)
        XCTAssertTrue(refused.output.isEmpty, "a refusal writes nothing")
        // The config given by hand stands in, as for an image without IKCONFIG.
        let given = try rebase(snap, ["--image-config", oldConfig], tag: "given")
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertEqual(given.verdict["evidence"] as? String, "abi-fingerprint")
        XCTAssertEqual(given.output, try rebase(image, tag: "image").output)
    }

    func testRootfsFolderAndBareSquashfsGiveTheImagesVerdictWithTheConfigGiven() throws {
        try TestEnv.requireFixtures()
        let byImage = try rebase(image, tag: "image")
        let tree = try unpackedTree(ikconfig: false)
        for (kernel, noun) in [(tree, "a rootfs folder"), (squash, "a bare squashfs rootfs")] {
            let refused = try rebase(kernel, tag: "r-" + FS.basename(of: kernel))
            XCTAssertEqual(refused.status, 3, refused.stderr)
            XCTAssertTrue(detail(refused.verdict, "abi-fingerprint").contains("\(noun) holds no kernel"), detail(refused.verdict, "abi-fingerprint"))
            let given = try rebase(kernel, ["--image-config", oldConfig], tag: "g-" + FS.basename(of: kernel))
            XCTAssertEqual(given.status, 0, given.stderr)
            XCTAssertEqual(given.verdict["evidence"] as? String, byImage.verdict["evidence"] as? String)
            XCTAssertEqual(checks(given.verdict), checks(byImage.verdict))
            for name in ["abi-fingerprint", "kernel-release", "arch", "module-vermagic", "symbols"] {
                XCTAssertEqual(detail(given.verdict, name), detail(byImage.verdict, name), "\(noun): \(name)")
            }
            XCTAssertEqual(given.output, byImage.output, noun)
        }
    }

    func testRealReleaseProfilesJSONIsReadAsTheKernelsIdentity() throws {
        let path = TestEnv.fixtures + "/release/openwrt-23.05.2-mvebu-cortexa9-profiles.json"
        let p = try ReleaseProfiles(path: path)
        XCTAssertEqual(p.arch, "arm_cortex-a9_vfpv3-d16")
        XCTAssertEqual(p.target, "mvebu/cortexa9")
        XCTAssertEqual(p.kernelVersion, "5.15.137")
        XCTAssertEqual(p.profiles, ["cznic_turris-omnia", "linksys_wrt3200acm"])
        XCTAssertEqual(p.packageManager, "opkg")
        // The release's own kernel package (realdata feed of the same build) has this version.
        XCTAssertEqual(p.kernelPackageVersion, "5.15.137-1-40d241266c049468fd1eeac34d3457e0")
        if let real = TestEnv.realdata.map({ $0 + "/AngryMuppet1991__openwrt_core" }), FS.isDirectory(real) {
            XCTAssertTrue(FS.isRegularFile(real + "/kernel_\(p.kernelPackageVersion)_\(p.arch).ipk"))
        }
        let side = try ImageLoader.load(path)
        XCTAssertEqual(side.source, .profiles)
        XCTAssertEqual(side.kernelPackage.raw, p.kernelPackageVersion)
        XCTAssertEqual(side.release, "5.15.137")
        XCTAssertEqual(side.arch, "arm_cortex-a9_vfpv3-d16")
        XCTAssertTrue(side.modules.isEmpty)
        XCTAssertNil(side.config)
        // 24.10 on: the kernel package is V~hash-rR.
        var newer = try String(contentsOfFile: path, encoding: .utf8)
        newer = newer.replacingOccurrences(of: "\"version_number\":\"23.05.2\"", with: "\"version_number\":\"24.10.0\"")
        XCTAssertEqual(try ReleaseProfiles(parsing: Array(newer.utf8), file: "p.json").kernelPackageVersion,
                       "5.15.137~40d241266c049468fd1eeac34d3457e0-r1")
    }

    func testProfilesJSONOfTheFixtureKernelRefusesWithoutProofAndStatesWhy() throws {
        try TestEnv.requireFixtures()
        let f = TestEnv.fixtureFacts
        let old = try XCTUnwrap(f["PKG_KERNEL_VERSION_OLD"]), arch = try XCTUnwrap(f["ARCH"])
        let kpv = try XCTUnwrap(KernelPackageVersion(old))
        let json = """
        {"arch_packages":"\(arch)","linux_kernel":{"release":"\(kpv.release)","vermagic":"\(kpv.vermagic)","version":"\(kpv.upstream)"},\
        "metadata_version":1,"profiles":{"generic":{"images":[]}},"target":"x86/64","version_code":"r0-fixture","version_number":"23.05.5"}
        """
        let path = tmp + "/profiles.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let r = try rebase(path, tag: "profiles")
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertEqual(r.verdict["imageKernel"] as? String, old)
        XCTAssertTrue(detail(r.verdict, "abi-fingerprint").contains("profiles.json names the kernel only"))
        XCTAssertTrue(detail(r.verdict, "module-vermagic").contains("profiles.json lists no modules"))
        XCTAssertEqual(detail(r.verdict, "kernel-release"), "both \(kpv.upstream)")
        let forced = try rebase(path, ["--force", "--image-config", oldConfig], tag: "profiles-forced")
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.verdict["evidence"] as? String, "abi-fingerprint")
    }

    func testDamagedSnapshotsGiveOneLineErrors() throws {
        try TestEnv.requireFixtures()
        let good = try FS.read(try snapshot(of: try unpackedTree(ikconfig: true)))
        XCTAssertNoThrow(try DeviceSnapshot(parsing: good, file: "good"))
        let firstF = try XCTUnwrap(good.firstIndex(of: UInt8(ascii: "F")))
        // The first file record, e.g. "F 206 /etc/openwrt_release", and the same with one byte less.
        let firstLine = String(decoding: good[firstF...].prefix { $0 != 0x0a }, as: UTF8.self)
        let words = firstLine.split(separator: " ")
        let smaller = "F \(try XCTUnwrap(Int(words[1])) - 1) \(words[2])"
        var cases: [(String, [UInt8], String)] = [
            ("other magic", Array("imagetool-snapshot 9\nEND\n".utf8), "unsupported snapshot version"),
            ("no END", Array(good.dropLast(4)), "truncated"),
            ("cut in a file", Array(good.prefix(good.count / 2)), "truncated"),
            ("bytes after END", good + Array("x".utf8), "after END"),
            ("size too small", Array(good[..<firstF]) + Array(smaller.utf8) + Array(good[(firstF + firstLine.utf8.count)...]), "does not match its contents"),
            ("size with sign", Array(good[..<firstF]) + Array("F -1 /proc/version\n\nEND\n".utf8), "bad file size"),
            ("leading zero", Array(good[..<firstF]) + Array("F 01 /proc/version\nx\nEND\n".utf8), "bad file size"),
            ("huge size", Array(good[..<firstF]) + Array("F 99999999999 /proc/version\nEND\n".utf8), "bad file size"),
            ("over the limit", Array(good[..<firstF]) + Array("F 999999999 /proc/version\nEND\n".utf8), "MiB limit"),
            ("dot-dot", Array(good[..<firstF]) + Array("F 1 /lib/modules/../../etc/shadow.ko\nx\nEND\n".utf8), "not a plain absolute path"),
            ("relative", Array(good[..<firstF]) + Array("F 1 proc/version\nx\nEND\n".utf8), "not a plain absolute path"),
            ("unknown file", Array(good[..<firstF]) + Array("F 1 /etc/shadow\nx\nEND\n".utf8), "unexpected file"),
            ("twice", Array(good[..<firstF]) + Array("F 1 /proc/version\nx\nF 1 /proc/version\nx\nEND\n".utf8), "listed twice"),
            ("bad folder", Array(good[..<firstF]) + Array("D /etc\nEND\n".utf8), "is not /lib/modules/<release>"),
            ("unknown record", Array(good[..<firstF]) + Array("X whatever\nEND\n".utf8), "unknown record"),
            ("long line", Array(good[..<firstF]) + Array(repeating: UInt8(ascii: "F"), count: 5000) + [0x0a], "longer than 4096"),
        ]
        // A module whose bytes are damaged: read as the module parser would read it from an image.
        let needle = Array("/imt_hello.ko\n".utf8)
        if let at = (0 ... good.count - needle.count).first(where: { good[$0 ..< $0 + needle.count].elementsEqual(needle) }) {
            var b = good
            for k in 0 ..< 16 { b[at + needle.count + k] = 0 }  // the ELF header
            cases.append(("damaged module", b, "imt_hello.ko"))
        } else {
            XCTFail("no imt_hello.ko record in the snapshot")
        }
        XCTAssertThrowsError(try DeviceSnapshot(parsing: [], file: "s")) { e in
            XCTAssertTrue("\(e)".contains("not an imagetool device snapshot"), "\(e)")
        }
        for (name, bytes, expect) in cases {
            XCTAssertThrowsError(try DeviceSnapshot(parsing: bytes, file: "s").checkModules(), name)
            let path = tmp + "/damaged.snapshot"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = try TestEnv.imagetool(["rebase", feed, "--kernel", path, "-o", tmp + "/out-damaged", "--key", key])
            XCTAssertEqual(r.status, 1, "\(name): \(r.err)")
            XCTAssertEqual(r.err.filter { $0 == "\n" }.count, 1, "\(name): one line: \(r.err.debugDescription)")
            XCTAssertTrue(r.err.hasPrefix("imagetool: \(path)"), "\(name): names the file: \(r.err)")
            XCTAssertTrue(r.err.contains(expect), "\(name): expected \(expect.debugDescription) in \(r.err)")
            XCTAssertFalse(FS.isDirectory(tmp + "/out-damaged"), name)
        }
    }

    func testSeededMutationsNeverTrap() throws {
        try TestEnv.requireFixtures()
        let good = try FS.read(try snapshot(of: try unpackedTree(ikconfig: true)))
        var rng = SnapshotMix(seed: 0x18_5a_ab)
        print("DeviceSnapshotTests mutation seed 0x185aab")
        for _ in 0 ..< 400 {
            var b = good
            for _ in 0 ..< 1 + Int(rng.next() % 4) {
                let i = Int(rng.next() % UInt64(b.count))
                b[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 4 == 0 { b = Array(b.prefix(Int(rng.next() % UInt64(b.count)))) }
            _ = try? DeviceSnapshot(parsing: b, file: "m").checkModules()
        }
    }

    func testTheDocumentedCommandIsTheOneInREADMEAndHelp() throws {
        let readme = try String(contentsOfFile: TestEnv.root + "/README.md", encoding: .utf8)
        XCTAssertTrue(readme.contains(DeviceSnapshot.command), "README.md shows DeviceSnapshot.command verbatim")
        XCTAssertFalse(DeviceSnapshot.script.contains("'"), "the script goes inside single quotes")
        let help = try TestEnv.imagetool(["rebase", "--help"])
        XCTAssertTrue(help.out.replacingOccurrences(of: "\n", with: " ").contains("router.snapshot"), help.out)
        let printed = try TestEnv.imagetool(["snapshot", "--script"])
        XCTAssertEqual(printed.out, DeviceSnapshot.script + "\n")
    }
}

/// SplitMix64 (TestSupport), seeded so a run can be replayed.
typealias SnapshotMix = SplitMix64
