import BinaryIO
import Codecs
import FeedRewrite
import Foundation
import Platform
import TestSupport
import XCTest

/// Real opkg feeds in ../shared/realdata (folder, has its public key).
enum Feeds {
    static let names = ["AngryMuppet1991__openwrt_core", "nooblog__Core", "102464__openwrt-mt76x8-binary/packages",
                        "pekmop1024__openwrt-23.05.4-pekmop1024"]

    /// Existing realdata feed folders; skips with a reason when the folder is absent.
    static func realFeeds() throws -> [String] {
        guard let r = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent: real-feed tests skipped") }
        return names.map { r + "/" + $0 }.filter { FS.isRegularFile($0 + "/Packages") }
    }

    static var fixtureFeed: String { TestEnv.fixtures + "/feed" }
    static var demoSec: String { TestEnv.root + "/keys/demo.sec" }
    static var demoPub: String { TestEnv.root + "/keys/demo.pub" }

    static func requireFixtures() throws {
        guard FS.isRegularFile(fixtureFeed + "/Packages"), FS.isRegularFile(demoPub) else {
            throw XCTSkip("fixtures/feed or keys/ missing (run fixtures/make-fixtures.sh)")
        }
    }

    /// A writable copy of a feed folder (ipks, Packages*, index.json).
    static func copy(_ dir: String) throws -> String {
        let t = TestEnv.tempDir("feed")
        for name in try FS.list(dir) where FS.isRegularFile(dir + "/" + name) {
            try FS.writeAtomically(try FS.read(dir + "/" + name), to: t + "/" + name)
        }
        return t
    }

    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        for d in dirs where access(d + "/" + name, X_OK) == 0 { return d + "/" + name }
        throw XCTSkip("\(name) not installed (searched \(dirs.joined(separator: ":")))")
    }
}

/// Asserts that `body` throws exactly one FormatError and returns it.
@discardableResult
func assertFormatError<T>(_ body: @autoclosure () throws -> T, kind: FormatError.Kind? = nil, contains: String? = nil,
                          file: StaticString = #filePath, line: UInt = #line) -> FormatError? {
    do {
        _ = try body()
        XCTFail("expected a FormatError", file: file, line: line)
    } catch let e as FormatError {
        if let kind { XCTAssertEqual(e.kind, kind, "\(e)", file: file, line: line) }
        if let contains { XCTAssertTrue(e.description.contains(contains), "\(e.description) lacks \(contains)", file: file, line: line) }
        return e
    } catch {
        XCTFail("expected FormatError, got \(error)", file: file, line: line)
    }
    return nil
}

/// Hostile variants of a real fixture ipk, by name, for library and CLI tests.
enum HostileIPKs {
    static func gz(_ m: [TarMember]) throws -> [UInt8] { Deflate.deflate(try GNUTar.write(m), level: 6, framing: .gzip) }

    static func all() throws -> [(String, [UInt8], String)] {
        try Feeds.requireFixtures()
        let f = try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed).first { $0.hasPrefix("kmod-imt-hello") } ?? ""
        let src = try IPK.open(Feeds.fixtureFeed + "/" + f)
        var out: [(String, [UInt8], String)] = []
        out.append(("truncated", Array(src.original.prefix(src.original.count / 2)), "ends early"))
        var trav = src.members; trav[0].name = "../evil"
        out.append(("traversal", try gz(trav), "contains .."))
        var abs = src.members; abs[0].name = "/etc/passwd"
        out.append(("absolute", try gz(abs), "absolute path"))
        var tar = try GNUTar.write(src.members)
        tar.replaceSubrange(124 ..< 136, with: [0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x80, 0, 0, 0])
        tar.replaceSubrange(148 ..< 156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = String(tar[0 ..< 512].reduce(0) { $0 + Int($1) }, radix: 8)
        tar.replaceSubrange(148 ..< 156, with: Array((String(repeating: "0", count: 6 - sum.count) + sum).utf8) + [0, 0x20])
        out.append(("hugesize", Deflate.deflate(tar, level: 6, framing: .gzip), "declares 10737418240 bytes"))
        var ctl = src.controlMembers
        for i in ctl.indices where ctl[i].name == "./control" { ctl[i].data = Array("Version: 1\nDescription: x\n".utf8) }
        var outer = src.members
        outer[2].data = Deflate.deflate(try GNUTar.write(ctl), level: 6, framing: .gzip)
        out.append(("nopackage", try gz(outer), "no Package: field"))
        return out
    }
}
