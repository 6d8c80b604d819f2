import BinaryIO
import Codecs

/// libFuzzer entry: every decompressor wrapper must reject garbage with a FormatError,
/// never trap, and never produce more than the bound it was given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buf = UnsafeRawBufferPointer(start: data, count: size)
    let bound = 1 << 20
    _ = try? Deflate.inflate(buf, framing: .auto, maxOutput: bound)
    _ = try? Deflate.inflate(buf, framing: .raw, maxOutput: bound)
    _ = try? LZMA.decode(buf, alone: false, maxOutput: bound)
    _ = try? LZMA.decode(buf, alone: true, maxOutput: bound)
    _ = try? Zstd.decompress(buf, maxOutput: bound)
    _ = try? LZ4.decompress(buf, maxOutput: bound)
    _ = try? LZO.decompress(buf, maxOutput: bound)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzCodecs_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
