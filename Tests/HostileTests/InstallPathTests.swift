import BinaryIO
import Digests
import Foundation
import TestSupport
import XCTest

/// `imagetool install` with hostile .ipk packages (made with python3's tarfile and gzip):
/// data members with `..` or absolute names, writing through a symlink the same package
/// plants, a package name that climbs out of /usr/lib/opkg/info. Each is refused with one
/// error; no output image appears; nothing outside changes.
final class InstallPathTests: XCTestCase {
    static let script = #"""
    import gzip, io, sys, tarfile
    out, pkg, members = sys.argv[1], sys.argv[2], sys.argv[3:]
    def targz(entries):
        b = io.BytesIO()
        with tarfile.open(fileobj=b, mode="w", format=tarfile.GNU_FORMAT) as t:
            for name, kind, arg in entries:
                i = tarfile.TarInfo(name); i.mode = 0o755 if kind != "f" else 0o644; i.mtime = 0
                if kind == "f":
                    data = arg.encode(); i.size = len(data); t.addfile(i, io.BytesIO(data))
                elif kind == "l":
                    i.type = tarfile.SYMTYPE; i.linkname = arg; t.addfile(i)
                elif kind == "h":
                    i.type = tarfile.LNKTYPE; i.linkname = arg; t.addfile(i)
                else:
                    i.type = tarfile.DIRTYPE; t.addfile(i)
        return gzip.compress(b.getvalue(), mtime=0)
    control = f"Package: {pkg}\nVersion: 1.0-r1\nArchitecture: all\nInstalled-Size: 1\nDescription: hostile\n"
    ctl = targz([("./", "d", ""), ("./control", "f", control)])
    data = targz([tuple(m.split("|", 2)) for m in members])
    outer = io.BytesIO()
    with tarfile.open(fileobj=outer, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, b in [("./debian-binary", b"2.0\n"), ("./data.tar.gz", data), ("./control.tar.gz", ctl)]:
            i = tarfile.TarInfo(name); i.size = len(b); i.mode = 0o644; t.addfile(i, io.BytesIO(b))
    open(out, "wb").write(gzip.compress(outer.getvalue(), mtime=0))
    """#

    func testHostilePackagesAreRefused() throws {
        guard let py = TestEnv.which("python3") else { throw XCTSkip("python3 not installed") }
        let sb = try Sandbox("install")
        defer { sb.cleanup() }
        let image = TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin"
        let imageBefore = try Digest.hashFile(.sha256, path: image)
        // Sanity: a harmless package built the same way installs, so refusals below are real.
        let okIPK = sb.base + "/ok.ipk"
        XCTAssertEqual(try TestSupport.run(py, ["-c", Self.script, okIPK, "harmless", "./usr/|d|", "./usr/share/|d|", "./usr/share/harmless|f|ok\n"]).status, 0)
        let ok = try Hostile.cli(["install", image, okIPK, "-o", sb.base + "/ok.bin"])
        XCTAssertEqual(ok.status, 0, "a harmless package must install: \(ok.err)")
        try? FileManager.default.removeItem(atPath: sb.base + "/ok.bin")

        let cases: [(String, String, [String])] = [
            ("dot-dot data member", "evil", ["./usr/|d|", "./../../outside/victim|f|PWNED\n"]),
            ("absolute data member", "evil", ["\(sb.outside)/victim|f|PWNED\n"]),
            ("write through its own symlink", "evil", ["./usr/|d|", "./usr/x|l|\(sb.outside)", "./usr/x/victim|f|PWNED\n"]),
            ("write through a relative symlink", "evil", ["./usr/|d|", "./usr/x|l|../../../../outside", "./usr/x/victim|f|PWNED\n"]),
            ("hard link out of the package", "evil", ["./usr/|d|", "./usr/h|h|../outside/victim"]),
            ("package name that climbs", "../../../../outside/victim", ["./usr/|d|", "./usr/share/x|f|x\n"]),
            ("package name with a slash", "a/b", ["./usr/|d|", "./usr/share/x|f|x\n"]),
        ]
        for (i, c) in cases.enumerated() {
            let ipk = sb.base + "/p\(i).ipk"
            let mk = try TestSupport.run(py, ["-c", Self.script, ipk, c.1] + c.2)
            XCTAssertEqual(mk.status, 0, mk.err)
            let out = sb.base + "/p\(i).bin"
            let r = try Hostile.cli(["install", image, ipk, "-o", out])
            print("InstallPathTests: \(c.0): exit \(r.status): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))")
            XCTAssertNotEqual(r.status, 0, "\(c.0): installed: \(r.out)")
            XCTAssertTrue(r.err.hasPrefix("imagetool:"), "\(c.0): \(r.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(c.0): output image written")
            try FileManager.default.removeItem(atPath: ipk)
            try sb.assertUntouched(allowed: ["ok.ipk"])
        }
        XCTAssertEqual(try Digest.hashFile(.sha256, path: image), imageBefore, "the input image changed")
    }
}
