import BinaryIO
import Platform
import Squash
#if canImport(Glibc)
import Glibc
#endif

/// One scratch file per fuzzing process: SquashImage reads through a FileView (pread).
nonisolated(unsafe) let scratch = "/tmp/imagetool-fuzzsquash-\(getpid()).img"

/// libFuzzer entry: squashfs superblock + every table + the directory walk + file data.
/// Any input must give a FormatError or succeed; never trap, hang or allocate unboundedly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fd = open(scratch, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(scratch)") }
    let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard wrote == bytes.count else { fatalError("short write to \(scratch)") }
    guard let image = try? SquashImage(path: scratch) else { return 0 }
    guard let tree = try? image.readTree() else { return 0 }
    var files = 0
    tree.walk { _, node in
        guard files < 8, node.kind == .file, case .squashfs(let e) = node.content else { return }
        files += 1
        _ = try? image.data.contents(of: e, maxSize: 1 << 22)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzSquash_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
