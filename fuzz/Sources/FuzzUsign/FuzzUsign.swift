import BinaryIO
import FeedRewrite

/// libFuzzer entry: usign public keys, secret keys and signatures (openwrt/usign main.c:
/// "untrusted comment:" line + base64 payload).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let pub = try? Usign.PublicKey(parsing: bytes, file: "fuzz.pub")
    let sig = try? Usign.Signature(parsing: bytes, file: "fuzz.sig")
    if let sec = try? Usign.SecretKey(parsing: bytes, file: "fuzz.sec") {
        _ = sec.publicKeyFile(comment: "fuzz")
    }
    if let pub, let sig { _ = try? pub.verify(bytes, sig) }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzUsign_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
