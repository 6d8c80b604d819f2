import BinaryIO
import Apk

/// libFuzzer entry: apk v3 ADB files (alpinelinux/apk-tools src/adb.c: container and
/// compression, blocks, heap, schema objects) as packages and as indexes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let (_, plain) = try? ADBContainer.decode(bytes, maxOutput: 1 << 22) {
        _ = try? ADBFile(parsing: plain)
    }
    _ = try? ADBFile(parsing: bytes)
    if let p = try? ApkPackage(bytes: bytes) {
        _ = try? p.fileContents()
        _ = try? p.serialized()
    }
    if let i = try? ApkIndex(bytes: bytes) {
        _ = try? i.serialized()
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzApk_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
