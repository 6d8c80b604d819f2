import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// Cross-checks of KernelModule against Debian's kmod (`modinfo`, `modprobe
/// --dump-modversions`) and binutils (`readelf`), shared by the module test classes.
enum ModuleCrossCheck {
    static let modinfoTool = tool("modinfo"), modprobeTool = tool("modprobe"), readelfTool = tool("readelf")

    /// A tool on PATH or in the usual Debian and Swift toolchain folders.
    static func tool(_ name: String) -> String? {
        if let p = TestEnv.which(name) { return p }
        return ["/usr/bin", "/usr/sbin", "/sbin", "/bin", "/opt/swift/usr/bin"].map { "\($0)/\(name)" }.first { FS.isRegularFile($0) }
    }

    /// kmod's `modinfo -0` output as (key, value) pairs, without filename and parm
    /// (kmod merges parm and parmtype); with -0 each field is `key=value` + NUL.
    static func kmodModinfo(_ path: String) throws -> [(String, String)] {
        guard let tool = modinfoTool else { throw XCTSkip("kmod's modinfo not installed") }
        let r = try TestSupport.run(tool, ["-0", path])
        XCTAssertEqual(r.status, 0, r.err)
        var out: [(String, String)] = []
        for rec in r.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast() {
            let s = String(decoding: rec, as: UTF8.self)
            if s.hasPrefix("filename:") { continue }
            if s.hasPrefix("parm:") {   // kmod's merged "parm: name:description (type)"
                let rest = s.dropFirst(5).drop { $0 == " " }
                out.append(("parm", String(rest.prefix { $0 != ":" })))
                continue
            }
            guard let eq = s.firstIndex(of: "=") else { XCTFail("kmod field without '=': \(s)"); continue }
            let key = String(s[..<eq]), value = String(s[s.index(after: eq)...])
            out.append((key, value))
        }
        return out
    }

    /// readelf's undefined GLOBAL/WEAK symbols (not SECTION), sorted and unique.
    static func readelfUndefined(_ path: String) throws -> [String] {
        guard let tool = readelfTool else { throw XCTSkip("binutils readelf not installed") }
        let r = try TestSupport.run(tool, ["-sW", path])
        var names = Set<String>()
        for line in r.out.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 8, f[6] == "UND", f[4] == "GLOBAL" || f[4] == "WEAK", f[3] != "SECTION" else { continue }
            if f[7] != ".TOC." && f[7] != "_GLOBAL_OFFSET_TABLE_" { names.insert(String(f[7])) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// kmod's `modprobe --dump-modversions` as (crc, name).
    static func kmodVersions(_ path: String) throws -> [KernelModule.VersionEntry] {
        guard let tool = modprobeTool else { throw XCTSkip("kmod's modprobe not installed") }
        let r = try TestSupport.run(tool, ["--dump-modversions", path])
        return r.out.split(separator: "\n").compactMap { l in
            let f = l.split(separator: "\t")
            guard f.count == 2, let crc = UInt64(f[0].dropFirst(2), radix: 16) else { return nil }
            return .init(crc: UInt32(truncatingIfNeeded: crc), symbol: String(f[1]))
        }
    }

    /// Compares everything the independent tools can read.
    static func crossCheck(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = try KernelModule.open(path)
        // kmod prints parm and parmtype merged, one "parm" per parameter name: compare those
        // as name sets and every other field in stored order.
        // kmod also prints the appended signature as pseudo-fields: compare sig_id, skip the
        // ones it derives from the PKCS#7 blob.
        let sigFields: Set<String> = ["signer", "sig_key", "sig_hashalgo", "signature"]
        var kmod = try kmodModinfo(path).filter { !sigFields.contains($0.0) }
        XCTAssertEqual(m.signature?.idType, kmod.first { $0.0 == "sig_id" }?.1, path, file: file, line: line)
        kmod.removeAll { $0.0 == "sig_id" }
        let ours = m.modinfo.filter { $0.key != "parm" && $0.key != "parmtype" }.map { "\($0.key)=\($0.value)" }
        XCTAssertEqual(ours, kmod.filter { $0.0 != "parm" }.map { "\($0.0)=\($0.1)" }, path, file: file, line: line)
        let ourParams = Set(m.modinfo.filter { $0.key == "parm" || $0.key == "parmtype" }.map { String($0.value.prefix { $0 != ":" }) })
        XCTAssertEqual(ourParams, Set(kmod.filter { $0.0 == "parm" }.map(\.1)), path, file: file, line: line)
        XCTAssertEqual(m.undefined, try readelfUndefined(path), path, file: file, line: line)
        XCTAssertEqual(m.versions, try kmodVersions(path), path, file: file, line: line)
    }
}
