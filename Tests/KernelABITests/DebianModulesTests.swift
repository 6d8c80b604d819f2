import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// Every module of Debian's real kernel package (x86-64, CONFIG_MODVERSIONS) checked against
/// that kernel's Module.symvers: all symbols resolve and all CRCs match; a mutated CRC is
/// caught. Needs `linux-image-<RELEASE>` installed (or KABI_DEBIAN_MODULES=<dir> pointing at
/// an extracted `lib/modules/<RELEASE>`), and `linux-headers-<RELEASE>` for Module.symvers.
final class DebianModulesTests: XCTestCase {
    func setup() throws -> (modules: [String], symvers: String, vermagic: String) {
        guard let rel = TestEnv.fixtureFacts["RELEASE"], let magic = TestEnv.fixtureFacts["MODULE_VERMAGIC"] else {
            throw XCTSkip("fixtures/fixture.env absent")
        }
        let dir = ProcessInfo.processInfo.environment["KABI_DEBIAN_MODULES"] ?? "/lib/modules/\(rel)"
        let symvers = "/usr/src/linux-headers-\(rel)/Module.symvers"
        guard FS.isDirectory(dir + "/kernel"), FS.exists(symvers) else {
            throw XCTSkip("Debian's modules for \(rel) are not installed (apt-get install linux-image-\(rel), or set KABI_DEBIAN_MODULES)")
        }
        let list = try TestSupport.run("/usr/bin/find", [dir + "/kernel", "-name", "*.ko*"]).out.split(separator: "\n").map(String.init).sorted()
        return (list, symvers, magic)
    }

    func testAllDebianModulesLoadOnTheirKernel() throws {
        let (paths, symvers, magic) = try setup()
        XCTAssertGreaterThan(paths.count, 1000)
        let mods = try paths.map { try KernelModule.open($0) }
        XCTAssertTrue(mods.allSatisfy { $0.is64 && !$0.bigEndian && $0.machine == 62 })
        let side = ModuleCheck.KernelSide.from(symvers: try ModuleSymvers.open(symvers), source: "Module.symvers", vermagic: magic)
        XCTAssertEqual(ModuleCheck.check(mods, against: side), [])
        XCTAssertGreaterThan(mods.reduce(0) { $0 + $1.versions.count }, 10000, "CRCs were compared")
        // Export CRCs read from each module's __kcrctab equal Module.symvers's, module by module.
        let sv = try ModuleSymvers.open(symvers)
        var compared = 0
        for m in mods {
            for e in m.exports {
                guard let entry = sv.bySymbol[e.symbol], entry.module.hasSuffix("/" + m.name.replacingOccurrences(of: "_", with: "-")) || entry.module.hasSuffix("/" + m.name) else { continue }
                XCTAssertEqual(e.crc, entry.crc, "\(m.name) \(e.symbol)")
                XCTAssertEqual(e.gpl, entry.exportType == "EXPORT_SYMBOL_GPL", "\(m.name) \(e.symbol)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 5000, "export CRCs compared with Module.symvers")
        // Change one CRC a module imports: exactly the modules importing it are flagged.
        let victim = "netif_rx"
        var bad = side
        bad.symbols[victim] = (0xDEAD_BEEF, "vmlinux")
        let flagged = Set(ModuleCheck.check(mods, against: bad).map { p -> String in
            XCTAssertEqual(p.kind, .crcMismatch); XCTAssertEqual(p.symbol, victim); return p.module
        })
        XCTAssertEqual(flagged, Set(mods.filter { $0.versions.contains { $0.symbol == victim } }.map(\.name)))
        XCTAssertFalse(flagged.isEmpty)
    }

    func testSampleMatchesKmod() throws {
        let (paths, _, _) = try setup()
        for p in stride(from: 0, to: paths.count, by: max(1, paths.count / 40)).map({ paths[$0] }) {
            try ModuleCrossCheck.crossCheck(p)
        }
    }
}
