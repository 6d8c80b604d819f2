import BinaryIO

extension UBILayout {
    /// The image with the rootfs and/or kernel volume's content replaced, laid out as
    /// `ubinize` would (mtd-utils lib/libubigen.c `ubigen_write_volume`): the replaced
    /// volume's LEBs are written where its first PEB was, one PEB per `usable LEB size`
    /// bytes of the new content, each with a VID header copied from the volume's first one
    /// with `lnum`, `sqnum` (0 when the image has none, else after the highest), and for
    /// static volumes `data_size`, `used_ebs` and `data_crc` set, `hdr_crc` recomputed;
    /// the rest of each PEB is 0xff. PEBs of the other volumes follow in their original
    /// order (shifted when the replaced volume changed length). The volume table (both
    /// layout copies) gets the new `reserved_pebs` when the volume outgrows it, or when it
    /// was sized to its image (ubinize without `vol_size`), with the record CRC recomputed.
    /// EC headers stay with their PEB position; new PEBs at the end copy the last one.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?,
                     warnings: inout [String]) throws -> [UInt8] {
        let ctx = "rebuild UBI image"
        var replacements: [Int: [UInt8]] = [:]
        if let nr = newRoot {
            guard let ri = rootfsVolume, rootfs != nil else {
                throw FormatError(.unsupported, context: ctx, "the image has no squashfs rootfs volume to replace")
            }
            replacements[ri] = nr
        }
        if let nk = newKernel {
            guard let ki = kernelVolume else {
                throw FormatError(.unsupported, context: ctx, "the image has no kernel volume")
            }
            var k = nk
            let old = content(of: volumes[ki], in: bytes, limit: UImageHeader.size)
            let isFIT = nk.count >= 4 && nk[0] == 0xd0 && nk[1] == 0x0d && nk[2] == 0xfe && nk[3] == 0xed
            if UImageHeader.matches(old), !UImageHeader.matches(nk), !isFIT {
                var r = ByteReader(old, context: "read uImage header")
                k = try UImageHeader(parsing: &r).describing(nk).serialize() + nk
            }
            replacements[ki] = k
        }
        guard !replacements.isEmpty else { return bytes }

        let g = geometry
        var table = self.table
        var newCount: [Int: Int] = [:]
        for (vi, data) in replacements.sorted(by: { $0.key < $1.key }) {
            let v = volumes[vi]
            let u = usable(v)
            guard !data.isEmpty, u > 0 else {
                throw FormatError(.invalid, context: ctx, "empty content for volume \(v.name)")
            }
            let n = (data.count + u - 1) / u
            newCount[vi] = n
            guard Int(v.id) < table.records.count else { continue }
            let rec = table.records[Int(v.id)]
            let old = Int(rec.reservedPEBs)
            let reserved = n > old || old == v.lebCount ? n : old
            if reserved != old {
                table.records[Int(v.id)] = rec.withReservedPEBs(try Checked.int(reserved, as: UInt32.self, "reserved_pebs"))
                if reserved > old {
                    let autoresize = volumes.first { $0.autoresize }.map { "the autoresize volume \($0.name) gets \(reserved - old) fewer when UBI first attaches" }
                    warnings.append("UBI volume \(v.name) grows from \(old) to \(reserved) reserved PEBs; \(autoresize ?? "the UBI partition needs that many more free PEBs")")
                }
            }
        }
        let tableChanged = table != self.table
        let tableBytes = table.serialize()
        let replacedIDs = Set(replacements.keys.map { volumes[$0].id })

        var out: [UInt8] = []
        let estimate = bytes.count + replacements.values.reduce(0) { $0 + $1.count }
        try Checked.limit(UInt64(estimate), FirmwareImage.maxImageSize, "rebuilt UBI image", context: ctx)
        out.reserveCapacity(estimate + g.pebSize)
        var lastEC = pebs.first { $0.ec != nil }.map { Array(bytes[$0.offset ..< $0.offset + UBIECHeader.size]) } ?? []
        // The EC header for output PEB `i`: the one the original had at that position
        // (the last one seen past the original's end or over an erased PEB).
        func ecHeader(_ i: Int) -> [UInt8] {
            if i < pebs.count, pebs[i].ec != nil {
                let o = pebs[i].offset
                lastEC = Array(bytes[o ..< o + UBIECHeader.size])
            }
            return lastEC
        }
        let maxSqnum = pebs.compactMap { $0.vid?.verifies == true ? $0.vid?.sqnum : nil }.max() ?? 0
        var sqnum = maxSqnum == 0 ? 0 : maxSqnum + 1
        var emitted = Set<Int>()
        for p in pebs {
            let pebIndex = out.count / g.pebSize
            if let h = p.vid, h.verifies, replacedIDs.contains(h.volumeID) {
                guard let vi = volumes.firstIndex(where: { $0.id == h.volumeID }), !emitted.contains(vi),
                      let data = replacements[vi], let n = newCount[vi], let first = volumes[vi].pebs.first,
                      let template = pebs[first].vid else { continue }
                emitted.insert(vi)
                let u = usable(volumes[vi])
                for lnum in 0 ..< n {
                    let slice = data[(lnum * u) ..< min(data.count, (lnum + 1) * u)]
                    let vid = try template.rewritten(lnum: UInt32(lnum), sqnum: sqnum, data: slice, usedEBs: UInt32(n))
                    if sqnum != 0 { sqnum += 1 }
                    var peb = [UInt8](repeating: 0xff, count: g.pebSize)
                    peb.replaceSubrange(0 ..< UBIECHeader.size, with: ecHeader(out.count / g.pebSize))
                    peb.replaceSubrange(g.vidHeaderOffset ..< g.vidHeaderOffset + UBIVIDHeader.size, with: vid.raw)
                    peb.replaceSubrange(g.dataOffset ..< g.dataOffset + slice.count, with: slice)
                    out += peb
                }
                continue
            }
            var peb = Array(bytes[p.offset ..< p.offset + g.pebSize])
            if p.ec != nil { peb.replaceSubrange(0 ..< UBIECHeader.size, with: ecHeader(pebIndex)) }
            if tableChanged, let h = p.vid, h.verifies, h.volumeID == UBIVolumeTable.layoutVolumeID {
                peb.replaceSubrange(g.dataOffset ..< g.dataOffset + tableBytes.count, with: tableBytes)
            }
            out += peb
        }
        return out
    }
}
