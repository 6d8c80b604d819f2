import BinaryIO
@testable import FeedRewrite
import Codecs
import Foundation
import Platform
import TestSupport
import XCTest

final class IPKTests: XCTestCase {
    /// The GNU tar + zlib writer alone (no reuse of input bytes) reproduces every fixture
    /// ipk byte for byte when the control data and mtime are unchanged.
    func testFixtureRewriteReproducesInputByteForByte() throws {
        try Feeds.requireFixtures()
        let files = try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed)
        XCTAssertEqual(files.count, 4)
        for f in files {
            let path = Feeds.fixtureFeed + "/" + f
            let ipk = try IPK.open(path)
            XCTAssertEqual(ipk.container, .gzipTar)
            XCTAssertEqual(ipk.members.map(\.name), ["./debian-binary", "./data.tar.gz", "./control.tar.gz"])
            let again = try ipk.rewritingControl(ipk.control, reuseCompressed: false)
            XCTAssertEqual(again, try FS.read(path), f)
        }
    }

    /// Over ~790 real ipks: re-encoding unchanged control data reproduces control.tar.gz
    /// exactly and the outer tar exactly; the reused-compression path returns the input.
    func testRealIpksReencodeExactly() throws {
        var n = 0, outerGzipEqual = 0
        for dir in try Feeds.realFeeds() {
            for f in try PackagesIndex.ipkFiles(in: dir) {
                let path = dir + "/" + f
                let input = try FS.read(path)
                let ipk = try IPK(parsing: input, path: path)
                let fresh = try ipk.rewritingControl(ipk.control, reuseCompressed: false)
                let back = try IPK(parsing: fresh)
                XCTAssertEqual(back.outerTar, ipk.outerTar, "outer tar of \(f)")
                XCTAssertEqual(back.controlArchive, ipk.controlArchive, "control.tar.gz of \(f)")
                XCTAssertEqual(back.dataArchive, ipk.dataArchive)
                if fresh == input { outerGzipEqual += 1 }
                XCTAssertEqual(try ipk.rewritingControl(ipk.control), input, f)
                n += 1
            }
        }
        print("IPKTests: \(n) real ipks, outer tar identical for all, zlib outer gzip == GNU gzip for \(outerGzipEqual)")
        XCTAssertGreaterThan(n, 700)
    }

    /// A changed Depends: only control.tar.gz and the outer container change; data.tar.gz is
    /// byte-identical; GNU tar and gzip accept the result; it carries no PAX headers.
    func testRewriteChangesOnlyControl() throws {
        try Feeds.requireFixtures()
        let path = try XCTUnwrap(try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed).first { $0.hasPrefix("kmod-imt-user") })
        let ipk = try IPK.open(Feeds.fixtureFeed + "/" + path)
        var c = ipk.control
        let dep = try Relationship(parsing: try XCTUnwrap(c["Depends"]))
        let k = try XCTUnwrap(dep.terms.first { $0.name == "kernel" })
        let newDep = dep.replacing(k, with: "\(k.render()) | kernel (=6.1.0-56-amd64-1-e703c48ded4c7381bfe365dd2b5d4284)")
        c.set("Depends", newDep)
        let out = try ipk.rewritingControl(c)
        let back = try IPK(parsing: out)
        XCTAssertEqual(back.dataArchive, ipk.dataArchive)
        XCTAssertEqual(back.control["Depends"], newDep)
        XCTAssertEqual(back.control.fields.map(\.name), ipk.control.fields.map(\.name))
        XCTAssertEqual(back.controlMembers.map(\.name), ipk.controlMembers.map(\.name))
        XCTAssertEqual(back.controlMembers.filter { $0.name != "./control" }.map(\.data), ipk.controlMembers.filter { $0.name != "./control" }.map(\.data))
        XCTAssertEqual(tarTypeFlags(back.outerTar), "000")  // three plain files, no PAX 'x'/'g' headers
        let ctlTar = try Deflate.inflate(back.controlArchive, framing: .gzip, maxOutput: 1 << 20).bytes
        XCTAssertEqual(tarTypeFlags(ctlTar), "5000")

        let dir = TestEnv.tempDir("ipk")
        defer { try? FS.removeTree(dir) }
        try FS.writeAtomically(out, to: dir + "/p.ipk")
        XCTAssertEqual(try TestSupport.run(try Feeds.tool("gzip"), ["-t", dir + "/p.ipk"]).status, 0)
        let list = try TestSupport.run(try Feeds.tool("tar"), ["tzvf", dir + "/p.ipk"])
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.out.contains("./control.tar.gz") && list.out.contains("./data.tar.gz"))
        let ctl = try TestSupport.run("/bin/sh", ["-c", "tar -xzOf p.ipk ./control.tar.gz | tar -xzOf - ./control"], cwd: dir)
        XCTAssertEqual(ctl.status, 0, ctl.err)
        XCTAssertEqual(Array(ctl.out.utf8), c.render())
        // A new mtime is applied to every member.
        let retimed = try IPK(parsing: try ipk.rewritingControl(c, mtime: 1_234_567_890))
        XCTAssertTrue((retimed.members + retimed.controlMembers).allSatisfy { $0.mtime == 1_234_567_890 })
    }

    /// Old ar outers (made here with binutils `ar`) are read.
    func testReadsArContainer() throws {
        try Feeds.requireFixtures()
        let ar = try Feeds.tool("ar")
        let src = try IPK.open(Feeds.fixtureFeed + "/" + (try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed).last ?? ""))
        let dir = TestEnv.tempDir("ar")
        defer { try? FS.removeTree(dir) }
        for m in src.members { try FS.writeAtomically(m.data, to: dir + "/" + FS.basename(of: m.name)) }
        XCTAssertEqual(try TestSupport.run(ar, ["rc", "old.ipk", "debian-binary", "control.tar.gz", "data.tar.gz"], cwd: dir).status, 0)
        let old = try IPK.open(dir + "/old.ipk")
        XCTAssertEqual(old.container, .ar)
        XCTAssertEqual(old.control, src.control)
        XCTAssertEqual(old.dataArchive, src.dataArchive)
        let rewritten = try IPK(parsing: try old.rewritingControl(old.control))
        XCTAssertEqual(rewritten.container, .gzipTar)
        XCTAssertEqual(rewritten.members.map(\.name), ["./debian-binary", "./data.tar.gz", "./control.tar.gz"])
    }

    func testGNUTarHeaderMatchesGNUTar() throws {
        let tar = try Feeds.tool("tar")
        let dir = TestEnv.tempDir("gtar")
        defer { try? FS.removeTree(dir) }
        try FS.makeDirectories(dir + "/in")
        try FS.writeAtomically(Array("hello\n".utf8), to: dir + "/in/a")
        try FS.writeAtomically(Array("#!/bin/sh\n".utf8), to: dir + "/in/b", mode: 0o755)
        chmod(dir + "/in", 0o755); chmod(dir + "/in/b", 0o755)
        let r = try TestSupport.run(tar, ["--format=gnu", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--mtime=@1700000000",
                              "-cf", dir + "/ref.tar", "."], cwd: dir + "/in")
        XCTAssertEqual(r.status, 0, r.err)
        let ours = try GNUTar.write([
            TarMember(name: "./", kind: .directory, mode: 0o755, mtime: 1_700_000_000),
            TarMember(name: "./a", mode: 0o644, mtime: 1_700_000_000, data: Array("hello\n".utf8)),
            TarMember(name: "./b", mode: 0o755, mtime: 1_700_000_000, data: Array("#!/bin/sh\n".utf8)),
        ])
        XCTAssertEqual(ours, try FS.read(dir + "/ref.tar"))
    }
}

/// The type flags of the headers in a tar, walking the raw 512-byte blocks.
func tarTypeFlags(_ tar: [UInt8]) -> String {
    var out = "", off = 0
    while off + 512 <= tar.count, tar[off] != 0 {
        out.append(Character(UnicodeScalar(tar[off + 156])))
        let sizeText = String(decoding: tar[(off + 124) ..< (off + 135)], as: UTF8.self)
        let size = Int(sizeText, radix: 8) ?? 0
        off += 512 + (size + 511) / 512 * 512
    }
    return out
}
