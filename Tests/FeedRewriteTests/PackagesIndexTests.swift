import BinaryIO
@testable import FeedRewrite
import Codecs
import Platform
import TestSupport
import XCTest

final class PackagesIndexTests: XCTestCase {
    /// For every real feed and the fixture feed, the index built from the same ipks equals
    /// the published Packages and Packages.manifest byte for byte, index.json too, and
    /// Packages.gz decompresses to Packages.
    func testReproducesPublishedIndexes() throws {
        for dir in try Feeds.realFeeds() + [Feeds.fixtureFeed] {
            let index = try PackagesIndex.build(directory: dir)
            let manifest = index.renderManifest()
            XCTAssertEqual(manifest, try FS.read(dir + "/Packages.manifest"), "\(dir) manifest")
            let packages = PackagesIndex.packages(fromManifest: manifest)
            XCTAssertEqual(packages, try FS.read(dir + "/Packages"), "\(dir) Packages")
            let gz = PackagesIndex.gzip(packages)
            XCTAssertEqual(Array(gz[0 ..< 10]), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3])  // gzip -9n header
            XCTAssertEqual(try Deflate.inflate(gz, framing: .gzip, maxOutput: 1 << 24).bytes, packages)
            XCTAssertEqual(try Deflate.inflate(try FS.read(dir + "/Packages.gz"), framing: .gzip, maxOutput: 1 << 24).bytes, packages)
            if FS.isRegularFile(dir + "/index.json") {
                let old = try FS.read(dir + "/index.json")
                let form = try IndexJSON(parsing: old)
                XCTAssertEqual(form.render(packages: try ControlStanza.parseDocument(packages)), old, "\(dir) index.json")
            }
            XCTAssertFalse(index.entries.contains { PackagesIndex.isSkipped($0.filename) })
        }
    }

    func testUsignPaddingRule() {
        XCTAssertTrue(PackagesIndex.needsUsignPadding(size: 46))   // 64+46 = 110
        XCTAssertTrue(PackagesIndex.needsUsignPadding(size: 175))  // 239 % 128 = 111
        XCTAssertFalse(PackagesIndex.needsUsignPadding(size: 48))
        // A manifest whose filtered size hits 110 gets two newlines.
        let body = "Package: a\nVersion: 1\nDescription: " + String(repeating: "x", count: 9) + "\n\n"
        XCTAssertEqual(body.utf8.count, 46)
        let out = PackagesIndex.packages(fromManifest: Array(("Maintainer: m\n" + body).utf8))
        XCTAssertEqual(out, Array((body + "\n\n").utf8))
    }

    func testFieldFilterAndInsertion() throws {
        let control = try ControlStanza(parsing: Array("Package: p\nSource: s\nSourceName: p\nLicenseFiles: L\nRequire-User: u\nSourceDateEpoch: 1\nMaintainer: m\nDescription:  d\n cont\n".utf8))
        let st = PackagesIndex.stanza(control: control, filename: "sub/p.ipk", size: 10, sha256: "ab", md5: "cd")
        XCTAssertEqual(st.fields.map(\.name), ["Package", "Source", "SourceName", "LicenseFiles", "Require-User", "SourceDateEpoch", "Maintainer", "Filename", "Size", "MD5Sum", "SHA256sum", "Description"])
        let pk = PackagesIndex.packages(fromManifest: st.render() + [0x0a])
        XCTAssertEqual(String(decoding: pk, as: UTF8.self), "Package: p\nFilename: sub/p.ipk\nSize: 10\nMD5Sum: cd\nSHA256sum: ab\nDescription:  d\n cont\n\n")
    }

    func testIndexJSONVersion2Form() throws {
        let s = try ControlStanza.parseDocument(Array("Package: libfoo1\nVersion: 1-1\nABIVersion: 1\n\nPackage: b\"q\nVersion: 2\n".utf8))
        let j = IndexJSON(version: 2, architecture: "x86_64", target: "x86/64").render(packages: s)
        XCTAssertEqual(String(decoding: j, as: UTF8.self), "{\n  \"version\": 2,\n  \"architecture\": \"x86_64\",\n  \"packages\": {\n    \"libfoo\": \"1-1\",\n    \"b\\\"q\": \"2\"\n  },\n  \"target\": \"x86/64\"\n}\n")
        let v1 = IndexJSON(version: 1, architecture: "a").render(packages: s)
        XCTAssertEqual(String(decoding: v1, as: UTF8.self), "{\"architecture\": \"a\", \"packages\":{\"libfoo1\": \"1-1\", \"b\\\"q\": \"2\"}}\n")
    }
}
