import BinaryIO
import Firmware

/// libFuzzer entry: firmware detection and layout (uImage, TP-Link, fwtool trailers, MBR,
/// NAND sysupgrade tar, UBI (EC/VID headers, volume table, geometry; linux
/// include/uapi/mtd/ubi-media.h), FIT via libfdt, squashfs span; openwrt/firmware-utils,
/// openwrt/fwtool, u-boot include/image.h and boot/image-fit.c). UBI images also go through
/// the volume rebuild; a FIT is also parsed on its own and rebuilt around its rootfs (libfdt
/// edits, hash recomputation, re-layout); a signed FIT is re-signed with keys/fit-demo.key
/// (hashed regions over libfdt tags, signature node writes) and its signed bytes computed.
let fitDemoKey: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(4)  // fuzz/Sources/FuzzFirmware/FuzzFirmware.swift
    return parts.joined(separator: "/") + "/keys/fit-demo.key"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if FITImage.matches(bytes), let fit = try? FITImage(parsing: bytes) {
        _ = fit.kernel
        _ = fit.rootfs
        _ = fit.alignment
        _ = fit.images.map { fit.checksums(of: $0) }
    }
    if let fw = try? FirmwareImage(parsing: bytes, path: "fuzz.bin"), fw.layout is FITLayout {
        _ = ImageReport(image: fw, file: "fuzz.bin")
        _ = try? fw.rebuild(replacingRootfs: fw.rootfsImage)
        if let l = fw.layout as? FITLayout, l.fit.isSigned {
            for n in l.fit.signatureNodes { _ = try? l.fit.signedData(ofSignature: n, in: bytes) }
            let signer = FITSigner(keys: .file(fitDemoKey), version: "fuzz", timestamp: 0)
            if let r = try? fw.rebuild(replacingRootfs: fw.rootfsImage, options: RebuildOptions(fitSigner: signer)),
               let again = try? FirmwareImage(parsing: r.bytes, path: "fuzz.bin"), let l2 = again.layout as? FITLayout {
                for n in l2.fit.signatureNodes { _ = try? l2.fit.signedData(ofSignature: n, in: r.bytes) }
            }
        }
    }
    guard let fw = try? FirmwareImage(parsing: bytes, path: "fuzz.bin") else { return 0 }
    _ = fw.kernelImage
    _ = fw.rootfsImage
    _ = fw.rootfsSpan
    _ = fw.metadataJSON
    _ = fw.kernelPayloadBytes()
    _ = try? fw.kernelPayload()
    if fw.kind == .ubi { _ = try? fw.rebuild(replacingRootfs: fw.rootfsImage) }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzFirmware_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
