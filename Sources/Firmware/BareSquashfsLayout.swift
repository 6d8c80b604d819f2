import BinaryIO

/// A bare squashfs rootfs (`root.squashfs`, an unpacked `rootfs.sqfs`, an apk-era
/// `rootfs.sqfs`): the filesystem (`bytes_used` long) and the padding mksquashfs adds
/// to 4 KiB (or whatever follows `bytes_used`). It holds no kernel.
public struct BareSquashfsLayout: Sendable, Equatable {
    /// The filesystem's superblock facts (at offset 0).
    public var span: SquashfsSpan

    /// Reads the superblock at offset 0 of `bytes`.
    public init(parsing bytes: [UInt8]) throws {
        span = try SquashfsSpan(parsing: bytes, at: 0)
    }
}

extension FirmwareImage.Kind {
    /// A bare squashfs rootfs (`root.squashfs`, an unpacked `rootfs.sqfs`).
    public static let squashfs = FirmwareImage.Kind(rawValue: "squashfs-rootfs")
}

extension BareSquashfsLayout: FirmwareFamily {
    public static var familyDescription: String { "bare squashfs" }

    public static func detect(_ bytes: [UInt8]) throws -> BareSquashfsLayout? {
        SquashfsSpan.matches(bytes, at: 0) ? try BareSquashfsLayout(parsing: bytes) : nil
    }

    public var kind: FirmwareImage.Kind { .squashfs }

    /// The filesystem, then the padding after `bytes_used` when there is any.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs = [Region(offset: 0, size: span.bytesUsed, role: .rootfs, note: "squashfs \(span.version) \(span.compressor)")]
        if UInt64(bytes.count) > span.bytesUsed {
            rs.append(Region(offset: span.bytesUsed, size: UInt64(bytes.count) - span.bytesUsed, role: .tailPadding))
        }
        return rs
    }

    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? { nil }

    public var missingKernel: String { "a bare squashfs rootfs holds no kernel" }

    public var rootfs: SquashfsSpan? { span }

    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? { Array(bytes[..<Int(span.bytesUsed)]) }

    public var rootfsFileOffset: UInt64? { 0 }

    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        [(0, Int(span.bytesUsed), "rootfs", 0)]
    }

    /// The new filesystem, padded to 4 KiB with the original's fill byte when the original
    /// was padded (mksquashfs pads unless `-nopad`; the original's choice is kept).
    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        if newKernel != nil {
            throw FormatError(.unsupported, context: "rebuild squashfs", "a bare squashfs rootfs holds no kernel to replace")
        }
        var out = newRoot ?? bytes
        if newRoot != nil && UInt64(bytes.count) > span.bytesUsed {
            let fill = bytes[Int(span.bytesUsed)]
            out += repeatElement(fill, count: (4096 - out.count % 4096) % 4096)
        }
        return out
    }
}
