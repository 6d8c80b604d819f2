import XCTest
import BinaryIO
import CLITestSupport
import Platform
import TestSupport

/// The `imagetool vermagic`, `vermagic explain`, `modinfo` and `modcheck` commands: stdout,
/// stderr and exit codes.
final class KernelCLITests: XCTestCase {
    var fixtures: String { TestEnv.fixtures }

    func json(_ r: RunResult) throws -> Any { try JSONSerialization.jsonObject(with: r.stdout) }

    func testVermagicAndABI() throws {
        guard FS.exists(fixtures + "/config/old.config") else { throw XCTSkip("fixture configs not generated") }
        let r = try InProcessCLI.run(["vermagic", fixtures + "/config/old.config"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, (TestEnv.fixtureFacts["VERMAGIC_OLD"] ?? "") + "\n")
        let j = try InProcessCLI.run(["vermagic", "--abi", "--json", fixtures + "/config/new.config"])
        let o = try XCTUnwrap(try json(j) as? [String: Any])
        XCTAssertEqual(o["vermagic"] as? String, TestEnv.fixtureFacts["VERMAGIC_NEW"])
        let abi = try XCTUnwrap(o["abi"] as? [String: Any])
        XCTAssertEqual(abi["set"] as? String, "6.1")
        XCTAssertEqual((abi["fingerprint"] as? String)?.count, 32)
    }

    func testFallbackWarnsForUnshippedSeries() throws {
        guard let rd = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let cfg = rd + "/anon503__e27xx./@main-5.15era/target/linux/generic/config-5.15"
        guard FS.exists(cfg) else { throw XCTSkip("5.15 config absent") }
        let r = try InProcessCLI.run(["vermagic", "--abi", "--series", "5.15", cfg])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("classic strictness"), r.err)
        XCTAssertTrue(r.out.contains("classic strictness"), r.out)
    }

    func testExplainExitCodes() throws {
        guard FS.exists(fixtures + "/config/abi.config") else { throw XCTSkip("fixture configs not generated") }
        let ok = try InProcessCLI.run(["vermagic", "explain", fixtures + "/config/old.config", fixtures + "/config/new.config"])
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertTrue(ok.out.contains("module-only-harmless"))
        XCTAssertTrue(ok.out.hasSuffix("none visible to modules\n"), ok.out)
        let bad = try InProcessCLI.run(["vermagic", "explain", "--json", fixtures + "/config/old.config", fixtures + "/config/abi.config"])
        XCTAssertEqual(bad.status, 3)
        let o = try XCTUnwrap(try json(bad) as? [String: Any])
        XCTAssertEqual(o["compatible"] as? Bool, false)
        let changes = try XCTUnwrap(o["changes"] as? [[String: Any]])
        XCTAssertEqual(changes.first?["option"] as? String, "MCTP")
        XCTAssertTrue((changes.first?["reason"] as? String)?.contains(TestEnv.fixtureFacts["ABI_CONFIG_HEADER"] ?? "include/net/net_namespace.h") == true)
    }

    func testScanCommandOnATree() throws {
        let tmp = TestEnv.tempDir("kabi-scan")
        defer { try? FS.removeTree(tmp) }
        try FS.makeDirectories(tmp + "/include/linux")
        try FS.makeDirectories(tmp + "/arch/mips/include/asm")
        try FS.makeDirectories(tmp + "/include/generated")
        try FS.writeAtomically(Array("struct a {\n#if IS_ENABLED(CONFIG_FOO)\n int x;\n#endif\n};\n".utf8), to: tmp + "/include/linux/a.h")
        try FS.writeAtomically(Array("#ifdef CONFIG_BAR\n#endif\n".utf8), to: tmp + "/arch/mips/include/asm/b.h")
        try FS.writeAtomically(Array("#define CONFIG_GEN_MODULE 1\n".utf8), to: tmp + "/include/generated/autoconf.h")
        let r = try InProcessCLI.run(["vermagic", "scan", "--kernel-src", tmp, "--series", "9.9"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("\nm\tFOO\tinclude/linux/a.h:2\n"), r.out)
        XCTAssertTrue(r.out.contains("\ny\tBAR\tarch/mips/include/asm/b.h:1\n"), r.out)
        XCTAssertFalse(r.out.contains("GEN"), "include/generated is not scanned")
        let sw = try InProcessCLI.run(["vermagic", "scan", "--kernel-src", tmp, "--series", "9.9", "--swift", "ABISet_9_9"])
        XCTAssertTrue(sw.out.contains("enum ABISet_9_9 {") && sw.out.contains("// GENERATED FILE"), sw.out)
        // Explain with --kernel-src uses the scanned set: FOO n->m matters, BAZ does not.
        try FS.writeAtomically(Array("CONFIG_A=y\n".utf8), to: tmp + "/old")
        try FS.writeAtomically(Array("CONFIG_A=y\nCONFIG_FOO=m\nCONFIG_BAZ=m\n".utf8), to: tmp + "/new")
        let e = try InProcessCLI.run(["vermagic", "explain", "--kernel-src", tmp, tmp + "/old", tmp + "/new"])
        XCTAssertEqual(e.status, 3)
        XCTAssertTrue(e.out.contains("abi-relevant          CONFIG_FOO"), e.out)
        XCTAssertTrue(e.out.contains("module-only-harmless  CONFIG_BAZ"), e.out)
        let empty = try InProcessCLI.run(["vermagic", "scan", "--kernel-src", tmp + "/include/linux", "--series", "1.0"])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.err.hasPrefix("imagetool: "), empty.err)
    }

    func testConfigSetCommand() throws {
        guard let rd = TestEnv.realdata, let d = try FS.list(rd).first(where: { $0.hasPrefix("realme-kernel-opensource__") }) else { throw XCTSkip("realme build absent") }
        let dir = rd + "/" + d, tmp = TestEnv.tempDir("kabi-cli")
        defer { try? FS.removeTree(tmp) }
        let r = try InProcessCLI.run(["vermagic", "configset", dir + "/.config.target", dir + "/.config.override", "--initramfs-tail", "source-only", "-o", tmp + "/set"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, try FS.readText(dir + "/.vermagic"))
        XCTAssertEqual(try FS.read(tmp + "/set"), try FS.read(dir + "/.config.set"))
    }

    func testModinfoJSON() throws {
        guard FS.exists(fixtures + "/modules/imt_user.ko") else { throw XCTSkip("fixture modules not generated") }
        let r = try InProcessCLI.run(["modinfo", "--json", fixtures + "/modules/imt_user.ko", fixtures + "/modules/imt_hello.ko"])
        XCTAssertEqual(r.status, 0, r.err)
        let a = try XCTUnwrap(try json(r) as? [[String: Any]])
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(a[0]["vermagic"] as? [String], [TestEnv.fixtureFacts["MODULE_VERMAGIC"] ?? ""])
        XCTAssertEqual(a[0]["depends"] as? [String], ["imt_hello"])
        XCTAssertEqual(a[0]["name"] as? [String], ["imt_user"])
        XCTAssertEqual(a[0]["parmtype"] as? [String], ["imt_user_name:charp"])
        XCTAssertEqual(a[1]["filename"] as? String, fixtures + "/modules/imt_hello.ko")
        XCTAssertNil(a[0]["__versions"])
        let h = try InProcessCLI.run(["modinfo", fixtures + "/modules/imt_user.ko"])
        XCTAssertTrue(h.out.contains("\nvermagic:       \(TestEnv.fixtureFacts["MODULE_VERMAGIC"] ?? "")\n"), h.out)
    }

    func testModcheckAndBadELF() throws {
        guard FS.exists(fixtures + "/modules/imt_user.ko") else { throw XCTSkip("fixture modules not generated") }
        let tmp = TestEnv.tempDir("kabi-cli")
        defer { try? FS.removeTree(tmp) }
        // Against a folder holding only imt_extra: symbols are merely unresolved (warning, exit 0).
        let rel = TestEnv.fixtureFacts["RELEASE"] ?? "x"
        let modDir = tmp + "/lib/modules/" + rel
        try FS.makeDirectories(modDir)
        try FS.writeAtomically(try FS.read(fixtures + "/modules/imt_extra.ko"), to: modDir + "/imt_extra.ko")
        let r = try InProcessCLI.run(["modcheck", fixtures + "/modules/imt_user.ko", "--against", modDir])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.err.contains("not exported by any module"), r.err)
        XCTAssertTrue(r.out.contains("unresolved"), r.out)
        // Plus the kernel's Module.symvers: imt_hello_greet is certainly missing -> exit 1.
        let symvers = "/usr/src/linux-headers-\(rel)/Module.symvers"
        if FS.exists(symvers) {
            let r2 = try InProcessCLI.run(["modcheck", "--json", fixtures + "/modules/imt_user.ko", "--against", modDir, "--against", symvers])
            XCTAssertEqual(r2.status, 1)
            let o = try XCTUnwrap(try json(r2) as? [String: Any])
            XCTAssertEqual(o["release"] as? String, rel)
            let problems = try XCTUnwrap(o["problems"] as? [[String: Any]])
            XCTAssertEqual(problems.map { $0["kind"] as? String }, ["missing-symbol"])
            XCTAssertEqual(problems.first?["symbol"] as? String, "imt_hello_greet")
        }
        // A truncated module: one error line naming file, context and offset; exit 1.
        let bad = tmp + "/bad.ko"
        try FS.writeAtomically(Array(try FS.read(fixtures + "/modules/imt_user.ko")[0 ..< 100]), to: bad)
        let e = try InProcessCLI.run(["modinfo", bad])
        XCTAssertEqual(e.status, 1)
        XCTAssertEqual(e.err.split(separator: "\n").count, 1, e.err)
        XCTAssertTrue(e.err.hasPrefix("imagetool: \(bad): "), e.err)
        XCTAssertTrue(e.err.contains("offset 0x"), e.err)
    }
}
