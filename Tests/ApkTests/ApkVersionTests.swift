import XCTest
import Apk

/// apk version ordering against rows of apk-tools' own test/version.data, plus the
/// `~<hash>` commit-hash token OpenWrt uses in kernel versions.
final class ApkVersionTests: XCTestCase {
    /// Rows copied from alpinelinux/apk-tools test/version.data (expected results as data).
    static let rows = """
    2.34 > 0.1.0_alpha
    1.0 < 1.0bc
    0.1.0_alpha2 > 0.1.0_alpha
    0.1.0_alpha < 2.2.39-r1
    1.0.4-r3 < 1.0.4-r4
    1.1 > 1.1_alpha1
    1.2.1 > 1.2
    1.2 < 1.3_alpha
    3.10.18-r1 > 2.3.0b-r1
    2.3.0b-r1 < 2.3.0b-r2
    0.12.3 > 0.12
    3.1_p16 < 3.1_p17
    1.06-r6 < 006
    006 > 1.0.0
    1.2.2-r1 > 1.2.2
    20050718-r1 < 20050718-r2
    2.01.01_alpha10 > 0.94
    1.0 > 0.99.3.20040818
    0.20070118 < 0.20070207_rc1
    1.60-r12 < 110-r8
    3.0.0-r2 < 021109-r3
    2.5.1-r8 < 2.5.1a-r1
    0.10.0 < 0.10.1_rc1
    1.7 < 1.7b
    1.8.5 < 1.8.5_p2
    2.9.11_pre20051101-r3 > 2.9.11_pre20051101
    1.2.07.8 < 1.2.12.04
    0.9.28.1 < 087-r1
    104-r11 > 104-r9
    7.0.17 < 7.0.174
    1.3-r0 < 1.3.1-r0
    1.3_pre1-r1 < 1.3.2
    1.0_p10-r0 > 1.0_p9-r0
    0.1.0_alpha_pre2 < 0.1.0_alpha
    1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0
    0.2.0-r1 = 0.2.0-r1
    """

    func testApkToolsRows() {
        for row in Self.rows.split(separator: "\n") {
            let p = row.split(separator: " ")
            let want = ["<": -1, "=": 0, ">": 1][String(p[1])] ?? 99
            XCTAssertEqual(ApkVersion.compare(String(p[0]), String(p[2])), want, String(row))
            XCTAssertEqual(ApkVersion.compare(String(p[2]), String(p[0])), -want, String(row))
        }
    }

    func testKernelVersionsWithCommitHash() {
        let feed = "6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1"
        let image = "6.12.74~725f6de294e82f0f707bbcc49fa24486-r1"
        XCTAssertTrue(ApkVersion.isValid(feed))
        // Hashes compare as strings: the feed's kernel sorts above the image's, so an apk
        // upgrade would have replaced the image's kernel package (openwrt issue #16808).
        XCTAssertEqual(ApkVersion.compare(feed, image), 1)
        XCTAssertEqual(ApkVersion.compare("6.12.74~ea63-r1", "6.12.74~ea63-r2"), -1)
        XCTAssertEqual(ApkVersion.compare("6.12.75~0000-r1", feed), 1)
        XCTAssertFalse(ApkVersion.isValid("6.12.74~-r1"))
        XCTAssertFalse(ApkVersion.isValid("1.0-1"))
        XCTAssertFalse(ApkVersion.isValid("1.0_foo"))
        XCTAssertFalse(ApkVersion.isValid(""))
        XCTAssertTrue(ApkVersion.isValid("2026.03.19~39c960c3-r2"))
        XCTAssertTrue(ApkVersion.isValid("6.12.74.6.18.7-r1"))
    }

    func testEveryRealVersionIsValid() throws {
        for dir in [try ApkRealDataTests.sora, try ApkRealDataTests.stangri] {
            let index = try ApkIndex(path: dir + "/packages.adb")
            for e in index.entries {
                XCTAssertTrue(ApkVersion.isValid(e.version), e.version)
                for d in e.depends + e.provides where d.version != nil {
                    XCTAssertTrue(ApkVersion.isValid(d.version ?? ""), "\(e.name): \(d)")
                }
            }
        }
    }
}
