import BinaryIO
import KernelABI

/// libFuzzer entry: ELF kernel modules (.ko: modinfo, __versions, symbols, ksymtab
/// relocations; linux scripts/mod/modpost.c, include/uapi/linux/elf.h).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let elf = try? ELFFile(bytes: bytes) {
        _ = try? elf.symbols()
        for (i, s) in elf.sections.enumerated().prefix(64) {
            _ = try? elf.contents(of: s)
            _ = try? elf.relocations(applyingTo: i)
        }
    }
    if let m = try? KernelModule(parsing: bytes, path: "fuzz.ko") {
        _ = m.name; _ = m.depends; _ = m.vermagic
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzKmod_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
