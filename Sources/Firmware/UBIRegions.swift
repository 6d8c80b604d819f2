import BinaryIO

/// The region map of a UBI image and the payload spans `unpack` records: per PEB the EC
/// header, 0xff fill, the VID header, fill, the LEB's data (volume table, kernel, rootfs or
/// another volume) and fill to the PEB end (mtd-utils lib/libubigen.c writes 0xff
/// everywhere but the headers and data).
extension UBILayout {
    /// Where each byte of the kernel and rootfs sits in the file: (file offset, length,
    /// "kernel"/"rootfs", offset in the payload), for `unpack`.
    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        var out: [(offset: Int, size: Int, source: String, sourceOffset: Int)] = []
        for (vi, name, len) in [(kernelVolume, "kernel", kernelLength), (rootfsVolume, "rootfs", rootfs.map { Int($0.bytesUsed) })] {
            guard let vi, let len else { continue }
            let v = volumes[vi]
            var pos = 0
            for pi in v.pebs where pos < len {
                let r = lebData(pi, usable: usable(v))
                let n = min(r.count, len - pos)
                if n > 0 { out.append((r.lowerBound, n, name, pos)) }
                pos += n
            }
        }
        return out
    }

    /// Regions per PEB: EC header, fill, VID header, fill, LEB data (the volume table,
    /// kernel, rootfs or another volume's data), fill to the PEB end.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        let g = geometry
        var volumeOf: [UInt32: Int] = [:]
        for (i, v) in volumes.enumerated() { volumeOf[v.id] = i }
        func fill(_ from: Int, _ to: Int, note: String? = nil) {
            guard to > from else { return }
            let erased = bytes[from ..< to].allSatisfy { $0 == 0xff }
            rs.append(Region(offset: UInt64(from), size: UInt64(to - from), role: erased ? .ubiPadding : .unknown, note: note))
        }
        for p in pebs {
            let end = p.offset + g.pebSize
            guard let ec = p.ec else { fill(p.offset, end, note: "PEB \(p.index) erased"); continue }
            rs.append(Region(offset: UInt64(p.offset), size: UInt64(UBIECHeader.size), role: .ubiECHeader,
                             checksums: [ec.checksum], note: "PEB \(p.index), ec \(ec.eraseCount), image_seq \(ec.imageSequence)"))
            let v = p.offset + g.vidHeaderOffset
            fill(p.offset + UBIECHeader.size, v)
            guard let h = p.vid else { fill(v, end, note: "PEB \(p.index) free (no VID header)"); continue }
            guard h.verifies else {
                rs.append(Region(offset: UInt64(v), size: UInt64(UBIVIDHeader.size), role: .ubiVIDHeader,
                                 checksums: [Checksum(kind: "ubi-vid-hdr-crc", stored: h.storedCRC, computed: h.computedCRC)],
                                 note: "PEB \(p.index): VID header CRC mismatch, not interpreted"))
                rs.append(Region(offset: UInt64(v + UBIVIDHeader.size), size: UInt64(end - v - UBIVIDHeader.size), role: .unknown,
                                 note: "PEB \(p.index) data (VID header CRC mismatch)"))
                continue
            }
            let isLayout = h.volumeID == UBIVolumeTable.layoutVolumeID
            let vol = volumeOf[h.volumeID].map { volumes[$0] }
            let volName = isLayout ? "layout volume" : vol.map { "\($0.name.isEmpty ? "?" : $0.name) (id \($0.id))" } ?? "volume \(h.volumeID) (not in the volume table)"
            rs.append(Region(offset: UInt64(v), size: UInt64(UBIVIDHeader.size), role: .ubiVIDHeader,
                             checksums: [Checksum(kind: "ubi-vid-hdr-crc", stored: h.storedCRC, computed: h.computedCRC)],
                             note: "\(volName) LEB \(h.lnum), \(h.isStatic ? "static, data_size \(h.dataSize), used_ebs \(h.usedEBs)" : "dynamic")\(h.sqnum != 0 ? ", sqnum \(h.sqnum)" : "")"))
            let d = p.offset + g.dataOffset
            fill(v + UBIVIDHeader.size, d)
            let usableLEB = g.lebSize - Int(min(UInt32(g.lebSize), h.dataPad))
            var length: Int
            var role: Region.Role = .ubiVolume
            var sums: [Checksum] = []
            var isDataSized = false
            if isLayout {
                length = UBIVolumeTable.recordCount(lebSize: g.lebSize) * UBIVolumeTable.recordSize
                role = .ubiVolumeTable
                if let t = try? UBIVolumeTable(parsing: bytes, at: d, lebSize: g.lebSize) { sums = t.checksums }
            } else if h.isStatic || h.copyFlag != 0 {
                length = min(Int(h.dataSize), usableLEB)
                isDataSized = true
                sums = [Checksum(kind: "ubi-data-crc", stored: h.dataCRC, computed: UBICRC.of(bytes[d ..< d + length]))]
            } else {
                length = usableLEB
            }
            let vi = volumeOf[h.volumeID]
            let inVolume = vi.map { volumes[$0].pebs.contains(p.index) } ?? false
            if let vi, inVolume, !isLayout {
                let payloadLength: Int? = vi == kernelVolume ? kernelLength : vi == rootfsVolume ? rootfs.map { Int($0.bytesUsed) } : nil
                if vi == kernelVolume { role = .kernel } else if vi == rootfsVolume && rootfs != nil { role = .rootfs }
                let before = Int(h.lnum) * usableLEB
                if let pl = payloadLength, !isDataSized {
                    length = max(0, min(length, pl - before))
                } else if !h.isStatic, volumes[vi].pebs.last == p.index {
                    while length > 0 && bytes[d + length - 1] == 0xff { length -= 1 }
                }
            }
            if length > 0 {
                rs.append(Region(offset: UInt64(d), size: UInt64(length), role: role, checksums: sums,
                                 note: "\(volName) LEB \(h.lnum)\(isLayout ? " (volume table, \(UBIVolumeTable.recordCount(lebSize: g.lebSize)) records)" : "")"))
            } else if !sums.isEmpty {
                rs.append(Region(offset: UInt64(d), size: 0, role: role, checksums: sums, note: "\(volName) LEB \(h.lnum) (empty)"))
            }
            fill(d + length, end)
        }
        return rs
    }
}
