import XCTest
@testable import Rebase

final class KernelPackageVersionTests: XCTestCase {
    func testBothStyles() throws {
        let a = try XCTUnwrap(KernelPackageVersion("5.15.137-1-40d2e4f8c0a8e18d9d1e9a6a6b2ad1b5"))
        XCTAssertEqual(a.style, .classic)
        XCTAssertEqual(a.upstream, "5.15.137")
        XCTAssertEqual(a.release, "1")
        XCTAssertEqual(a.with(vermagic: String(repeating: "a", count: 32))?.raw, "5.15.137-1-" + String(repeating: "a", count: 32))
        let b = try XCTUnwrap(KernelPackageVersion("6.6.110~0123456789abcdef0123456789abcdef-r1"))
        XCTAssertEqual(b.style, .tilde)
        XCTAssertEqual(b.upstream, "6.6.110")
        XCTAssertEqual(b.release, "r1")
        XCTAssertEqual(b.vermagic, "0123456789abcdef0123456789abcdef")
        let c = try XCTUnwrap(KernelPackageVersion("6.1.0-56-amd64-1-e703c48ded4c7381bfe365dd2b5d4284"))
        XCTAssertEqual(c.upstream, "6.1.0-56-amd64")
        XCTAssertEqual(c.release, "1")
        for bad in ["5.15.137-1", "6.6.110-r1", "5.15.137-1-XYZ", "~0123456789abcdef0123456789abcdef-r1", "", "-1-0123456789abcdef0123456789abcdef"] {
            XCTAssertNil(KernelPackageVersion(bad), bad)
        }
    }
}
