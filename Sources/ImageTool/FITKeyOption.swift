import BinaryIO
import Firmware
import FoundationEssentials
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// `--fit-key KEYDIR|KEY.pem` of `install` and `repack`: the signer that re-signs a signed
/// FIT as `mkimage -F -k` does, stamped SOURCE_DATE_EPOCH when set (as mkimage's
/// imagetool_get_source_date reads it), else the current time.
enum FITKeyOption {
    static let help = "Re-sign a signed FIT: a folder holding <key-name-hint>.key (mkimage -k) or one PEM private key; timestamp SOURCE_DATE_EPOCH or now, signer-name imagetool."

    static func signer(_ path: String?) throws -> FITSigner? {
        guard let path else { return nil }
        guard FS.exists(path) else { throw FormatError(.usage, context: "--fit-key", "no such key file or folder: \(path)") }
        var now = UInt32(clamping: time(nil))
        if let e = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
            guard let t = UInt32(e) else { throw FormatError(.usage, context: "SOURCE_DATE_EPOCH", "not seconds since the epoch: \(e.debugDescription)") }
            now = t
        }
        return FITSigner(keyPath: path, version: ImageTool.version, timestamp: now)
    }
}
