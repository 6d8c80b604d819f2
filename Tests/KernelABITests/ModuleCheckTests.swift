import XCTest
import Foundation
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// modcheck: the fixture modules against Debian's real Module.symvers (the kernel they were
/// built for), a mutated copy of it, and against a folder of modules.
final class ModuleCheckTests: XCTestCase {
    func fixtureModules() throws -> [KernelModule] {
        let d = TestEnv.fixtures + "/modules"
        guard FS.isDirectory(d) else { throw XCTSkip("fixtures/modules not generated") }
        return try ModuleCheck.modules(in: d)
    }

    /// Debian's Module.symvers for the release the fixture modules were built against.
    func debianSymvers() throws -> String {
        let rel = TestEnv.fixtureFacts["RELEASE"] ?? ""
        let p = "/usr/src/linux-headers-\(rel)/Module.symvers"
        guard !rel.isEmpty, FS.exists(p) else { throw XCTSkip("linux-headers-\(rel) (Module.symvers) not installed") }
        return p
    }

    func testFixtureModulesLoadOnTheirKernel() throws {
        let mods = try fixtureModules()
        let symvers = try ModuleSymvers.open(try debianSymvers())
        XCTAssertTrue(symvers.hasCRCs)
        let side = ModuleCheck.KernelSide.from(symvers: symvers, source: "Module.symvers",
                                               vermagic: TestEnv.fixtureFacts["MODULE_VERMAGIC"])
        XCTAssertEqual(ModuleCheck.check(mods, against: side), [])
        // imt_user alone lacks imt_hello_greet (only the imt_hello module exports it).
        let user = mods.filter { $0.name == "imt_user" }
        XCTAssertEqual(ModuleCheck.check(user, against: side).map(\.kind), [.missingSymbol])
        XCTAssertEqual(ModuleCheck.check(user, against: side).first?.symbol, "imt_hello_greet")
    }

    func testMutatedSymversFlagsCRCAndMissing() throws {
        let mods = try fixtureModules()
        var text = try FS.readText(try debianSymvers())
        // Change the CRC of param_ops_charp (imt_user imports it) and delete _printk.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try XCTUnwrap(lines.firstIndex { $0.split(separator: "\t").dropFirst().first == "param_ops_charp" })
        let f = lines[i].split(separator: "\t", omittingEmptySubsequences: false)
        lines[i] = (["0x0badc0de"] + f.dropFirst().map(String.init)).joined(separator: "\t")
        lines.removeAll { $0.split(separator: "\t").dropFirst().first == "_printk" }
        text = lines.joined(separator: "\n")
        let side = ModuleCheck.KernelSide.from(symvers: try ModuleSymvers(parsing: Array(text.utf8)), source: "mutated")
        let problems = ModuleCheck.check(mods, against: side)
        XCTAssertTrue(problems.contains { $0.kind == .crcMismatch && $0.symbol == "param_ops_charp" && $0.module == "imt_user" && $0.detail.contains("0badc0de") })
        XCTAssertTrue(problems.contains { $0.kind == .missingSymbol && $0.symbol == "_printk" })
        XCTAssertFalse(problems.contains { $0.symbol == "imt_hello_greet" })
    }

    func testAgainstFolderOfModules() throws {
        let mods = try fixtureModules()
        let hello = try XCTUnwrap(mods.first { $0.name == "imt_hello" }), user = try XCTUnwrap(mods.first { $0.name == "imt_user" })
        let side = ModuleCheck.KernelSide.from(modules: [hello], source: "rootfs")
        XCTAssertEqual(side.vermagic, TestEnv.fixtureFacts["MODULE_VERMAGIC"])
        let problems = ModuleCheck.check([user], against: side)
        // imt_hello_greet resolves with the same CRC; vmlinux symbols are only unresolved
        // (a folder of modules does not know vmlinux's exports), which is not fatal.
        XCTAssertFalse(problems.contains { $0.symbol == "imt_hello_greet" })
        XCTAssertTrue(problems.contains { $0.kind == .missingSymbol && $0.symbol == "param_ops_charp" && $0.detail.contains("vmlinux may export it") })
        XCTAssertTrue(problems.filter { ModuleCheck.isFatal($0, against: side) }.isEmpty)
        // With the kernel's Module.symvers merged in, everything resolves.
        if let symvers = try? debianSymvers() {
            let both = side.merged(with: .from(symvers: try ModuleSymvers.open(symvers), source: "Module.symvers"))
            XCTAssertTrue(both.complete)
            XCTAssertEqual(ModuleCheck.check([user], against: both), [])
            // Without imt_hello on the device, the symbol is now certainly missing.
            let noHello = ModuleCheck.KernelSide.from(symvers: try ModuleSymvers.open(symvers), source: "Module.symvers")
            XCTAssertEqual(ModuleCheck.check([user], against: noHello).filter { ModuleCheck.isFatal($0, against: noHello) }.map(\.kind), [.missingSymbol])
        }
        // A kernel-side module with a different vermagic is flagged.
        var other = side
        other.vermagic = "6.6.110 SMP mod_unload "
        XCTAssertTrue(ModuleCheck.check([user], against: other).contains { $0.kind == .vermagicMismatch })
        // A CRC mismatch against a module provider.
        var bad = side
        bad.symbols["imt_hello_greet"] = (0x1234, "imt_hello")
        XCTAssertTrue(ModuleCheck.check([user], against: bad).contains { $0.kind == .crcMismatch && $0.symbol == "imt_hello_greet" })
    }

    /// `modcheck --against`: a folder of modules under `modules/<release>` names the release,
    /// --release and --vermagic override, several sources merge (the first one's facts win).
    func testKernelSideFromAgainstPaths() throws {
        XCTAssertEqual(ModuleCheck.KernelSide.releaseOfModuleFolder("/r/lib/modules/6.6.110"), "6.6.110")
        XCTAssertEqual(ModuleCheck.KernelSide.releaseOfModuleFolder("/r/lib/modules/extra"), nil)
        XCTAssertEqual(ModuleCheck.KernelSide.releaseOfModuleFolder("/r/lib/other/6.6.110"), nil)
        let mods = try fixtureModules()
        let hello = try XCTUnwrap(mods.first { $0.name == "imt_hello" })
        let tmp = TestEnv.tempDir("kernel-side")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let named = tmp + "/lib/modules/9.9.9", plain = tmp + "/mods"
        for d in [named, plain] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: hello.path, toPath: d + "/imt_hello.ko")
        }
        let fromFolder = try ModuleCheck.KernelSide.open([named])
        XCTAssertEqual(fromFolder.release, "9.9.9")
        XCTAssertEqual(fromFolder.vermagic, hello.vermagic)
        XCTAssertFalse(fromFolder.complete)
        XCTAssertNotNil(fromFolder.symbols["imt_hello_greet"])
        XCTAssertEqual(try ModuleCheck.KernelSide.open([plain]).release, hello.vermagic.map(ModuleCheck.releaseOf))
        let overridden = try ModuleCheck.KernelSide.open([named], release: "1.2.3", vermagic: "1.2.3 SMP mod_unload ")
        XCTAssertEqual(overridden.release, "1.2.3")
        XCTAssertEqual(overridden.vermagic, "1.2.3 SMP mod_unload ")
        let symvers = tmp + "/Module.symvers"
        try "0x00000000\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n".write(toFile: symvers, atomically: true, encoding: .utf8)
        let both = try ModuleCheck.KernelSide.open([named, symvers])
        XCTAssertEqual(both.source, "\(named) + \(symvers)")
        XCTAssertTrue(both.complete, "a Module.symvers lists vmlinux")
        XCTAssertEqual(both.release, "9.9.9")
        XCTAssertNotNil(both.symbols["printk"])
        XCTAssertThrowsError(try ModuleCheck.KernelSide.open([])) { e in XCTAssertEqual((e as? FormatError)?.kind, .usage) }
        XCTAssertThrowsError(try ModuleCheck.KernelSide.open([tmp + "/missing.symvers"])) { e in
            XCTAssertTrue("\(e)".contains("missing.symvers"), "\(e)")
        }
    }

    func testRealSymversParses() throws {
        guard let rd = TestEnv.realdata, let d = try FS.list(rd).first(where: { $0.hasPrefix("realme-kernel-opensource__") }) else {
            throw XCTSkip("../shared/realdata realme build absent")
        }
        let s = try ModuleSymvers.open("\(rd)/\(d)/Module.symvers")
        let lines = try FS.readText("\(rd)/\(d)/Module.symvers").split(separator: "\n").count
        XCTAssertEqual(s.entries.count, lines)
        XCTAssertFalse(s.hasCRCs, "OpenWrt builds without CONFIG_MODVERSIONS: all CRCs are 0")
        XCTAssertEqual(s.bySymbol["kmem_cache_alloc"]?.module, "vmlinux")
        XCTAssertEqual(s.bySymbol["kmem_cache_alloc"]?.exportType, "EXPORT_SYMBOL")
        XCTAssertThrowsError(try ModuleSymvers(parsing: Array("0x1\tfoo\tvmlinux\tEXPORT_SYMBOL\nbroken line\n".utf8), file: "M")) { e in
            XCTAssertEqual((e as? FormatError)?.offset, 30)
            XCTAssertTrue("\(e)".contains("line 2"))
        }
    }
}
