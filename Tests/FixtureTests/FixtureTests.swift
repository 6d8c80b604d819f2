// Checks the committed fixtures (fixtures/, keys/) with independent tools, so that the
// rest of imagetool's tests stand on files whose format is known to be right.
//
// Depends on Foundation and XCTest only (no imagetool library, no TestSupport): tools run
// through Process; facts come from fixtures/fixture.env written by fixtures/make-fixtures.sh.
// A test skips (XCTSkip, with the reason) only when an external tool is not installed.
import Foundation
import XCTest

// MARK: - helpers

private enum Fx {
    /// Package root: the first folder above this file that holds Package.swift.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var fixtures: URL { root.appendingPathComponent("fixtures") }
    static var keys: URL { root.appendingPathComponent("keys") }
    static func fixture(_ rel: String) -> URL { fixtures.appendingPathComponent(rel) }

    /// KEY=VALUE lines of fixtures/fixture.env; values may be single- or double-quoted.
    static let env: [String: String] = {
        guard let text = try? String(contentsOf: fixture("fixture.env"), encoding: .utf8) else { return [:] }
        var facts: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: eq)...])
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            facts[String(line[..<eq])] = value
        }
        return facts
    }()

    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let p = dir + "/" + tool
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("imt-fixturetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

private struct Ran {
    var status: Int32
    var out: Data
    var err: Data
    var text: String { String(decoding: out, as: UTF8.self) }
    var errText: String { String(decoding: err, as: UTF8.self) }
}

/// Runs an external tool; output goes through temporary files so large outputs cannot block.
@discardableResult
private func sh(_ tool: String, _ args: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> Ran {
    guard let exe = Fx.which(tool) else { throw XCTSkip("\(tool) is not installed (see scripts/bootstrap)") }
    let dir = try Fx.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
    let inURL = dir.appendingPathComponent("in")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C"
    p.environment = environment
    let outH = try FileHandle(forWritingTo: outURL), errH = try FileHandle(forWritingTo: errURL)
    let inH = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = outH
    p.standardError = errH
    p.standardInput = inH
    try p.run()
    p.waitUntilExit()
    try? outH.close(); try? errH.close(); try? inH.close()
    return Ran(status: p.terminationStatus, out: (try? Data(contentsOf: outURL)) ?? Data(),
               err: (try? Data(contentsOf: errURL)) ?? Data())
}

/// Like `sh` but fails the test on a non-zero exit.
private func must(_ tool: String, _ args: [String], stdin: Data? = nil, cwd: URL? = nil,
                  file: StaticString = #filePath, line: UInt = #line) throws -> Ran {
    let r = try sh(tool, args, stdin: stdin, cwd: cwd)
    XCTAssertEqual(r.status, 0, "\(tool) \(args.joined(separator: " ")) failed: \(r.errText)", file: file, line: line)
    return r
}

private func fact(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    guard let v = Fx.env[key], !v.isEmpty else {
        XCTFail("fixtures/fixture.env lacks \(key): run fixtures/make-fixtures.sh", file: file, line: line)
        throw FixtureError.missingFact(key)
    }
    return v
}

private func intFact(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
    let s = try fact(key, file: file, line: line)
    guard let v = Int(s) else {
        XCTFail("\(key)=\(s) is not a number", file: file, line: line)
        throw FixtureError.missingFact(key)
    }
    return v
}

private enum FixtureError: Error { case missingFact(String), missingFile(String) }

private func read(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
    guard let d = FileManager.default.contents(atPath: url.path) else {
        XCTFail("missing fixture \(url.path)", file: file, line: line)
        throw FixtureError.missingFile(url.path)
    }
    return d
}

private func be32(_ d: Data, _ at: Int) -> UInt32 {
    let b = [UInt8](d[d.startIndex + at ..< d.startIndex + at + 4])
    return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
}

private func le64(_ d: Data, _ at: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in (0 ..< 8).reversed() { v = v << 8 | UInt64(d[d.startIndex + at + i]) }
    return v
}

/// CRC-32 register (reflected 0xEDB88320) without the final inversion: fwtool's trailer CRC.
private func crcRegister(_ data: Data, start: UInt32 = 0xFFFF_FFFF) -> UInt32 {
    var table = [UInt32](repeating: 0, count: 256)
    for i in 0 ..< 256 {
        var c = UInt32(i)
        for _ in 0 ..< 8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        table[i] = c
    }
    var r = start
    data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
        for byte in buf { r = table[Int((r ^ UInt32(byte)) & 0xFF)] ^ (r >> 8) }
    }
    return r
}

/// Control-file / Packages stanzas: field order kept, continuation lines appended.
private func stanzas(_ text: String) -> [[(String, String)]] {
    var result: [[(String, String)]] = []
    var cur: [(String, String)] = []
    for line in text.components(separatedBy: "\n") {
        if line.isEmpty {
            if !cur.isEmpty { result.append(cur); cur = [] }
            continue
        }
        if line.hasPrefix(" "), !cur.isEmpty {
            cur[cur.count - 1].1 += "\n" + line
            continue
        }
        guard let colon = line.firstIndex(of: ":") else { continue }
        var value = String(line[line.index(after: colon)...])
        if value.hasPrefix(" ") { value.removeFirst() }
        cur.append((String(line[..<colon]), value))
    }
    if !cur.isEmpty { result.append(cur) }
    return result
}

private func field(_ s: [(String, String)], _ name: String) -> String? { s.first { $0.0 == name }?.1 }

/// OpenWrt's vermagic rule, done here in Swift: lines containing "=y" or "=m", byte-sorted,
/// each followed by "\n", md5 (via md5sum: Foundation on Linux has no MD5).
private func vermagic(of config: Data) throws -> String {
    var lines = config.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { [UInt8]($0) }
    if let last = lines.last, last.isEmpty { lines.removeLast() }
    let eqy: [UInt8] = Array("=y".utf8), eqm: [UInt8] = Array("=m".utf8)
    func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for i in 0 ... hay.count - needle.count where hay[i] == needle[0] && hay[i + 1] == needle[1] { return true }
        return false
    }
    let kept = lines.filter { contains($0, eqy) || contains($0, eqm) }
        .sorted { $0.lexicographicallyPrecedes($1) }
    var joined = Data()
    for l in kept { joined.append(contentsOf: l); joined.append(UInt8(ascii: "\n")) }
    let r = try sh("md5sum", [], stdin: joined)
    guard r.status == 0, let hash = r.text.split(separator: " ").first else {
        XCTFail("md5sum failed: \(r.errText)")
        return ""
    }
    return String(hash)
}

private func sha256Hex(_ url: URL) throws -> String {
    let r = try must("sha256sum", [url.path])
    return String(r.text.split(separator: " ").first ?? "")
}

/// Files of the feed folder.
private func feedIPKs() throws -> [URL] {
    let dir = Fx.fixture("feed")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".ipk") }.sorted()
    return names.map { dir.appendingPathComponent($0) }
}

/// One member of a gzip'd tar (e.g. "./control.tar.gz") as bytes, via GNU tar.
private func tarMember(_ archive: URL, _ member: String) throws -> Data {
    try must("tar", ["-xzOf", archive.path, member]).out
}

/// ./control out of an .ipk.
private func ipkControl(_ ipk: URL) throws -> String {
    let dir = try Fx.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ctl = dir.appendingPathComponent("control.tar.gz")
    try tarMember(ipk, "./control.tar.gz").write(to: ctl)
    return try must("tar", ["-xzOf", ctl.path, "./control"]).text
}

/// Extracts the given paths of the fixture image's squashfs into a temporary folder.
private func extractRootfs(_ paths: [String]) throws -> URL {
    let offset = try fact("ROOTFS_OFFSET")
    let image = Fx.fixture(try fact("IMAGE"))
    let dir = try Fx.tempDir()
    let dest = dir.appendingPathComponent("root")
    _ = try must("unsquashfs", ["-no-progress", "-o", offset, "-d", dest.path, image.path] + paths)
    return dest
}

// MARK: - tests

final class FixtureTests: XCTestCase {

    func testFactsArePresentAndConsistent() throws {
        let release = try fact("RELEASE")
        let old = try fact("VERMAGIC_OLD"), new = try fact("VERMAGIC_NEW"), abi = try fact("VERMAGIC_ABI")
        for v in [old, new, abi] {
            XCTAssertEqual(v.count, 32)
            XCTAssertTrue(v.allSatisfy { "0123456789abcdef".contains($0) }, "vermagic \(v) is not lowercase hex")
        }
        XCTAssertEqual(Set([old, new, abi]).count, 3, "the three configs must hash differently")
        XCTAssertEqual(try fact("PKG_KERNEL_VERSION_OLD"), "\(release)-1-\(old)")
        XCTAssertEqual(try fact("PKG_KERNEL_VERSION_NEW"), "\(release)-1-\(new)")
        XCTAssertTrue(try fact("MODULE_VERMAGIC").hasPrefix(release + " "))
        // fixture.json carries the same facts
        let json = try JSONSerialization.jsonObject(with: read(Fx.fixture("fixture.json"))) as? [String: Any]
        XCTAssertEqual(json?["RELEASE"] as? String, release)
        XCTAssertEqual(json?["VERMAGIC_NEW"] as? String, new)
        XCTAssertEqual(json?["ROOTFS_OFFSET"] as? Int, try intFact("ROOTFS_OFFSET"))
        XCTAssertEqual(json?["IMAGE_SIZE"] as? Int, try intFact("IMAGE_SIZE"))
    }

    func testDemoKeyFingerprint() throws {
        let pub = try String(decoding: read(Fx.keys.appendingPathComponent("demo.pub")), as: UTF8.self)
        let lines = pub.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.first?.hasPrefix("untrusted comment: ") ?? false)
        guard lines.count == 2, let key = Data(base64Encoded: String(lines[1])) else { return XCTFail("demo.pub is not base64") }
        XCTAssertEqual(key.count, 42)
        XCTAssertEqual([UInt8](key.prefix(2)), Array("Ed".utf8))
        let fp = key[key.startIndex + 2 ..< key.startIndex + 10].map { String(format: "%02x", $0) }.joined()
        let stored = try String(decoding: read(Fx.keys.appendingPathComponent("demo.fingerprint")), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(fp, stored)
        XCTAssertEqual(fp, try fact("FINGERPRINT"))
        let readme = try String(decoding: read(Fx.keys.appendingPathComponent("README.md")), as: UTF8.self)
        XCTAssertTrue(readme.contains("NEVER"), "keys/README.md must warn loudly")
    }

    func testConfigsHashToTheVermagicsTheirPackagesCarry() throws {
        let release = try fact("RELEASE")
        let oldHash = try vermagic(of: read(Fx.fixture("config/old.config")))
        let newHash = try vermagic(of: read(Fx.fixture("config/new.config")))
        let abiHash = try vermagic(of: read(Fx.fixture("config/abi.config")))
        XCTAssertEqual(oldHash, try fact("VERMAGIC_OLD"))
        XCTAssertEqual(newHash, try fact("VERMAGIC_NEW"))
        XCTAssertEqual(abiHash, try fact("VERMAGIC_ABI"))

        // old -> the kernel stanza of /usr/lib/opkg/status on the image
        let root = try extractRootfs(["usr/lib/opkg/status"])
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let status = try String(decoding: read(root.appendingPathComponent("usr/lib/opkg/status")), as: UTF8.self)
        let kernel = stanzas(status).first { field($0, "Package") == "kernel" }
        XCTAssertNotNil(kernel, "status has no kernel stanza")
        XCTAssertEqual(kernel.flatMap { field($0, "Version") }, "\(release)-1-\(oldHash)")
        XCTAssertEqual(kernel.flatMap { field($0, "Status") }, "install user installed")

        // new -> the feed's kernel ipk and every kmod's Depends
        let kernelIPK = try feedIPKs().filter { $0.lastPathComponent.hasPrefix("kernel_") }
        XCTAssertEqual(kernelIPK.count, 1)
        XCTAssertEqual(kernelIPK.first?.lastPathComponent, "kernel_\(release)-1-\(newHash)_x86_64.ipk")
        if let k = kernelIPK.first {
            let control = stanzas(try ipkControl(k)).first ?? []
            XCTAssertEqual(field(control, "Package"), "kernel")
            XCTAssertEqual(field(control, "Version"), "\(release)-1-\(newHash)")
        }
        let packages = try String(decoding: read(Fx.fixture("feed/Packages")), as: UTF8.self)
        for s in stanzas(packages) where field(s, "Package")?.hasPrefix("kmod-") == true {
            XCTAssertTrue(field(s, "Depends")?.contains("kernel (=\(release)-1-\(newHash))") ?? false,
                          "\(field(s, "Package") ?? "?") does not depend on the new kernel")
        }
    }

    func testConfigDifferences() throws {
        func lines(_ rel: String) throws -> [String] {
            String(decoding: try read(Fx.fixture(rel)), as: UTF8.self).components(separatedBy: "\n")
        }
        let old = try lines("config/old.config"), new = try lines("config/new.config"), abi = try lines("config/abi.config")
        XCTAssertEqual(old.count, new.count)
        XCTAssertEqual(old.count, abi.count)
        let newOpts = try fact("NEW_CONFIG_OPTIONS").split(separator: " ").map(String.init)
        XCTAssertEqual(newOpts.count, 3)
        let changedNew = zip(old, new).filter { $0 != $1 }
        XCTAssertEqual(changedNew.map { $0.0 }, changedNew.map { "# \($0.1.dropLast(2)) is not set" })
        XCTAssertEqual(Set(changedNew.map { $0.1 }), Set(newOpts.map { "\($0)=m" }))
        let abiOpt = try fact("ABI_CONFIG_OPTION")
        let changedAbi = zip(old, abi).filter { $0 != $1 }
        XCTAssertEqual(changedAbi.count, 1)
        XCTAssertEqual(changedAbi.first?.0, "# \(abiOpt) is not set")
        XCTAssertEqual(changedAbi.first?.1, "\(abiOpt)=m")
    }

    func testRootfsListing() throws {
        let release = try fact("RELEASE"), fp = try fact("FINGERPRINT")
        let image = Fx.fixture(try fact("IMAGE"))
        let r = try must("unsquashfs", ["-lls", "-o", try fact("ROOTFS_OFFSET"), image.path])
        let listing = r.text
        for path in ["usr/lib/opkg/status", "usr/lib/opkg/info/kernel.control", "usr/lib/opkg/info/kmod-imt-hello.list",
                     "lib/modules/\(release)/imt_hello.ko", "lib/modules/\(release)/imt_user.ko",
                     "etc/opkg/keys/\(fp)", "etc/opkg/distfeeds.conf", "etc/openwrt_release",
                     "etc/board.json", "etc/config/network", "bin/busybox"] {
            XCTAssertTrue(listing.contains("squashfs-root/\(path)\n"), "rootfs lacks /\(path)")
        }
        XCTAssertFalse(listing.contains("imt_extra.ko"), "imt_extra.ko must only be in the feed")
        XCTAssertTrue(listing.contains("crw-------") && listing.contains("5,  1") && listing.contains("squashfs-root/dev/console"),
                      "no /dev/console c 5 1 pseudo device")
        XCTAssertTrue(listing.contains("squashfs-root/var -> tmp"), "no /var -> tmp pseudo symlink")
        // the standalone copy is the very bytes embedded in the image
        let img = try read(image), sq = try read(Fx.fixture("image/root.squashfs"))
        let off = try intFact("ROOTFS_OFFSET")
        XCTAssertEqual(img.subdata(in: off ..< off + sq.count), sq)
    }

    func testRootfsContents() throws {
        let release = try fact("RELEASE"), fp = try fact("FINGERPRINT")
        let root = try extractRootfs(["usr/lib/opkg", "etc/opkg", "lib/modules"])
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let status = stanzas(String(decoding: try read(root.appendingPathComponent("usr/lib/opkg/status")), as: UTF8.self))
        let names = status.compactMap { field($0, "Package") }
        for p in ["base-files", "libc", "kernel", "kmod-imt-hello", "kmod-imt-user"] {
            XCTAssertTrue(names.contains(p), "status lacks \(p)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("usr/lib/opkg/info/\(p).control").path))
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("usr/lib/opkg/info/\(p).list").path))
        }
        let oldKernel = try fact("PKG_KERNEL_VERSION_OLD")
        for s in status {
            XCTAssertEqual(field(s, "Architecture"), "x86_64")
            XCTAssertNotNil(field(s, "Installed-Time"))
            if field(s, "Package")?.hasPrefix("kmod-") == true {
                XCTAssertTrue(field(s, "Depends")?.hasPrefix("kernel (=\(oldKernel))") ?? false)
            }
        }
        // installed .ko are the fixture modules and each is listed by its package
        let hellolist = String(decoding: try read(root.appendingPathComponent("usr/lib/opkg/info/kmod-imt-hello.list")), as: UTF8.self)
        XCTAssertTrue(hellolist.contains("/lib/modules/\(release)/imt_hello.ko\n"))
        XCTAssertEqual(try read(root.appendingPathComponent("lib/modules/\(release)/imt_hello.ko")),
                       try read(Fx.fixture("modules/imt_hello.ko")))
        XCTAssertEqual(try read(root.appendingPathComponent("etc/opkg/keys/\(fp)")),
                       try read(Fx.keys.appendingPathComponent("demo.pub")))
        let feeds = String(decoding: try read(root.appendingPathComponent("etc/opkg/distfeeds.conf")), as: UTF8.self)
        XCTAssertTrue(feeds.split(separator: "\n").allSatisfy { $0.hasPrefix("src/gz ") })
    }

    func testImageLayout() throws {
        let img = try read(Fx.fixture(try fact("IMAGE")))
        let kernelSize = try intFact("KERNEL_SIZE"), rootOff = try intFact("ROOTFS_OFFSET")
        let rootSize = try intFact("ROOTFS_SIZE"), marker = try intFact("JFFS2_MARKER_OFFSET")
        let metaOff = try intFact("METADATA_OFFSET"), erase = try intFact("ERASE_BLOCK")
        XCTAssertEqual(img.count, try intFact("IMAGE_SIZE"))
        XCTAssertEqual(try sha256Hex(Fx.fixture(try fact("IMAGE"))), try fact("IMAGE_SHA256"))
        // uImage header: magic, data size, lzma
        XCTAssertEqual(be32(img, 0), 0x2705_1956)
        XCTAssertEqual(Int(be32(img, 12)) + 64, kernelSize)
        XCTAssertEqual(img[28 + 3], 3, "ih_comp must be lzma (3)")
        XCTAssertEqual(img.prefix(kernelSize), try read(Fx.fixture("image/kernel.uImage")))
        // pad-to 64k: NUL bytes up to the erase block holding the rootfs
        XCTAssertEqual(rootOff % erase, 0)
        XCTAssertTrue(rootOff >= kernelSize && rootOff - kernelSize < erase)
        XCTAssertTrue(img[kernelSize ..< rootOff].allSatisfy { $0 == 0 }, "kernel padding must be NUL (dd conv=sync)")
        // squashfs superblock: "hsqs", version 4.0, bytes_used
        XCTAssertEqual([UInt8](img[rootOff ..< rootOff + 4]), Array("hsqs".utf8))
        XCTAssertEqual(img[rootOff + 28], 4)
        XCTAssertEqual(Int(le64(img, rootOff + 40)), rootSize)
        // padjffs2: 0xff to the erase block, then de ad c0 de
        XCTAssertEqual(marker % erase, 0)
        XCTAssertTrue(img[rootOff + rootSize ..< marker].allSatisfy { $0 == 0xFF }, "rootfs padding must be 0xff")
        XCTAssertEqual([UInt8](img[marker ..< marker + 4]), [0xDE, 0xAD, 0xC0, 0xDE])
        XCTAssertEqual(metaOff, marker + 4)
        // fwtool trailer
        let t = img.count - 16
        XCTAssertEqual(t, try intFact("TRAILER_OFFSET"))
        XCTAssertEqual([UInt8](img[t ..< t + 4]), Array("FWx0".utf8))
        XCTAssertEqual(img[t + 8], 1, "trailer type must be metadata (1)")
        XCTAssertEqual(Int(be32(img, t + 12)), img.count - metaOff, "trailer size counts header + data + trailer")
        XCTAssertEqual(be32(img, t + 4), crcRegister(img.prefix(t)), "fwtool CRC (no final inversion) over all before the trailer")
        XCTAssertNotEqual(be32(img, t + 4), ~crcRegister(img.prefix(t)), "must not be the inverted (zlib) CRC")
        XCTAssertEqual(be32(img, metaOff), 0, "fwimage_header.version")
        XCTAssertEqual(be32(img, metaOff + 4), 0, "fwimage_header.flags")
        let json = img.subdata(in: metaOff + 8 ..< t)
        XCTAssertEqual(json, try read(Fx.fixture("image/metadata.json")))
        let meta = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        XCTAssertEqual(meta?["supported_devices"] as? [String], [try fact("BOARD")])
        XCTAssertNotNil(meta?["version"] as? [String: Any])
    }

    func testDumpimageAcceptsTheKernel() throws {
        let img = try read(Fx.fixture(try fact("IMAGE")))
        let dir = try Fx.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let k = dir.appendingPathComponent("kernel.uImage")
        try img.prefix(try intFact("KERNEL_SIZE")).write(to: k)
        let r = try must("dumpimage", ["-l", k.path])
        XCTAssertTrue(r.text.contains("lzma compressed"), "dumpimage: \(r.text)")
        XCTAssertTrue(r.text.contains("Linux Kernel Image"), "dumpimage: \(r.text)")
        // a corrupted header CRC must be refused
        var bad = img.prefix(try intFact("KERNEL_SIZE"))
        bad[bad.startIndex + 40] ^= 0x01
        try bad.write(to: k)
        let rb = try sh("dumpimage", ["-l", k.path])
        XCTAssertFalse(rb.status == 0 && rb.text.contains("Linux Kernel Image"), "dumpimage accepted a corrupted uImage")
    }

    func testKernelPayloadCarriesBannerAndIKConfig() throws {
        let img = try read(Fx.fixture(try fact("IMAGE")))
        let payload = img.subdata(in: 64 ..< (try intFact("KERNEL_SIZE")))
        let vmlinux = try must("xz", ["--format=lzma", "-dc"], stdin: payload).out
        XCTAssertEqual(vmlinux.count, try intFact("VMLINUX_SIZE"))
        let bOff = try intFact("VMLINUX_BANNER_OFFSET")
        let banner = Data((try fact("LINUX_BANNER") + "\n\0").utf8)
        XCTAssertEqual(vmlinux.subdata(in: bOff ..< bOff + banner.count), banner)
        XCTAssertTrue(String(decoding: banner, as: UTF8.self).hasPrefix("Linux version \(try fact("RELEASE")) "))
        let cOff = try intFact("VMLINUX_IKCFG_OFFSET"), gzSize = try intFact("VMLINUX_IKCFG_GZ_SIZE")
        XCTAssertEqual(vmlinux.subdata(in: cOff ..< cOff + 8), Data("IKCFG_ST".utf8))
        XCTAssertEqual(vmlinux.subdata(in: cOff + 8 + gzSize ..< cOff + 16 + gzSize), Data("IKCFG_ED".utf8))
        let config = try must("gzip", ["-dc"], stdin: vmlinux.subdata(in: cOff + 8 ..< cOff + 8 + gzSize)).out
        XCTAssertEqual(config, try read(Fx.fixture("config/old.config")))
    }

    func testFeedSignature() throws {
        let feed = Fx.fixture("feed")
        let pub = Fx.keys.appendingPathComponent("demo.pub").path
        let ok = try sh("signify-openbsd", ["-V", "-q", "-p", pub, "-m", feed.appendingPathComponent("Packages").path,
                                             "-x", feed.appendingPathComponent("Packages.sig").path])
        XCTAssertEqual(ok.status, 0, "signature does not verify: \(ok.errText)")
        // the signature names the demo key's fingerprint
        let sig = String(decoding: try read(feed.appendingPathComponent("Packages.sig")), as: UTF8.self).split(separator: "\n")
        if sig.count == 2, let raw = Data(base64Encoded: String(sig[1])) {
            XCTAssertEqual(raw.count, 74)
            XCTAssertEqual(raw[raw.startIndex + 2 ..< raw.startIndex + 10].map { String(format: "%02x", $0) }.joined(),
                           try fact("FINGERPRINT"))
        } else {
            XCTFail("Packages.sig is not a usign signature file")
        }
        // one changed byte must fail
        let dir = try Fx.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = try read(feed.appendingPathComponent("Packages"))
        bytes[bytes.startIndex + bytes.count / 2] ^= 0x20
        let tampered = dir.appendingPathComponent("Packages")
        try bytes.write(to: tampered)
        let bad = try sh("signify-openbsd", ["-V", "-q", "-p", pub, "-m", tampered.path,
                                              "-x", feed.appendingPathComponent("Packages.sig").path])
        XCTAssertNotEqual(bad.status, 0, "a tampered Packages verified")
        // Packages.gz is gzip -9n of Packages
        let gz = try must("gzip", ["-dc", feed.appendingPathComponent("Packages.gz").path]).out
        XCTAssertEqual(gz, try read(feed.appendingPathComponent("Packages")))
    }

    func testPackagesIsTheFilteredManifest() throws {
        let feed = Fx.fixture("feed")
        let manifest = String(decoding: try read(feed.appendingPathComponent("Packages.manifest")), as: UTF8.self)
        let dropped = ["Maintainer", "LicenseFiles", "Source", "SourceName", "Require", "SourceDateEpoch"]
        var filtered = manifest.components(separatedBy: "\n").dropLast()   // text ends in "\n"
            .filter { line in !dropped.contains { line.hasPrefix($0) } }
            .map { $0 + "\n" }.joined()
        let size = filtered.utf8.count
        if [110, 111].contains((64 + size) % 128) { filtered += "\n\n" }   // usign SHA-512 padding quirk
        XCTAssertEqual(try read(feed.appendingPathComponent("Packages")), Data(filtered.utf8))
        XCTAssertEqual(try fact("PACKAGES_USIGN_PADDED") == "1", [110, 111].contains((64 + size) % 128))
        // manifest still has the build fields; Packages has none of them
        XCTAssertTrue(manifest.contains("\nMaintainer: ") && manifest.contains("\nSourceDateEpoch: ") && manifest.contains("\nLicenseFiles: "))
        let packages = String(decoding: try read(feed.appendingPathComponent("Packages")), as: UTF8.self)
        for s in stanzas(packages) {
            for (k, _) in s { XCTAssertFalse(dropped.contains { k.hasPrefix($0) }, "Packages keeps \(k)") }
            // Filename, Size, SHA256sum come right before Description
            let keys = s.map { $0.0 }
            if let d = keys.firstIndex(of: "Description"), d >= 3 {
                XCTAssertEqual(Array(keys[d - 3 ..< d]), ["Filename", "Size", "SHA256sum"])
            } else {
                XCTFail("stanza lacks Filename/Size/SHA256sum before Description: \(keys)")
            }
        }
    }

    func testPackagesIndexMatchesTheIPKs() throws {
        let release = try fact("RELEASE"), newKernel = try fact("PKG_KERNEL_VERSION_NEW")
        let feed = Fx.fixture("feed")
        let packages = stanzas(String(decoding: try read(feed.appendingPathComponent("Packages")), as: UTF8.self))
        let names = packages.compactMap { field($0, "Package") }
        XCTAssertEqual(names, try fact("FEED_KMODS").split(separator: " ").map(String.init))
        XCTAssertFalse(names.contains("kernel"), "ipkg-make-index.sh skips kernel_*")
        XCTAssertGreaterThanOrEqual(names.filter { $0.hasPrefix("kmod-") }.count, 3)
        var sawChain = false
        for s in packages {
            let name = field(s, "Package") ?? "?"
            XCTAssertEqual(field(s, "Version"), "\(release)-1")
            XCTAssertEqual(field(s, "Architecture"), "x86_64")
            let deps = (field(s, "Depends") ?? "").components(separatedBy: ", ")
            XCTAssertEqual(deps.first, "kernel (=\(newKernel))", "\(name)")
            if name == "kmod-imt-user" { sawChain = deps.contains("kmod-imt-hello") }
            guard let fname = field(s, "Filename") else { XCTFail("\(name) has no Filename"); continue }
            let ipk = feed.appendingPathComponent(fname)
            let data = try read(ipk)
            XCTAssertEqual(field(s, "Size"), String(data.count), "\(fname) Size")
            XCTAssertEqual(field(s, "SHA256sum"), try sha256Hex(ipk), "\(fname) SHA256sum")
            // the index stanza is the ipk's control plus the three inserted fields
            let control = stanzas(try ipkControl(ipk)).first ?? []
            let indexFields = s.filter { !["Filename", "Size", "SHA256sum"].contains($0.0) }
            XCTAssertEqual(indexFields.map { $0.0 + ": " + $0.1 },
                           control.filter { k, _ in !["Maintainer", "LicenseFiles", "Source", "SourceName", "SourceDateEpoch"].contains(k) && !k.hasPrefix("Require") }
                               .map { $0.0 + ": " + $0.1 })
        }
        XCTAssertTrue(sawChain, "kmod-imt-user must depend on kmod-imt-hello")
        // index.json (make-index-json.py, version 2)
        let index = try JSONSerialization.jsonObject(with: read(feed.appendingPathComponent("index.json"))) as? [String: Any]
        XCTAssertEqual(index?["version"] as? Int, 2)
        XCTAssertEqual(index?["architecture"] as? String, "x86_64")
        XCTAssertEqual((index?["packages"] as? [String: String]).map { Set($0.keys) }, Set(names))
    }

    func testEveryIPKIsAnOpenWrtIPK() throws {
        let release = try fact("RELEASE")
        let ipks = try feedIPKs()
        XCTAssertGreaterThanOrEqual(ipks.count, 4)
        for ipk in ipks {
            let name = ipk.lastPathComponent
            XCTAssertEqual(try sh("gzip", ["-t", ipk.path]).status, 0, "\(name): gzip -t")
            let members = try must("tar", ["tzf", ipk.path]).text.split(separator: "\n").map(String.init)
            XCTAssertEqual(members, ["./debian-binary", "./data.tar.gz", "./control.tar.gz"], name)
            // GNU tar headers ("ustar  \0"), no PAX: opkg cannot read PAX
            let outer = try must("gzip", ["-dc", ipk.path]).out
            XCTAssertEqual([UInt8](outer[257 ..< 265]), Array("ustar  \0".utf8), "\(name): not a GNU-format tar")
            XCTAssertEqual(try tarMember(ipk, "./debian-binary"), Data("2.0\n".utf8))
            let dir = try Fx.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let dataTar = dir.appendingPathComponent("data.tar.gz")
            try tarMember(ipk, "./data.tar.gz").write(to: dataTar)
            XCTAssertEqual(try sh("gzip", ["-t", dataTar.path]).status, 0)
            let control = stanzas(try ipkControl(ipk)).first ?? []
            let raw = try must("gzip", ["-dc", dataTar.path]).out
            XCTAssertEqual(field(control, "Installed-Size"), String(raw.count), "\(name): Installed-Size = uncompressed data tar")
            XCTAssertEqual(name, "\(field(control, "Package") ?? "")_\(field(control, "Version") ?? "")_\(field(control, "Architecture") ?? "").ipk")
            let content = try must("tar", ["tzf", dataTar.path]).text.split(separator: "\n").map(String.init)
            XCTAssertEqual(content.first, "./")
            XCTAssertTrue(content.allSatisfy { $0.hasPrefix("./") })
            if let pkg = field(control, "Package"), pkg.hasPrefix("kmod-") {
                let mod = "imt_" + pkg.dropFirst("kmod-imt-".count)
                let ko = "./lib/modules/\(release)/\(mod).ko"
                XCTAssertTrue(content.contains(ko), "\(name) lacks \(ko)")
                XCTAssertTrue(content.contains { $0.hasPrefix("./etc/modules.d/") && !$0.hasSuffix("/") }, "\(name) lacks an autoload file")
                let koBytes = try must("tar", ["-xzOf", dataTar.path, ko]).out
                XCTAssertEqual(koBytes, try read(Fx.fixture("modules/\(mod).ko")), "\(name): \(ko) differs from fixtures/modules")
            }
        }
    }

    func testModulesAreRealKernelModules() throws {
        let release = try fact("RELEASE")
        for mod in try fact("MODULES").split(separator: " ") {
            let ko = Fx.fixture("modules/\(mod).ko")
            let bytes = try read(ko)
            XCTAssertEqual([UInt8](bytes.prefix(4)), [0x7F, 0x45, 0x4C, 0x46], "\(mod).ko is not ELF")
            XCTAssertEqual(bytes[4], 2, "ELFCLASS64")
            let vm = try must("modinfo", ["-F", "vermagic", ko.path]).text.trimmingCharacters(in: .newlines)
            XCTAssertEqual(vm, try fact("MODULE_VERMAGIC"))
            XCTAssertTrue(vm.hasPrefix(release + " "))
        }
        let dep = try must("modinfo", ["-F", "depends", Fx.fixture("modules/imt_user.ko").path]).text
        XCTAssertEqual(dep.trimmingCharacters(in: .newlines), "imt_hello")
        // __versions names the symbol imt_user imports from imt_hello
        let user = try read(Fx.fixture("modules/imt_user.ko"))
        XCTAssertNotNil(user.range(of: Data("__versions".utf8)), "no __versions section")
        XCTAssertNotNil(user.range(of: Data("imt_hello_greet".utf8)))
    }
}
