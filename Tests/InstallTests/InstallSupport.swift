import BinaryIO
import Codecs
import FeedRewrite
import Foundation
import Platform
import Rebase
import TestSupport
import XCTest

/// Shared set-up for the install tests: the fixture image, a feed rebased onto it with the
/// library (RebaseEngine + ImageLoader, as `imagetool rebase` does), and helpers to run the
/// CLI and independent tools.
enum InstallFixture {
    static var image: String { TestEnv.fixtureImage }
    static var feed: String { TestEnv.fixtureFeed }
    static var demoSec: String { TestEnv.demoSecretKey }
    static var demoPub: String { TestEnv.root + "/keys/demo.pub" }
    static func fact(_ k: String) -> String { TestEnv.fixtureFacts[k] ?? "" }
    static func ipkName(_ pkg: String) -> String { "\(pkg)_\(fact("PKG_KMOD_VERSION"))_\(fact("ARCH")).ipk" }

    static func binary() throws -> String {
        guard let b = TestEnv.imagetoolBinary else { throw XCTSkip("imagetool binary not built (swift build first)") }
        return b
    }

    /// Rebases the fixture feed onto the fixture image into `dir/feed` with `key`.
    @discardableResult
    static func rebase(into dir: String, key: String = demoSec) throws -> RebaseReport {
        let opts = RebaseOptions(feed: feed, images: [image], output: dir + "/feed", signingKey: key,
                                 feedConfig: TestEnv.fixtures + "/config/new.config")
        let report = try RebaseEngine.run(opts, images: [try ImageLoader.load(image)])
        XCTAssertFalse(report.refused, "rebase of the fixture feed with new.config must be accepted")
        return report
    }

    /// Extracts the rootfs of a firmware image with Debian's unsquashfs.
    static func unsquash(_ imageFile: String, into dir: String) throws {
        let r = try run(try TestEnv.tool("unsquashfs"), ["-q", "-n", "-o", fact("ROOTFS_OFFSET"), "-d", dir, imageFile])
        XCTAssertEqual(r.status, 0, "unsquashfs failed: \(r.err)")
    }

    /// Builds a real .ipk (ipkg-build layout) from control text and data members.
    static func makeIPK(control: [UInt8], data: [TarMember], controlExtra: [TarMember] = []) throws -> [UInt8] {
        let t: Int64 = 1_700_000_000
        let ctl = try GNUTar.write([TarMember(name: "./", kind: .directory, mode: 0o755, mtime: t),
                                    TarMember(name: "./control", mtime: t, data: control)] + controlExtra)
        let dat = try GNUTar.write(data)
        let outer = try GNUTar.write([
            TarMember(name: "./debian-binary", mtime: t, data: Array("2.0\n".utf8)),
            TarMember(name: "./data.tar.gz", mtime: t, data: Deflate.deflate(dat, level: 6, framing: .gzip)),
            TarMember(name: "./control.tar.gz", mtime: t, data: Deflate.deflate(ctl, level: 6, framing: .gzip)),
        ])
        return Deflate.deflate(outer, level: 6, framing: .gzip)
    }
}
