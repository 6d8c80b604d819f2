import BinaryIO
import FeedRewrite

/// libFuzzer entry: ipk containers (ar or gzip'd tar), control.tar.gz, data.tar.gz listing,
/// and the Packages entry derived from them (opkg-lede libopkg/pkg_extract.c).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ArchiveReader.read(bytes, context: "fuzz tar")
    check(bytes)
    // Structured mode, past the gzip CRCs: "<control tar>\xff\x00IPK\x00\xff<data tar>" is
    // gzip'd and wrapped the way ipkg-build does, so mutations reach the inner tars.
    let sep: [UInt8] = [0xFF, 0x00, 0x49, 0x50, 0x4B, 0x00, 0xFF]
    if let cut = firstRange(of: sep, in: bytes) {
        let control = PackagesIndex.gzip(Array(bytes[..<cut])), payload = PackagesIndex.gzip(Array(bytes[(cut + sep.count)...]))
        let members = [TarMember(name: "./debian-binary", mtime: 0, data: Array("2.0\n".utf8)),
                       TarMember(name: "./data.tar.gz", mtime: 0, data: payload),
                       TarMember(name: "./control.tar.gz", mtime: 0, data: control)]
        if let outer = try? GNUTar.write(members) { check(PackagesIndex.gzip(outer)) }
    }
    return 0
}

func check(_ bytes: [UInt8]) {
    guard let ipk = try? IPK(parsing: bytes, path: "fuzz.ipk") else { return }
    _ = try? ipk.dataFiles(readData: true)
    _ = try? ipk.rewritingControl(ipk.control, mtime: 0, reuseCompressed: false)
    _ = try? PackagesIndex.entry(ipkBytes: bytes, filename: "fuzz.ipk")
}

func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard hay.count >= needle.count else { return nil }
    for i in 0 ... hay.count - needle.count where hay[i] == needle[0] && Array(hay[i ..< i + needle.count]) == needle { return i }
    return nil
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzIPK_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
