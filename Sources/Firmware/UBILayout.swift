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
}

extension UBILayout {
    /// Parses a UBI image: every PEB's headers, the volume table, the volumes and the
    /// squashfs superblock of the rootfs volume. Stored CRCs that do not match are left to
    /// the region map, except EC header 0 (the geometry comes from it).
    public init(parsing bytes: [UInt8]) throws {
        let g = try Self.geometry(bytes)
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
            let ec = try UBIECHeader(parsing: bytes, at: off)
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
                let h = try UBIVIDHeader(parsing: bytes, at: v)
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
            let t = try UBIVolumeTable(parsing: bytes, at: pebs[pi].offset + g.dataOffset, lebSize: g.lebSize)
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
        if let k = l.kernelVolume { l.kernelLength = Self.kernelLength(l.content(of: volumes[k], in: bytes, limit: UBILayout.headLength)) }
        l.rootfsVolume = volumes.firstIndex { $0.name == "rootfs" && $0.lebCount > 0 }
            ?? volumes.firstIndex { v in v.lebCount > 0 && SquashfsSpan.matches(l.content(of: v, in: bytes, limit: 96), at: 0) }
        if let ri = l.rootfsVolume {
            let v = volumes[ri]
            let head = l.content(of: v, in: bytes, limit: 96)
            if SquashfsSpan.matches(head, at: 0) {
                do {
                    l.rootfs = try SquashfsSpan(parsing: l.content(of: v, in: bytes), at: 0, context: "read squashfs superblock")
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
        self = l
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
}

extension FirmwareImage.Kind {
    /// UBI image made by ubinize (NAND `*-factory.ubi`: kernel, rootfs, rootfs_data volumes).
    public static let ubi = FirmwareImage.Kind(rawValue: "ubi")
}

extension UBILayout: FirmwareFamily {
    public static var familyDescription: String { "UBI" }

    public static func detect(_ bytes: [UInt8]) throws -> UBILayout? {
        matches(bytes) ? try UBILayout(parsing: bytes) : nil
    }

    public var kind: FirmwareImage.Kind { .ubi }

    public var missingKernel: String { "the UBI image has no kernel volume (the kernel is in another flash partition)" }

    /// Split across LEBs: never stored contiguously.
    public var rootfsFileOffset: UInt64? { nil }

    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        try rebuildBody(bytes, rootfs: newRoot, kernel: newKernel, warnings: &warnings)
    }

    /// The geometry and volumes, and the kernel volume's uImage header.
    public func describe(into report: inout ImageReport, bytes: [UInt8]) {
        report.ubi = ImageReport.UBI(geometry: geometry, volumes: volumes, kernelVolume: kernelVolume.map { volumes[$0].name },
                                     rootfsVolume: rootfsVolume.map { volumes[$0].name })
        if let u = kernelImage(in: bytes), UImageHeader.matches(u) {
            var r = ByteReader(u, context: "read uImage header")
            if let h = try? UImageHeader(parsing: &r) { report.uimage = ImageReport.UImage(h) }
        }
    }
}
