import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// Module (.ko) inspection against Debian's kmod (`modinfo`, `modprobe --dump-modversions`)
/// and binutils (`readelf`) on the fixture modules, real OpenWrt MIPS/ARM modules, and
/// big-endian ELF32/ELF64 modules compiled here by clang.
final class KernelModuleTests: XCTestCase {
    func testFixtureModules() throws {
        let dir = TestEnv.fixtures + "/modules"
        guard FS.isDirectory(dir) else { throw XCTSkip("fixtures/modules not generated") }
        let facts = TestEnv.fixtureFacts
        for name in (facts["MODULES"] ?? "imt_hello imt_user imt_extra").split(separator: " ") {
            try ModuleCrossCheck.crossCheck("\(dir)/\(name).ko")
        }
        let hello = try KernelModule.open(dir + "/imt_hello.ko"), user = try KernelModule.open(dir + "/imt_user.ko")
        XCTAssertTrue(hello.is64 && !hello.bigEndian && hello.machine == 62)
        XCTAssertEqual(user.vermagic, facts["MODULE_VERMAGIC"])
        XCTAssertEqual(user.depends, ["imt_hello"])
        let crc = try XCTUnwrap(facts["IMT_HELLO_GREET_CRC"].flatMap { UInt32($0.dropFirst(2), radix: 16) })
        XCTAssertEqual(hello.exports, [.init(symbol: "imt_hello_greet", gpl: false, crc: crc)])
        XCTAssertEqual(user.versions.first { $0.symbol == "imt_hello_greet" }?.crc, crc)
        XCTAssertTrue(user.undefined.contains("imt_hello_greet"))
    }

    nonisolated(unsafe) static var extracted: [String]?
    nonisolated(unsafe) static var extractDir: String?

    override class func tearDown() {
        if let d = extractDir { try? FS.removeTree(d) }
        super.tearDown()
    }

    /// Real OpenWrt modules: the two extracted ones plus those inside the feeds' kmod ipks
    /// (up to 10 ipks per feed, extracted once per test run).
    func realModules() throws -> [String] {
        guard let rd = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent: no real OpenWrt modules") }
        if let e = Self.extracted { return e }
        var paths = try TestSupport.run("/usr/bin/find", [rd, "-path", "*_extracted_ko*", "-name", "*.ko"]).out.split(separator: "\n").map(String.init)
        let tmp = TestEnv.tempDir("kabi-ipk")
        Self.extractDir = tmp
        for feed in ["nooblog__Core", "AngryMuppet1991__openwrt_core", "102464__openwrt-mt76x8-binary/packages"] {
            let dir = rd + "/" + feed
            guard FS.isDirectory(dir) else { continue }
            for ipk in try FS.list(dir).filter({ $0.hasPrefix("kmod-") && $0.hasSuffix(".ipk") }).prefix(10) {
                let out = tmp + "/" + ipk
                try FS.makeDirectories(out)
                guard try TestSupport.run("/bin/tar", ["-xzf", dir + "/" + ipk, "-C", out, "./data.tar.gz"]).status == 0,
                      try TestSupport.run("/bin/tar", ["-xzf", out + "/data.tar.gz", "-C", out]).status == 0 else { continue }
                paths += try TestSupport.run("/usr/bin/find", [out, "-name", "*.ko"]).out.split(separator: "\n").map(String.init)
            }
        }
        Self.extracted = paths.sorted()
        return paths.sorted()
    }

    func testRealOpenWrtModulesMatchKmodAndReadelf() throws {
        let paths = try realModules()
        XCTAssertGreaterThan(paths.count, 20)
        var machines = Set<UInt16>(), exports = 0
        for p in paths {
            try ModuleCrossCheck.crossCheck(p)
            let m = try KernelModule.open(p)
            machines.insert(m.machine)
            exports += m.exports.count
            XCTAssertFalse(m.is64 || m.bigEndian, "OpenWrt mipsel/arm modules are ELF32 LE: \(p)")
        }
        XCTAssertEqual(machines, [8, 40], "MIPS and ARM modules were read")
        XCTAssertGreaterThan(exports, 0, "some real modules export symbols")
        // The 5.15 ARM tun.ko keeps name and vermagic; the 4.14 MIPS one has them stripped.
        let arm = try XCTUnwrap(paths.first { $0.contains("arm_cortex-a9") && $0.hasSuffix("/tun.ko") })
        XCTAssertEqual(try KernelModule.open(arm).vermagic, "5.15.137 SMP mod_unload ARMv7 p2v8 ")
    }

    /// Exports of stripped real modules (found through the __ksymtab relocations) equal the
    /// names readelf dumps from __ksymtab_strings.
    func testRealExportsMatchReadelfKsymtabStrings() throws {
        guard let tool = ModuleCrossCheck.readelfTool else { throw XCTSkip("readelf not installed") }
        var total = 0, gpl = 0
        for p in try realModules() {
            let m = try KernelModule.open(p)
            let r = try TestSupport.run(tool, ["-p", "__ksymtab_strings", p]).out
            let names = Set(r.split(separator: "\n").compactMap { l -> String? in
                guard let close = l.firstIndex(of: "]"), l.trimmingCharacters(in: .whitespaces).hasPrefix("[") else { return nil }
                let n = l[l.index(after: close)...].trimmingCharacters(in: .whitespaces)
                return n.isEmpty ? nil : n
            })
            XCTAssertEqual(Set(m.exports.map(\.symbol)), names, p)
            total += m.exports.count; gpl += m.exports.filter(\.gpl).count
        }
        XCTAssertGreaterThan(total, 20); XCTAssertGreaterThan(gpl, 0)
    }

    /// Compressed modules (as Debian ships them) read like the plain file; kmod agrees.
    func testCompressedModules() throws {
        let src = TestEnv.fixtures + "/modules/imt_user.ko"
        guard FS.exists(src) else { throw XCTSkip("fixtures/modules not generated") }
        let dir = TestEnv.tempDir("kabi-z")
        defer { try? FS.removeTree(dir) }
        let plain = try KernelModule.open(src)
        for (tool, ext) in [("xz", "xz"), ("gzip", "gz"), ("zstd", "zst")] {
            guard let t = ModuleCrossCheck.tool(tool) else { continue }
            let out = "\(dir)/imt_user.ko.\(ext)"
            let r = try TestSupport.run("/bin/sh", ["-c", "\"$1\" -c < \"$2\" > \"$3\"", "sh", t, src, out])
            XCTAssertEqual(r.status, 0, r.err)
            let m = try KernelModule.open(out)
            XCTAssertEqual(m.modinfo.map(\.value), plain.modinfo.map(\.value))
            XCTAssertEqual(m.versions, plain.versions); XCTAssertEqual(m.undefined, plain.undefined)
            XCTAssertEqual(m.name, "imt_user")
        }
        XCTAssertEqual(try ModuleCheck.modules(in: dir).count, 3 - [("xz"), ("gzip"), ("zstd")].filter { ModuleCrossCheck.tool($0) == nil }.count)
    }

    /// Big-endian (and 64-bit) modules: a module-shaped object compiled here by clang.
    func testBigEndianModulesFromClang() throws {
        guard let clang = ModuleCrossCheck.tool("clang") else { throw XCTSkip("clang not installed: cannot build big-endian module objects") }
        let dir = TestEnv.tempDir("kabi-be")
        defer { try? FS.removeTree(dir) }
        let src = dir + "/m.c"
        try FS.writeAtomically(Array(BigEndianSource.text.utf8), to: src)
        let targets: [(String, Bool, UInt16)] = [("mips-linux-gnu", false, 8), ("mips64-linux-gnuabi64", true, 8),
                                                  ("powerpc64-linux-gnu", true, 21), ("armeb-linux-gnueabi", false, 40)]
        for (t, is64, machine) in targets {
            let ko = "\(dir)/\(t).ko"
            let r = try TestSupport.run(clang, ["--target=\(t)", "-c", "-O1", "-ffreestanding", "-nostdinc", "-w", "-o", ko, src])
            guard r.status == 0 else { throw XCTSkip("clang cannot target \(t): \(r.err)") }
            let m = try KernelModule.open(ko)
            XCTAssertTrue(m.bigEndian, t); XCTAssertEqual(m.is64, is64, t); XCTAssertEqual(m.machine, machine, t)
            XCTAssertEqual(m.values("alias"), ["be-test-a", "be-test-b"])
            XCTAssertEqual(m.name, "betest")
            XCTAssertEqual(m.versions, [.init(crc: 0xd2a12d3e, symbol: "imt_hello_greet"), .init(crc: 0x12345678, symbol: "printk")])
            XCTAssertEqual(m.exports, [.init(symbol: "betest_export", gpl: true, crc: 0xcafef00d)], t)
            try ModuleCrossCheck.crossCheck(ko)
        }
    }
}

/// C source of a module-shaped object: .modinfo strings, a __versions table, a GPL export
/// with its CRC in __kcrctab, and two undefined symbols.
enum BigEndianSource {
    static let text = """
    struct modversion_info { unsigned long crc; char name[64 - sizeof(unsigned long)]; };
    #define INFO(id, s) static const char id[] __attribute__((section(".modinfo"), used, aligned(1))) = s
    INFO(m1, "license=GPL"); INFO(m2, "alias=be-test-a"); INFO(m3, "alias=be-test-b");
    INFO(m4, "depends=imt_hello"); INFO(m5, "name=betest"); INFO(m6, "vermagic=6.6.110 SMP mod_unload ");
    static const struct modversion_info ____versions[] __attribute__((used, section("__versions"))) = {
      { 0xd2a12d3e, "imt_hello_greet" }, { 0x12345678, "printk" },
    };
    extern int imt_hello_greet(const char *);
    extern int printk(const char *, ...);
    int betest_export(int x) { return imt_hello_greet("x") + printk("y") + x; }
    static const unsigned int crc_betest __attribute__((used, section("__kcrctab_gpl"))) = 0xcafef00d;
    extern const unsigned int __crc_betest_export __attribute__((alias("crc_betest")));
    static void *const __ksymtab_betest_export __attribute__((used, section("___ksymtab_gpl+betest_export"))) = (void *)betest_export;
    """
}
