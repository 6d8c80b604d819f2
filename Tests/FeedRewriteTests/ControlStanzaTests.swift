import BinaryIO
@testable import FeedRewrite
import Platform
import XCTest

final class ControlStanzaTests: XCTestCase {
    /// Every stanza of every real Packages / Packages.manifest renders back byte-identical.
    func testRealIndexesRoundTrip() throws {
        for dir in try Feeds.realFeeds() + [Feeds.fixtureFeed] {
            for name in ["Packages", "Packages.manifest"] {
                let bytes = try FS.read(dir + "/" + name)
                let stanzas = try ControlStanza.parseDocument(bytes)
                XCTAssertGreaterThan(stanzas.count, 0, dir)
                var out: [UInt8] = []
                for s in stanzas { out += s.render(); out.append(0x0a) }
                // The document is stanzas separated by one empty line, plus any usign padding.
                let padded = out + [0x0a, 0x0a]
                XCTAssertTrue(out == bytes || padded == bytes, "\(dir)/\(name) did not round-trip")
            }
        }
    }

    func testContinuationUnknownFieldsAndExactBytes() throws {
        let text = "Package: dnsmasq-full\nX-Custom:  two  spaces \nDescription:  It is intended.\n \n This is fully\n configurable.\n"
        let s = try ControlStanza(parsing: Array(text.utf8))
        XCTAssertEqual(s.fields.map(\.name), ["Package", "X-Custom", "Description"])
        XCTAssertEqual(s["x-custom"], "two  spaces")
        XCTAssertEqual(s["Description"], "It is intended.\n \n This is fully\n configurable.")
        XCTAssertEqual(s.render(), Array(text.utf8))
        var t = s
        t.set("Depends", "libc")
        t.insert([.init(name: "Filename", value: "x.ipk")], before: "Description")
        XCTAssertEqual(String(decoding: t.render(), as: UTF8.self),
                       "Package: dnsmasq-full\nX-Custom:  two  spaces \nFilename: x.ipk\nDescription:  It is intended.\n \n This is fully\n configurable.\nDepends: libc\n")
    }

    func testBadControlData() {
        assertFormatError(try ControlStanza(parsing: Array("Version: 1\nDescription: x\n".utf8)), kind: .invalid, contains: "no Package: field")
        let e = assertFormatError(try ControlStanza(parsing: Array("Package: a\nno colon here\n".utf8)), kind: .invalid)
        XCTAssertEqual(e?.offset, 11)
        assertFormatError(try ControlStanza(parsing: Array(" leading continuation\n".utf8)), kind: .invalid)
    }
}
