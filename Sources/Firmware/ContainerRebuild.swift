import BinaryIO

extension NANDTarLayout {
    /// Writes `value` as a NUL-terminated zero-padded octal field of `width` bytes
    /// (GNU tar's `%0*o` form).
    static func octalField(_ value: Int, width: Int) throws -> [UInt8] {
        let s = String(value, radix: 8)
        guard s.count <= width - 1 else {
            throw FormatError(.tooLarge, context: "write tar header", "\(value) does not fit in \(width - 1) octal digits")
        }
        return Array((String(repeating: "0", count: width - 1 - s.count) + s).utf8) + [0]
    }

    /// The tar with the `root` and/or `kernel` member data replaced: size and header
    /// checksum rewritten (`%06o\0 `), data padded to 512, other headers kept byte for
    /// byte, end blocks padded to the original record size (10240 for GNU tar's default).
    /// A squashfs root that scripts/sysupgrade-tar.sh stored zero-padded to 1 KiB
    /// (`dd bs=1024 conv=sync`) is padded so again.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?) throws -> [UInt8] {
        var out: [UInt8] = []
        for m in members {
            var header = Array(bytes[m.headerOffset ..< m.headerOffset + 512])
            var data = Array(bytes[m.dataOffset ..< m.dataOffset + m.size])
            if m.name.hasSuffix("/root"), let r = newRoot {
                data = r
                if let span = rootfs, UInt64(m.size) > span.bytesUsed, m.size % 1024 == 0,
                   bytes[(m.dataOffset + Int(span.bytesUsed)) ..< (m.dataOffset + m.size)].allSatisfy({ $0 == 0 }) {
                    data += repeatElement(0, count: (1024 - r.count % 1024) % 1024)
                }
            }
            if m.name.hasSuffix("/kernel"), let k = newKernel { data = k }
            if data.count != m.size {
                header.replaceSubrange(124 ..< 136, with: try NANDTarLayout.octalField(data.count, width: 12))
                let sum = NANDTarLayout.headerChecksum(header[...])
                header.replaceSubrange(148 ..< 156, with: try NANDTarLayout.octalField(sum, width: 7) + [0x20])
            }
            out += header
            out += data
            out += repeatElement(0, count: (512 - data.count % 512) % 512)
        }
        let endLength = bodySize - endOffset
        let record = bodySize % 10240 == 0 ? 10240 : 512
        var end = max(1024, endLength)
        if record == 10240 { end = max(1024, ((out.count + 1024 + 10239) / 10240) * 10240 - out.count) }
        out += repeatElement(0, count: end)
        return out
    }
}

extension DiskImageLayout {
    /// The disk with the rootfs partition's squashfs replaced (it must fit the partition;
    /// bytes after the old filesystem up to the new end are zeroed), gzip'd again with
    /// zlib level 9 and no name or time (`gzip -9n` framing) when the original was; an
    /// unchanged disk keeps the original gzip stream byte for byte.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?) throws -> [UInt8] {
        guard let nr = newRoot else { return Array(bytes[..<bodySize]) }
        guard let k = rootfsPartition, let old = rootfs else {
            throw FormatError(.unsupported, context: "rebuild disk image", "no squashfs rootfs partition found")
        }
        let p = partitions[k]
        guard nr.count <= p.size else {
            throw FormatError(.refused, offset: UInt64(p.offset), context: "rebuild disk image",
                              "rootfs of \(nr.count) bytes does not fit partition \(p.index) of \(p.size) bytes (\(nr.count - p.size) too many)")
        }
        var d = disk
        let oldEnd = Int(old.end)
        d.replaceSubrange(p.offset ..< p.offset + nr.count, with: nr)
        if oldEnd > p.offset + nr.count {
            d.replaceSubrange(p.offset + nr.count ..< oldEnd, with: repeatElement(0, count: oldEnd - p.offset - nr.count))
        }
        return gzipped ? Deflate.deflate(d, level: 9, framing: .gzip) : d
    }
}
