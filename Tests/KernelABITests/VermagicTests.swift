import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// Classic vermagic against the real OpenWrt build and the shell rule, and `.config.set`
/// reconstruction against the real build's file.
final class VermagicTests: XCTestCase {
    func realme() throws -> String {
        guard let rd = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent: real OpenWrt kernel build not available") }
        guard let d = try FS.list(rd).first(where: { $0.hasPrefix("realme-kernel-opensource__") }) else {
            throw XCTSkip("realdata has no realme-kernel-opensource__* build")
        }
        return rd + "/" + d
    }

    /// The shell rule from include/kernel-defaults.mk, run by /bin/sh.
    func shellRule(_ path: String) throws -> String {
        let r = try TestSupport.run("/bin/sh", ["-c", "grep '=[ym]' \"$1\" | LC_ALL=C sort | md5sum", "sh", path])
        return String(r.out.prefix(32))
    }

    func testRealBuildKnownAnswer() throws {
        let dir = try realme()
        let expected = try FS.readText(dir + "/.vermagic").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(Vermagic.classic(try KernelConfig.open(dir + "/.config.set")), expected)
    }

    func testConfigSetReconstructionMatchesRealBuild() throws {
        let dir = try realme()
        let target = try FS.read(dir + "/.config.target"), override = try FS.read(dir + "/.config.override")
        let real = try FS.read(dir + "/.config.set")
        let rebuilt = ConfigSet.reconstruct(target: target, override: override, tail: .sourceOnly)
        XCTAssertEqual(rebuilt.count, real.count)
        XCTAssertTrue(rebuilt == real, "rebuilt .config.set differs from the build's")
        XCTAssertEqual(Vermagic.classic(KernelConfig(bytes: rebuilt)), try FS.readText(dir + "/.vermagic").trimmingCharacters(in: .whitespacesAndNewlines))
        // The current tail differs only in the two extra lines.
        let current = ConfigSet.reconstruct(target: target, override: override, tail: .current)
        XCTAssertEqual(current.count, real.count + "# CONFIG_INITRAMFS_FORCE is not set\n# CONFIG_INITRAMFS_PRESERVE_MTIME is not set\n".utf8.count)
    }

    func testEveryRealConfigMatchesShellRule() throws {
        guard let rd = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let r = try TestSupport.run("/usr/bin/find", [rd, "-type", "f", "(", "-name", "config-*", "-o", "-name", ".config*", "-o", "-name", "config.buildinfo", ")"])
        let files = r.out.split(separator: "\n").map(String.init).sorted()
        XCTAssertGreaterThanOrEqual(files.count, 20, "expected the anon503 5.15/6.6/6.12 configs and the realme build")
        for f in files {
            XCTAssertEqual(Vermagic.classic(try KernelConfig.open(f)), try shellRule(f), f)
        }
        // Fixture configs too.
        for f in ["old", "new", "abi"] {
            let p = TestEnv.fixtures + "/config/\(f).config"
            guard FS.exists(p) else { continue }
            XCTAssertEqual(Vermagic.classic(try KernelConfig.open(p)), try shellRule(p), p)
        }
    }

    func testEdgeCasesMatchShellRule() throws {
        let dir = TestEnv.tempDir("kabi-vm")
        defer { try? FS.removeTree(dir) }
        let cases: [String] = [
            "CONFIG_A=y\nCONFIG_B=m",                       // no trailing newline
            "CONFIG_B=y\nCONFIG_A=y\nCONFIG_A=y\n",          // duplicates kept
            "CONFIG_CMDLINE=\"root=m\"\n# x=y comment\nCONFIG_Z=n\n",   // unanchored match
            "CONFIG_a=y\nCONFIG_B=y\nCONFIG_b=m\nCONFIG__=y\n",          // byte order, not locale order
            "CONFIG_X=y\r\nCONFIG_Y=m\r\n",                 // CR kept in the line
            "",
        ]
        for (i, text) in cases.enumerated() {
            let p = dir + "/c\(i)"
            try FS.writeAtomically(Array(text.utf8), to: p)
            XCTAssertEqual(Vermagic.classic(KernelConfig(parsing: text)), try shellRule(p), "case \(i): \(text.debugDescription)")
        }
    }

    func testGzipConfigReadsLikePlain() throws {
        let p = TestEnv.fixtures + "/config/old.config"
        guard FS.exists(p) else { throw XCTSkip("fixture configs not generated") }
        let dir = TestEnv.tempDir("kabi-gz")
        defer { try? FS.removeTree(dir) }
        XCTAssertEqual(try TestSupport.run("/bin/sh", ["-c", "gzip -9n < \"$1\" > \"$2\"", "sh", p, dir + "/config.gz"]).status, 0)
        XCTAssertEqual(Vermagic.classic(try KernelConfig.open(dir + "/config.gz")), Vermagic.classic(try KernelConfig.open(p)))
    }

    func testKconfigPlMergeRules() {
        // m+ : an override never lowers y, "#undef" never lowers anything, m raises n.
        let target = Array("CONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\nCONFIG_D=m\nCONFIG_E=0\n".utf8)
        let override = Array("# CONFIG_A is not set\n# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_D=y\nCONFIG_E=5\nCONFIG_F=m\nCONFIG_F=y\nCONFIG_G=y\nCONFIG_G=m\n".utf8)
        let out = String(decoding: ConfigSet.reconstruct(target: target, override: override, tail: .none), as: UTF8.self)
        XCTAssertEqual(out, "CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=m\nCONFIG_D=y\nCONFIG_E=5\nCONFIG_F=y\nCONFIG_G=y\n")
    }

    func testParseLineFollowsKconfigPlPatterns() {
        XCTAssertEqual(KernelConfig.parseLine("CONFIG_A=y")?.1, .yes)
        XCTAssertEqual(KernelConfig.parseLine("CONFIG_A==x")?.0, "A")
        XCTAssertNil(KernelConfig.parseLine("CONFIG_A="))
        XCTAssertEqual(KernelConfig.parseLine("# CONFIG_FOO is not set")?.0, "FOO")
        XCTAssertEqual(KernelConfig.parseLine("CONFIG_HZ=250")?.1, .value("250"))
        XCTAssertNil(KernelConfig.parseLine("# CONFIG_ is not set"))
        XCTAssertEqual(KernelConfig(parsing: "# Linux/x86 6.1.192 Kernel Configuration\n").series, "6.1")
    }
}
