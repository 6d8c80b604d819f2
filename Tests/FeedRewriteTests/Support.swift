import BinaryIO
import FeedRewrite
import Foundation
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
