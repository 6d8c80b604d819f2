import BinaryIO
@testable import FeedRewrite
import Platform
import XCTest

final class RelationshipTests: XCTestCase {
    func testSpacingVariantsAndOps() throws {
        for (text, op, version) in [("kernel (=5.15.137-1-abc)", "=", "5.15.137-1-abc"), ("kernel(=1)", "=", "1"),
                                    ("kernel ( >= 1.2 )", ">=", "1.2"), ("kernel (<< 2)", "<<", "2"),
                                    ("kernel (<=2)", "<=", "2"), ("kernel (>> 2)", ">>", "2"),
                                    ("kernel (< 2)", "<", "2"), ("kernel (> 2)", ">", "2")] {
            let r = try Relationship(parsing: text)
            XCTAssertEqual(r.terms.count, 1, text)
            XCTAssertEqual(r.terms[0].name, "kernel"); XCTAssertEqual(r.terms[0].op?.rawValue, op); XCTAssertEqual(r.terms[0].version, version)
        }
        XCTAssertTrue(Relationship.Op.legacyEarlier.accepts(0))  // opkg: '<' means '<='
    }

    func testGroupsAlternativesAndRewriteOneTerm() throws {
        let text = "libc,  kernel (=5.15.137-1-aaa), kmod-a | kmod-b (>= 1.0)"
        let r = try Relationship(parsing: text)
        XCTAssertEqual(r.groups.map { $0.map(\.name) }, [["libc"], ["kernel"], ["kmod-a", "kmod-b"]])
        let k = try XCTUnwrap(r.terms.first { $0.name == "kernel" })
        let alt = "kernel (=5.15.137-1-aaa) | kernel (=5.15.137-1-bbb)"
        XCTAssertEqual(r.replacing(k, with: alt), "libc,  \(alt), kmod-a | kmod-b (>= 1.0)")
        let r2 = try Relationship(parsing: r.replacing(k, with: alt))
        XCTAssertEqual(r2.groups[1].compactMap(\.version), ["5.15.137-1-aaa", "5.15.137-1-bbb"])
        XCTAssertTrue(r2.groups[1][1].isSatisfied(by: "kernel", version: "5.15.137-1-bbb"))
        XCTAssertFalse(r2.groups[1][0].isSatisfied(by: "kernel", version: "5.15.137-1-bbb"))
        XCTAssertEqual(Relationship.Term(name: "kernel", op: .equal, version: "6.6.110~x-r1").render(), "kernel (=6.6.110~x-r1)")
    }

    func testBadRelationships() {
        for bad in ["kernel (=", "kernel (~ 1)", "kernel (= )", ", libc", "a b"] {
            assertFormatError(try Relationship(parsing: bad), kind: .invalid)
        }
    }

    /// Every relationship field of every real index parses, and re-rendering a term in place
    /// with its own text changes nothing.
    func testAllRealRelationshipFieldsParse() throws {
        var n = 0
        for dir in try Feeds.realFeeds() {
            for s in try ControlStanza.parseDocument(try FS.read(dir + "/Packages.manifest")) {
                for f in s.fields where ["Depends", "Conflicts", "Provides", "Replaces", "Recommends", "Suggests"].contains(f.name) {
                    let r = try Relationship(parsing: f.value)
                    for t in r.terms {
                        let own = String(decoding: Array(f.value.utf8)[t.range], as: UTF8.self)
                        XCTAssertEqual(r.replacing(t, with: own), f.value)
                        n += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(n, 1000)
    }
}
