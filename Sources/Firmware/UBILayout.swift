import BinaryIO

/// A UBI image as `ubinize` writes it (OpenWrt `*-factory.ubi`, include/image.mk
/// Build/append-ubi, scripts/ubinize-image.sh; mtd-utils ubi-utils/ubinize.c and
/// lib/libubigen.c): a sequence of physical eraseblocks (PEBs), each an EC header at 0,
/// a VID header at `vid_hdr_offset` and one logical eraseblock (LEB) of volume data at
/// `data_offset`, 0xff elsewhere. PEBs 0 and 1 hold the two copies of the volume table
/// (layout volume), then every volume that has an image, LEB by LEB; volumes without an
/// image (the autoresize `rootfs_data`) have no PEBs in the file.
///
/// The PEB size and minimum I/O size are not stored: the PEB size is the distance from
/// the EC header at 0 to the next valid EC header with the same offsets, and the min I/O
/// size is bounded by `data_offset = ALIGN(vid_hdr_offset + 64, min_io)`
/// (libubigen `ubigen_info_init`, linux drivers/mtd/ubi/build.c `io_init`);
/// `geometry.derivation` says how each was found.
public struct UBILayout: Sendable, Equatable {
    /// Largest PEB size tried (NAND erase blocks are at most a few MiB).
    static let maxPEBSize = 64 << 20

    /// Sizes of the flash the image was made for.
    public struct Geometry: Sendable, Equatable, Codable {
        /// PEB (erase block) size, derived.
        public var pebSize: Int
        /// LEB size = PEB size - data_offset.
        public var lebSize: Int
        /// From the EC header.
        public var vidHeaderOffset: Int
        /// From the EC header.
        public var dataOffset: Int
        /// Smallest min I/O size consistent with the offsets.
        public var minIOSizeMin: Int
        /// Largest min I/O size consistent with the offsets.
        public var minIOSizeMax: Int
        /// `image_seq` of the EC headers.
        public var imageSequence: UInt32
        /// PEBs in the file.
        public var pebCount: Int
        /// How each derived value was found, one sentence each.
        public var derivation: [String]
    }

    /// One physical eraseblock.
    public struct PEB: Sendable, Equatable {
        /// Index in the file.
        public var index: Int
        /// Absolute offset.
        public var offset: Int
        /// The EC header (nil: the PEB is erased, all 0xff).
        public var ec: UBIECHeader?
        /// The VID header (nil: no LEB mapped).
        public var vid: UBIVIDHeader?
    }

    /// A volume: its table record and its LEBs.
    public struct Volume: Sendable, Equatable, Codable {
        /// Volume id (the record index).
        public var id: UInt32
        /// Volume name.
        public var name: String
        /// "dynamic" or "static".
        public var type: String
        /// `reserved_pebs` of the record.
        public var reservedPEBs: UInt32
        /// `alignment` of the record.
        public var alignment: UInt32
        /// `data_pad` of the record.
        public var dataPad: UInt32
        /// Whether the autoresize flag is set.
        public var autoresize: Bool
        /// PEB indices of LEBs 0, 1, ... as present in the file.
        public var pebs: [Int]
        /// Bytes of data the file holds for the volume (static: sum of data_size; dynamic:
        /// LEBs times the usable LEB size).
        public var size: Int
        /// LEBs present in the file (= `pebs.count`).
        public var lebCount: Int
        /// Whether the volume is static.
        public var isStatic: Bool { type == "static" }
    }

    /// Sizes and how they were derived.
    public var geometry: Geometry
    /// PEBs in file order.
    public var pebs: [PEB]
    /// The volume table in use (copy `tableCopy` of the layout volume).
    public var table: UBIVolumeTable
    /// PEB index holding the table copy in use.
    public var tablePEB: Int
    /// Volumes in id order (those of the table, then ids found only in VID headers).
    public var volumes: [Volume]
    /// Index into `volumes` of the kernel volume ("kernel").
    public var kernelVolume: Int?
    /// Index into `volumes` of the rootfs volume ("rootfs" or the first holding a squashfs).
    public var rootfsVolume: Int?
    /// The rootfs superblock (offset relative to the volume).
    public var rootfs: SquashfsSpan?
    /// Length of the kernel inside its volume (uImage header + ih_size, FIT totalsize, or
    /// the volume without trailing 0xff).
    public var kernelLength: Int?

    /// Whether `bytes` start with a UBI EC header.
    public static func matches(_ bytes: [UInt8]) -> Bool { UBIECHeader.matches(bytes) }

    static func align(_ v: Int, _ a: Int) -> Int { (v + a - 1) / a * a }

    /// Derives the geometry from the EC header at 0 and the next EC header.
    static func geometry(_ bytes: [UInt8]) throws -> Geometry {
        let ctx = "read UBI image"
        let ec0 = try UBIECHeader(bytes, at: 0)
        guard ec0.storedCRC == ec0.computedCRC else {
            throw FormatError(.checksum, offset: 60, context: ctx,
                              "EC header hdr_crc \(Checksum.hex32(ec0.storedCRC)) != computed \(Checksum.hex32(ec0.computedCRC)); the geometry cannot be trusted")
        }
        let vid = Int(ec0.vidHeaderOffset), data = Int(ec0.dataOffset)
        // drivers/mtd/ubi/build.c io_init: 64 <= vid_hdr_offset, 32-bit aligned,
        // vid_hdr_offset + 64 <= leb_start <= peb_size - 64.
        guard vid >= UBIECHeader.size, vid % 4 == 0, data >= vid + UBIVIDHeader.size, data < maxPEBSize else {
            throw FormatError(.invalid, offset: 16, context: ctx,
                              "vid_hdr_offset \(vid) / data_offset \(data) out of range (need 64 <= vid, vid % 4 == 0, vid + 64 <= data)")
        }
        var derivation: [String] = []
        var peb: Int? = nil
        var p = 512
        while p <= data { p *= 2 }
        while p <= maxPEBSize && p < bytes.count {
            if UBIECHeader.matches(bytes, at: p), let e = try? UBIECHeader(bytes, at: p), e.storedCRC == e.computedCRC,
               e.vidHeaderOffset == ec0.vidHeaderOffset, e.dataOffset == ec0.dataOffset {
                peb = p
                derivation.append("PEB size \(p): distance from the EC header at 0 to the next valid EC header")
                break
            }
            p *= 2
        }
        if peb == nil {
            guard bytes.count > data, bytes.count <= maxPEBSize, bytes.count & (bytes.count - 1) == 0 else {
                throw FormatError(.truncated, offset: UInt64(bytes.count), context: ctx,
                                  "no second EC header at a power-of-two offset above data_offset \(data); cannot derive the PEB size")
            }
            peb = bytes.count
            derivation.append("PEB size \(bytes.count): the image is one PEB")
        }
        let pebSize = peb ?? bytes.count
        guard data <= pebSize - UBIVIDHeader.size else {
            throw FormatError(.invalid, offset: 20, context: ctx, "data_offset \(data) leaves no room for data in the \(pebSize)-byte PEB")
        }
        guard bytes.count % pebSize == 0 else {
            let last = bytes.count / pebSize * pebSize
            throw FormatError(.truncated, offset: UInt64(last), context: ctx,
                              "image ends \(bytes.count - last) bytes into PEB \(bytes.count / pebSize) (PEB size \(pebSize))")
        }
        derivation.append("LEB size \(pebSize - data) = PEB size - data_offset \(data)")
        var lo = 0, hi = 0
        var m = 1
        while m <= data {
            if align(vid + UBIVIDHeader.size, m) == data { if lo == 0 { lo = m }; hi = m }
            m *= 2
        }
        derivation.append(lo == 0
            ? "min I/O size: no power of two m gives data_offset = ALIGN(vid_hdr_offset + 64, m)"
            : "min I/O size \(lo == hi ? "\(lo)" : "\(lo)...\(hi)"): data_offset \(data) = ALIGN(vid_hdr_offset \(vid) + 64, min_io)")
        return Geometry(pebSize: pebSize, lebSize: pebSize - data, vidHeaderOffset: vid, dataOffset: data,
                        minIOSizeMin: lo, minIOSizeMax: hi, imageSequence: ec0.imageSequence,
                        pebCount: bytes.count / pebSize, derivation: derivation)
    }

    /// Parses a UBI image: every PEB's headers, the volume table, the volumes and the
    /// squashfs superblock of the rootfs volume. Stored CRCs that do not match are left to
    /// the region map, except EC header 0 (the geometry comes from it).
    public static func parse(_ bytes: [UInt8]) throws -> UBILayout {
        let g = try geometry(bytes)
        let ctx = "read UBI image"
        var pebs: [PEB] = []
        pebs.reserveCapacity(g.pebCount)
        for i in 0 ..< g.pebCount {
            let off = i * g.pebSize
            var peb = PEB(index: i, offset: off, ec: nil, vid: nil)
            if bytes[off ..< off + UBIECHeader.size].allSatisfy({ $0 == 0xff }) {
                pebs.append(peb)  // erased
                continue
            }
            let ec = try UBIECHeader(bytes, at: off)
            // A header whose CRC fails is reported, its fields not trusted.
            guard !ec.verifies || Int(ec.vidHeaderOffset) == g.vidHeaderOffset && Int(ec.dataOffset) == g.dataOffset else {
                throw FormatError(.invalid, offset: UInt64(off + 16), context: ctx,
                                  "PEB \(i): vid_hdr_offset/data_offset \(ec.vidHeaderOffset)/\(ec.dataOffset) differ from PEB 0's \(g.vidHeaderOffset)/\(g.dataOffset)")
            }
            guard ec.imageSequence == g.imageSequence || !ec.verifies else {
                throw FormatError(.invalid, offset: UInt64(off + 24), context: ctx,
                                  "PEB \(i): image_seq \(ec.imageSequence) differs from PEB 0's \(g.imageSequence)")
            }
            peb.ec = ec
            let v = off + g.vidHeaderOffset
            if !bytes[v ..< v + UBIVIDHeader.size].allSatisfy({ $0 == 0xff }) {
                let h = try UBIVIDHeader(bytes, at: v)
                guard h.verifies else { peb.vid = h; pebs.append(peb); continue }
                guard h.dataPad < UInt32(g.lebSize) else {
                    throw FormatError(.invalid, offset: UInt64(v + 28), context: ctx, "PEB \(i): data_pad \(h.dataPad) >= LEB size \(g.lebSize)")
                }
                if h.isStatic || h.copyFlag != 0 {
                    guard h.dataSize <= UInt32(g.lebSize) - h.dataPad else {
                        throw FormatError(.invalid, offset: UInt64(v + 20), context: ctx,
                                          "PEB \(i): data_size \(h.dataSize) beyond the usable LEB size \(UInt32(g.lebSize) - h.dataPad)")
                    }
                }
                peb.vid = h
            }
            pebs.append(peb)
        }

        // LEBs by volume, checking for duplicates.
        var byVolume: [UInt32: [UInt32: Int]] = [:]
        for p in pebs {
            guard let h = p.vid, h.verifies else { continue }
            if byVolume[h.volumeID]?[h.lnum] != nil {
                throw FormatError(.unsupported, offset: UInt64(p.offset + g.vidHeaderOffset + 12), context: ctx,
                                  "LEB \(h.lnum) of volume \(h.volumeID) is mapped twice (a flash dump taken during wear-leveling)")
            }
            byVolume[h.volumeID, default: [:]][h.lnum] = p.index
        }

        // The volume table: the first layout copy whose records all verify.
        guard let layout = byVolume[UBIVolumeTable.layoutVolumeID], !layout.isEmpty else {
            throw FormatError(.invalid, offset: UInt64(g.vidHeaderOffset), context: ctx,
                              "no layout volume (vol_id 0x7fffefff) with a valid VID header: no volume table")
        }
        var chosen: (UBIVolumeTable, Int)? = nil
        for lnum in layout.keys.sorted() {
            guard let pi = layout[lnum] else { continue }
            let t = try UBIVolumeTable(bytes, at: pebs[pi].offset + g.dataOffset, lebSize: g.lebSize)
            if chosen == nil || t.records.allSatisfy(\.verifies) && !(chosen?.0.records.allSatisfy(\.verifies) ?? false) {
                chosen = (t, pi)
            }
        }
        guard let (table, tablePEB) = chosen else {
            throw FormatError(.invalid, context: ctx, "no readable volume table")
        }

        var volumes: [Volume] = []
        func lebs(_ id: UInt32, reserved: UInt32?) throws -> [Int] {
            guard let m = byVolume[id] else { return [] }
            var out: [Int] = []
            if let r = reserved, let (lnum, pi) = m.first(where: { $0.key >= r }) {
                throw FormatError(.invalid, offset: UInt64(pebs[pi].offset + g.vidHeaderOffset + 12), context: ctx,
                                  "volume \(id): LEB \(lnum) beyond its reserved_pebs \(r)")
            }
            for lnum in m.keys.sorted() {
                guard let pi = m[lnum] else { continue }
                guard lnum == UInt32(out.count) else { break }  // content stops at the first unmapped LEB
                out.append(pi)
            }
            return out
        }
        func size(_ pebIdx: [Int], usable: Int, isStatic: Bool) -> Int {
            isStatic ? pebIdx.reduce(0) { $0 + Int(pebs[$1].vid?.dataSize ?? 0) } : pebIdx.count * usable
        }
        for r in table.volumes {
            let id = UInt32(r.index)
            let ps = try lebs(id, reserved: r.reservedPEBs)
            let st = r.volumeType == UBIVIDHeader.static
            volumes.append(Volume(id: id, name: r.name, type: st ? "static" : "dynamic", reservedPEBs: r.reservedPEBs,
                                  alignment: r.alignment, dataPad: r.dataPad, autoresize: r.autoresize, pebs: ps,
                                  size: size(ps, usable: g.lebSize - Int(r.dataPad), isStatic: st), lebCount: ps.count))
        }
        for id in byVolume.keys.sorted() where id != UBIVolumeTable.layoutVolumeID && !volumes.contains(where: { $0.id == id }) {
            let ps = try lebs(id, reserved: nil)
            guard let first = ps.first, let h = pebs[first].vid else { continue }
            volumes.append(Volume(id: id, name: "", type: h.isStatic ? "static" : "dynamic", reservedPEBs: 0, alignment: 1,
                                  dataPad: h.dataPad, autoresize: false, pebs: ps,
                                  size: size(ps, usable: g.lebSize - Int(h.dataPad), isStatic: h.isStatic), lebCount: ps.count))
        }

        var l = UBILayout(geometry: g, pebs: pebs, table: table, tablePEB: tablePEB, volumes: volumes,
                          kernelVolume: nil, rootfsVolume: nil, rootfs: nil, kernelLength: nil)
        l.kernelVolume = volumes.firstIndex { $0.name == "kernel" && $0.lebCount > 0 }
        if let k = l.kernelVolume { l.kernelLength = kernelLength(l.content(of: volumes[k], in: bytes, limit: UBILayout.headLength)) }
        l.rootfsVolume = volumes.firstIndex { $0.name == "rootfs" && $0.lebCount > 0 }
            ?? volumes.firstIndex { v in v.lebCount > 0 && SquashfsSpan.matches(l.content(of: v, in: bytes, limit: 96), at: 0) }
        if let ri = l.rootfsVolume {
            let v = volumes[ri]
            let head = l.content(of: v, in: bytes, limit: 96)
            if SquashfsSpan.matches(head, at: 0) {
                do {
                    l.rootfs = try SquashfsSpan(in: l.content(of: v, in: bytes), at: 0, context: "read squashfs superblock")
                } catch var e as FormatError {
                    e.offset = e.offset.map { UInt64(l.fileOffset(in: v, Int($0))) }
                    throw e.within("UBI volume \(v.name) (id \(v.id))")
                }
            }
        }
        if let k = l.kernelVolume, l.kernelLength == nil {
            var c = l.content(of: volumes[k], in: bytes)
            while c.last == 0xff { c.removeLast() }
            l.kernelLength = c.count
        }
        return l
    }

    static let headLength = 64

    /// The length of a uImage (header + ih_size) or FIT (FDT totalsize) from its first
    /// bytes, nil for anything else.
    static func kernelLength(_ head: [UInt8]) -> Int? {
        guard head.count >= 8 else { return nil }
        let be = UBIVIDHeader.u32(head, 4)
        if UImageHeader.matches(head), head.count >= UImageHeader.size {
            return UImageHeader.size + Int(UBIVIDHeader.u32(head, 12))
        }
        if head[0] == 0xd0 && head[1] == 0x0d && head[2] == 0xfe && head[3] == 0xed { return Int(be) }
        return nil
    }

    /// The file offset of byte `o` of volume `v`'s content (past the end: the end of its last LEB).
    public func fileOffset(in v: Volume, _ o: Int) -> Int {
        let u = max(1, usable(v))
        let k = o / u
        guard k < v.pebs.count else {
            return v.pebs.last.map { lebData($0, usable: u).upperBound } ?? 0
        }
        return pebs[v.pebs[k]].offset + geometry.dataOffset + o % u
    }

    /// Usable bytes per LEB of a volume.
    func usable(_ v: Volume) -> Int { geometry.lebSize - Int(v.dataPad) }

    /// The data bytes of one LEB (static: data_size; dynamic: the usable LEB).
    func lebData(_ pebIndex: Int, usable: Int) -> Range<Int> {
        let p = pebs[pebIndex]
        let start = p.offset + geometry.dataOffset
        if let h = p.vid, h.isStatic { return start ..< start + min(Int(h.dataSize), usable) }
        return start ..< start + usable
    }

    /// The volume's data: its LEBs in order (at most `limit` bytes).
    public func content(of v: Volume, in bytes: [UInt8], limit: Int = .max) -> [UInt8] {
        var out: [UInt8] = []
        let u = usable(v)
        out.reserveCapacity(min(limit, v.size))
        for pi in v.pebs where out.count < limit {
            let r = lebData(pi, usable: u)
            let n = min(r.count, limit - out.count)
            out += bytes[r.lowerBound ..< r.lowerBound + n]
        }
        return out
    }

    /// The kernel volume's bytes (uImage or FIT, without the trailing fill).
    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? {
        guard let k = kernelVolume else { return nil }
        let c = content(of: volumes[k], in: bytes, limit: kernelLength ?? .max)
        return c
    }

    /// The rootfs volume's squashfs (`bytes_used` long).
    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? {
        guard let ri = rootfsVolume, let r = rootfs else { return nil }
        return content(of: volumes[ri], in: bytes, limit: Int(r.bytesUsed))
    }

    /// Where each byte of the kernel and rootfs sits in the file: (file offset, length,
    /// "kernel"/"rootfs", offset in the payload), for `unpack`.
    func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
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
                if let t = try? UBIVolumeTable(bytes, at: d, lebSize: g.lebSize) { sums = t.checksums }
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

