import BinaryIO
import Codecs
import FeedRewrite

/// libFuzzer entry: Packages / Packages.gz indexes (opkg-lede libopkg/pkg_hash.c,
/// package-index.py): gunzip bounded, every stanza, the manifest filters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
        guard let out = try? Deflate.inflate(bytes, framing: .gzip, maxOutput: 1 << 22, context: "gunzip Packages.gz") else { return 0 }
        bytes = out.bytes
    }
    _ = PackagesIndex.droppingFields(bytes)
    _ = PackagesIndex.packages(fromManifest: bytes)
    guard let stanzas = try? ControlStanza.parseDocument(bytes) else { return 0 }
    for s in stanzas {
        _ = s["Package"]; _ = s["Size"].flatMap { UInt64($0) }; _ = s["SHA256sum"]
        if let d = s["Depends"] { _ = try? Relationship(parsing: d) }
        _ = s.render()
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzPackagesIndex_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
