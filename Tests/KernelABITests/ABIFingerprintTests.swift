import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// ABI fingerprint and explain on the fixture configs (module-only change vs an
/// ABI-relevant n->m change), the header scanner, and the shipped sets.
final class ABIFingerprintTests: XCTestCase {
    func fixtureConfigs() throws -> (KernelConfig, KernelConfig, KernelConfig) {
        let d = TestEnv.fixtures + "/config"
        guard FS.exists(d + "/old.config") else { throw XCTSkip("fixtures/config not generated (run fixtures/make-fixtures.sh)") }
        return (try KernelConfig.open(d + "/old.config"), try KernelConfig.open(d + "/new.config"), try KernelConfig.open(d + "/abi.config"))
    }

    func set61() throws -> ABIRelevantSet {
        try XCTUnwrap(ABIRelevantSet.shipped(series: "6.1"), "the 6.1 set is shipped")
    }

    func testFixtureClassicDiffersButFingerprintEqual() throws {
        let (old, new, _) = try fixtureConfigs()
        let facts = TestEnv.fixtureFacts
        if let v = facts["VERMAGIC_OLD"] { XCTAssertEqual(Vermagic.classic(old), v) }
        if let v = facts["VERMAGIC_NEW"] { XCTAssertEqual(Vermagic.classic(new), v) }
        XCTAssertNotEqual(Vermagic.classic(old), Vermagic.classic(new))
        let set = try XCTUnwrap(ABIFingerprint.chooseSet(for: old), "the config header names 6.1, whose set is shipped")
        XCTAssertEqual(set.series, "6.1")
        XCTAssertEqual(ABIFingerprint.compute(old, set: set).hash, ABIFingerprint.compute(new, set: set).hash)
        // Without a set the fallback is as strict as classic.
        XCTAssertNotEqual(ABIFingerprint.compute(old, set: nil).hash, ABIFingerprint.compute(new, set: nil).hash)
        let diff = ConfigDiff.explain(old: old, new: new, set: set)
        XCTAssertTrue(diff.compatible, diff.verdict)
        let names = (facts["NEW_CONFIG_OPTIONS"] ?? "").split(separator: " ").map { String($0.dropFirst(7)) }
        XCTAssertEqual(Set(diff.lines.map(\.option)), Set(names))
        XCTAssertTrue(diff.lines.allSatisfy { $0.classification == .moduleOnlyHarmless })
    }

    func testABIRelevantChangeIsNamedWithItsHeader() throws {
        let (old, _, abi) = try fixtureConfigs()
        let set = try set61()
        XCTAssertNotEqual(ABIFingerprint.compute(old, set: set).hash, ABIFingerprint.compute(abi, set: set).hash)
        let diff = ConfigDiff.explain(old: old, new: abi, set: set)
        XCTAssertFalse(diff.compatible)
        let option = String((TestEnv.fixtureFacts["ABI_CONFIG_OPTION"] ?? "CONFIG_MCTP").dropFirst(7))
        let header = TestEnv.fixtureFacts["ABI_CONFIG_HEADER"] ?? "include/net/net_namespace.h"
        let line = try XCTUnwrap(diff.lines.first { $0.option == option })
        XCTAssertEqual(line.classification, .abiRelevant)
        XCTAssertTrue(line.headers.contains { $0.hasPrefix(header + ":") }, "\(line.headers)")
        XCTAssertTrue(line.reason.contains(header))
        XCTAssertTrue(diff.verdict.contains("CONFIG_\(option)"))
        XCTAssertTrue(diff.notes.contains { $0.contains("CONFIG_MODVERSIONS") })
    }

    func testSCTPModuleAndBuiltinChangesAlterFingerprint() throws {
        let (old, _, _) = try fixtureConfigs()
        let set = try set61()
        XCTAssertTrue(set.isModuleVisible("IP_SCTP"), "struct net gains netns_sctp for IP_SCTP=m")
        XCTAssertTrue(set.references("IP_SCTP", .moduleVisible).contains { $0.header == "include/net/net_namespace.h" })
        let base = ABIFingerprint.compute(old, set: set).hash
        func variant(_ edit: (inout String) -> Void) -> KernelConfig {
            var t = String(decoding: old.rawLines.map { $0 + [0x0A] }.joined(), as: UTF8.self)
            edit(&t)
            return KernelConfig(parsing: t)
        }
        // IP_SCTP is m on Debian; turning it off is an ABI change.
        XCTAssertEqual(old.value("IP_SCTP"), .module)
        let noSCTP = variant { $0 = $0.replacingOccurrences(of: "CONFIG_IP_SCTP=m\n", with: "# CONFIG_IP_SCTP is not set\n") }
        XCTAssertNotEqual(ABIFingerprint.compute(noSCTP, set: set).hash, base)
        XCTAssertEqual(ConfigDiff.explain(old: old, new: noSCTP, set: set).lines.first { $0.option == "IP_SCTP" }?.classification, .abiRelevant)
        // Any =y option that changes makes them differ, classified as a built-in change.
        let y = try XCTUnwrap(old.entries.first { $0.value == .yes && !set.isReferenced($0.name) })
        let noY = variant { $0 = $0.replacingOccurrences(of: "CONFIG_\(y.name)=y\n", with: "# CONFIG_\(y.name) is not set\n") }
        XCTAssertNotEqual(ABIFingerprint.compute(noY, set: set).hash, base)
        let d = ConfigDiff.explain(old: old, new: noY, set: set)
        XCTAssertEqual(d.lines.map(\.classification), [.builtinChange])
        XCTAssertFalse(d.compatible)
        // A value headers use (NR_CPUS) counts; one they do not (CMDLINE-like) does not.
        let cpus = variant { $0 = $0.replacingOccurrences(of: "CONFIG_NR_CPUS=", with: "CONFIG_NR_CPUS=1") }
        XCTAssertNotEqual(ABIFingerprint.compute(cpus, set: set).hash, base)
        let cc = variant { $0 = $0.replacingOccurrences(of: "CONFIG_CC_VERSION_TEXT=\"gcc", with: "CONFIG_CC_VERSION_TEXT=\"xgcc") }
        XCTAssertEqual(ABIFingerprint.compute(cc, set: set).hash, base)
        XCTAssertEqual(ConfigDiff.explain(old: old, new: cc, set: set).lines.first?.classification, .harmlessValue)
    }

    func testStripKernelExportsIsCalledOut() {
        let a = KernelConfig(parsing: "CONFIG_A=y\n"), b = KernelConfig(parsing: "CONFIG_A=y\nCONFIG_STRIP_KERNEL_EXPORTS=y\n")
        let d = ConfigDiff.explain(old: a, new: b, set: ABIRelevantSet(series: "t", origin: "t", regenerate: "", symbols: [:]))
        XCTAssertTrue(d.notes.contains { $0.contains("CONFIG_STRIP_KERNEL_EXPORTS") && $0.contains("modcheck") })
        XCTAssertTrue(d.notes.contains { $0.contains("CONFIG_MODVERSIONS is off") })
        XCTAssertFalse(d.compatible)
    }

    func testApproximateSetBetweenShippedSeries() throws {
        let a = try XCTUnwrap(ABIRelevantSet.approximate(series: "6.6"))
        XCTAssertEqual(a.series, "6.6")
        XCTAssertTrue(a.origin.contains("6.1") && a.origin.contains("6.12"))
        let s61 = try set61(), s612 = try XCTUnwrap(ABIRelevantSet.shipped(series: "6.12"))
        for name in Set(s61.symbols.keys).union(s612.symbols.keys) {
            XCTAssertEqual(a.isModuleVisible(name), s61.isModuleVisible(name) || s612.isModuleVisible(name), name)
        }
        XCTAssertNil(ABIRelevantSet.approximate(series: "5.15"), "below every shipped series: no approximation")
        XCTAssertEqual(ABIRelevantSet.approximate(series: "6.1"), s61)
    }

    /// The set `vermagic` chooses: shipped for the series, the approximation only when asked
    /// (with a warning), else none (classic strictness, with a warning).
    func testChooseSetForTheVermagicCommands() throws {
        let cfg = KernelConfig(parsing: "CONFIG_A=y\n")
        let shipped = try ABIFingerprint.chooseSet(for: cfg, kernelSource: nil, series: "6.12", approximate: false)
        XCTAssertEqual(shipped.set, ABIRelevantSet.shipped(series: "6.12"))
        XCTAssertEqual(shipped.warnings, [])
        let approx = try ABIFingerprint.chooseSet(for: cfg, kernelSource: nil, series: "6.6", approximate: true)
        XCTAssertEqual(approx.set, ABIRelevantSet.approximate(series: "6.6"))
        XCTAssertEqual(approx.warnings.count, 1)
        XCTAssertTrue(approx.warnings[0].contains("approximation"), approx.warnings[0])
        let strict = try ABIFingerprint.chooseSet(for: cfg, kernelSource: nil, series: "6.6", approximate: false)
        XCTAssertNil(strict.set)
        XCTAssertEqual(strict.warnings.count, 1)
        XCTAssertTrue(strict.warnings[0].contains("classic strictness") && strict.warnings[0].contains("6.6"), strict.warnings[0])
        let unknown = try ABIFingerprint.chooseSet(for: cfg, kernelSource: nil, series: nil, approximate: true)
        XCTAssertNil(unknown.set)
        XCTAssertTrue(unknown.warnings.first?.contains("series unknown") == true, "\(unknown.warnings)")
    }

    func testScannerClassifiesUses() {
        let header = """
        /* IS_ENABLED(CONFIG_IN_COMMENT) */
        // CONFIG_LINE_COMMENT
        struct s {
        #if IS_ENABLED(CONFIG_A)
            int a;
        #endif
        #ifdef CONFIG_B
            int b;
        #endif
        #if defined(CONFIG_C) || defined(CONFIG_C_MODULE)
            int c;
        #endif
        #if IS_BUILTIN(CONFIG_D) && \\
            IS_REACHABLE ( CONFIG_E )
            int d;
        #endif
            int v[CONFIG_NR_X];
        };
        static inline int f(void) { return IS_MODULE(CONFIG_F) ? 1 : 0; }
        const char *s = "CONFIG_IN_STRING";
        """
        var seen: [String: Set<ABIRelevantSet.Use>] = [:]
        HeaderScanner.scanFile(Array(header.utf8)) { n, u, _ in seen[n, default: []].insert(u) }
        XCTAssertEqual(seen["A"], [.moduleVisible])
        XCTAssertEqual(seen["B"], [.builtinOnly])
        XCTAssertEqual(seen["C"], [.builtinOnly, .moduleVisible])
        XCTAssertEqual(seen["D"], [.builtinOnly])
        XCTAssertEqual(seen["E"], [.moduleVisible])
        XCTAssertEqual(seen["NR_X"], [.value])
        XCTAssertEqual(seen["F"], [.moduleVisible])
        XCTAssertNil(seen["IN_COMMENT"]); XCTAssertNil(seen["LINE_COMMENT"]); XCTAssertNil(seen["IN_STRING"])
    }

    func testShippedSetsRoundTripAndRegenerate() throws {
        let sets = ABIRelevantSet.shipped
        XCTAssertEqual(Set(sets.map(\.series)), ["6.1", "6.12"])
        for s in sets {
            XCTAssertEqual(try ABIRelevantSet(parsing: s.serialized()), s)
            XCTAssertGreaterThan(s.symbols.values.filter { $0.contains { $0.use == .moduleVisible } }.count, 300)
            XCTAssertFalse(s.isModuleVisible("SENSORS_AHT10"))
        }
        // Regenerating from the same Debian headers gives the shipped set.
        let s61 = try set61()
        guard let dir = s61.regenerate.split(separator: " ").drop(while: { $0 != "--kernel-src" }).dropFirst().first.map(String.init),
              FS.isDirectory(dir) else { throw XCTSkip("headers the 6.1 set was made from are not installed (\(s61.origin))") }
        let again = try HeaderScanner.scan(root: dir, series: "6.1", origin: s61.origin, regenerate: s61.regenerate)
        XCTAssertEqual(again.symbols.count, s61.symbols.count)
        XCTAssertTrue(again == s61, "scan of \(dir) differs from the shipped set: regenerate it")
    }
}
