import BinaryIO
import XCTest
@testable import Digests

final class DigestTests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(Hex.encode(Digest.md5(Array("abc".utf8))), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(Hex.encode(Digest.sha256(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Hex.encode(Digest.sha512([]).prefix(8)), "cf83e1357eefb8bd")
    }

    func testBase64Strict() {
        for n in 0 ..< 10 {
            let b = Array((0 ..< n).map { UInt8($0 * 37 & 0xff) })
            XCTAssertEqual(Base64.decode(Base64.encode(b)), b)
        }
        XCTAssertEqual(Base64.encode(Array("foobar".utf8)), "Zm9vYmFy")
        XCTAssertNil(Base64.decode("Zm9v!mFy"))
        XCTAssertNil(Base64.decode("Zm9"))
        XCTAssertNil(Base64.decode("Z==="))
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertEqual(Hex.decode("00ff"), [0, 255])
    }
}
