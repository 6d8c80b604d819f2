import BinaryIO
import Foundation
import Platform
import Rebase
import TestSupport
import XCTest

/// The `rebase --batch` manifest: paths relative to the manifest's folder, fields a job
/// leaves out taken from the command line, one-line errors naming the manifest.
final class BatchManifestTests: XCTestCase {
    let defaults = RebaseOptions(feed: "", images: [], output: "", signingKey: "/k/secret", trustedKeys: "/k/trusted",
                                 feedConfig: "/c/feed.config", imageConfig: "/c/image.config", kernelSource: "/src",
                                 feedKernel: "/k/vmlinux", symvers: "/k/Module.symvers", feedURL: "http://cli/feed", force: false)

    func testRelativePathsAndDefaults() throws {
        let text = """
        [{"feed": "feeds/a", "images": ["img/one.bin", "/abs/two.bin"], "out": "out/a"},
         {"feed": "/f/b", "images": ["x"], "out": "/o/b", "config": "b.config", "imageConfig": "/i.config",
          "feedKernel": "k", "trustedKeys": "keys", "feedURL": "http://job/b", "force": true}]
        """
        let m = try BatchManifest(parsing: Array(text.utf8), file: "/work/batch/manifest.json")
        XCTAssertEqual(m.base, "/work/batch")
        XCTAssertEqual(m.jobs.count, 2)
        let o = m.options(defaults: defaults)
        XCTAssertEqual(o.count, 2)
        XCTAssertEqual(o[0].feed, "/work/batch/feeds/a")
        XCTAssertEqual(o[0].images, ["/work/batch/img/one.bin", "/abs/two.bin"])
        XCTAssertEqual(o[0].output, "/work/batch/out/a")
        XCTAssertEqual(o[0].signingKey, "/k/secret")
        XCTAssertEqual(o[0].trustedKeys, "/k/trusted")
        XCTAssertEqual(o[0].feedConfig, "/c/feed.config")
        XCTAssertEqual(o[0].imageConfig, "/c/image.config")
        XCTAssertEqual(o[0].feedKernel, "/k/vmlinux")
        XCTAssertEqual(o[0].feedURL, "http://cli/feed")
        XCTAssertEqual(o[0].force, false)
        XCTAssertEqual(o[1].feed, "/f/b")
        XCTAssertEqual(o[1].output, "/o/b")
        XCTAssertEqual(o[1].feedConfig, "/work/batch/b.config")
        XCTAssertEqual(o[1].imageConfig, "/i.config")
        XCTAssertEqual(o[1].feedKernel, "/work/batch/k")
        XCTAssertEqual(o[1].trustedKeys, "/work/batch/keys")
        XCTAssertEqual(o[1].feedURL, "http://job/b", "a URL is not a path")
        XCTAssertEqual(o[1].force, true)
        // Never per job: the kernel source tree and symvers come from the command line.
        XCTAssertEqual(o[1].kernelSource, "/src")
        XCTAssertEqual(o[1].symvers, "/k/Module.symvers")
    }

    func testOpenResolvesAgainstTheManifestFolder() throws {
        let dir = TestEnv.tempDir("batch-manifest")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"[{"feed": "f", "images": ["i"], "out": "o"}]"#.write(toFile: dir + "/m.json", atomically: true, encoding: .utf8)
        let o = try BatchManifest.open(dir + "/m.json").options(defaults: defaults)
        XCTAssertEqual(o.map(\.feed), [FS.absolute(dir) + "/f"])
    }

    func testBadManifestsGiveOneLineErrors() {
        for bad in ["{}", "[{\"feed\": \"f\"}]", "[{\"feed\": 1, \"images\": [], \"out\": \"o\"}]", "not json", ""] {
            XCTAssertThrowsError(try BatchManifest(parsing: Array(bad.utf8), file: "/m/batch.json"), bad) { e in
                let fe = e as? FormatError
                XCTAssertEqual(fe?.kind, .invalid, bad)
                XCTAssertTrue(fe?.description.hasPrefix("/m/batch.json: ") == true, "\(bad): \(e)")
                XCTAssertTrue(fe?.description.contains("not a JSON array of jobs") == true, "\(bad): \(e)")
            }
        }
        XCTAssertThrowsError(try BatchManifest.open("/nonexistent/batch.json")) { e in
            XCTAssertTrue("\(e)".contains("/nonexistent/batch.json"), "\(e)")
        }
    }
}
