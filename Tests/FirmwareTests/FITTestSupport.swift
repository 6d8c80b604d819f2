import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// Oracles the FIT tests share: dumpimage's listing and extraction checked with Python's
/// zlib/hashlib, and a feed rebased onto a FIT's kernel.
extension XCTestCase {
    /// `dumpimage -l`: image name -> hash values in listing order.
    func dumpimageHashes(_ path: String) throws -> [String: [String]] {
        let r = try TestSupport.run(try Images.tool("dumpimage", package: "u-boot-tools"), ["-l", path])
        XCTAssertEqual(r.status, 0, "dumpimage -l \(path): \(r.err)")
        var out: [String: [String]] = [:]
        var cur = ""
        for line in r.out.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("Image "), let open = t.firstIndex(of: "("), let close = t.firstIndex(of: ")") {
                cur = String(t[t.index(after: open) ..< close])
            } else if t.hasPrefix("Hash value:") {
                out[cur, default: []].append(t.dropFirst("Hash value:".count).trimmingCharacters(in: .whitespaces))
            }
        }
        return out
    }

    /// Image `index` extracted by `dumpimage -T flat_dt -p`, with crc32 and sha1 from Python.
    func extracted(_ path: String, index: Int, in dir: String) throws -> (bytes: [UInt8], crc32: String, sha1: String) {
        let out = dir + "/p\(index).bin"
        let r = try TestSupport.run(try Images.tool("dumpimage", package: "u-boot-tools"), ["-T", "flat_dt", "-p", String(index), "-o", out, path])
        XCTAssertEqual(r.status, 0, "dumpimage -p \(index): \(r.err)")
        let py = try TestSupport.run(try Images.tool("python3", package: "python3"),
                         ["-c", "import zlib,hashlib,sys; d=open(sys.argv[1],'rb').read(); print('%08x' % (zlib.crc32(d) & 0xffffffff), hashlib.sha1(d).hexdigest())", out])
        let w = py.out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return (try readBytes(out), w.first ?? "", w.count > 1 ? w[1] : "")
    }

    /// Every image's hashes as dumpimage lists them equal Python's over dumpimage's extraction.
    func assertHashesIndependentlyVerify(_ path: String, _ label: String) throws {
        let dir = TestEnv.tempDir("fit-hash")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let listed = try dumpimageHashes(path)
        XCTAssertEqual(Set(listed.keys), ["kernel-1", "fdt-1", "rootfs-1"], label)
        for (i, name) in ["kernel-1", "fdt-1", "rootfs-1"].enumerated() {
            let x = try extracted(path, index: i, in: dir)
            XCTAssertEqual(listed[name], [x.crc32, x.sha1], "\(label) \(name)")
        }
    }

    /// Rebases the fixture feed onto `image` (reads the FIT's kernel facts) into `out`.
    func rebasedFeed(onto image: String, out: String) throws -> String {
        let r = try TestEnv.imagetool(["rebase", TestEnv.fixtures + "/feed", "--kernel", image, "-o", out,
                                       "--key", TestEnv.root + "/keys/demo.sec", "--trusted-keys", TestEnv.root + "/keys/demo.pub",
                                       "--config", TestEnv.fixtures + "/config/new.config", "--json"])
        XCTAssertEqual(r.status, 0, "rebase --kernel \(image): \(r.err)")
        let report = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let verdicts = try XCTUnwrap(report?["verdicts"] as? [[String: Any]])
        XCTAssertEqual(verdicts.first?["compatible"] as? Bool, true)
        let ipk = try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix("kmod-imt-extra_") }
        return out + "/" + (try XCTUnwrap(ipk))
    }
}
