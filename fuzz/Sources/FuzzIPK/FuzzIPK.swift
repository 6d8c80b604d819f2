import BinaryIO
import FeedRewrite

/// libFuzzer entry: ipk containers (ar or gzip'd tar), control.tar.gz, data.tar.gz listing,
/// and the Packages entry derived from them (opkg-lede libopkg/pkg_extract.c).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ArchiveReader.read(bytes, context: "fuzz tar")
    guard let ipk = try? IPK.read(bytes: bytes, path: "fuzz.ipk") else { return 0 }
    _ = try? ipk.dataFiles(readData: true)
    _ = try? ipk.rewritingControl(ipk.control, mtime: 0, reuseCompressed: false)
    _ = try? PackagesIndex.entry(ipkBytes: bytes, filename: "fuzz.ipk")
    return 0
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
