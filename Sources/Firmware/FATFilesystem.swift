import BinaryIO

/// A read-only FAT12/16/32 filesystem (Microsoft "FAT: General Overview of On-Disk Format"
/// 1.03: BIOS parameter block in sector 0, FAT type from the cluster count, 32-byte
/// directory entries with VFAT long-name entries before their short entry). OpenWrt's
/// x86 EFI images make the boot partition with `mkfs.fat` and fill it with mtools
/// (scripts/gen_image_generic.sh); imagetool only reads `/boot/vmlinuz` from it.
public struct FATFilesystem {
    /// Reads `count` bytes at a partition-relative offset.
    public typealias Reader = (Int, Int) throws -> [UInt8]

    let read: Reader
    /// Partition offset on the disk, for error messages.
    public let offset: UInt64
    let bytesPerSector: Int
    let sectorsPerCluster: Int
    let fatOffset: Int
    let rootOffset: Int
    let rootEntries: Int
    let rootCluster: UInt32
    let dataOffset: Int
    let clusterCount: Int
    /// 12, 16 or 32.
    public let bits: Int
    let partitionSize: Int

    /// Whether `sector0` looks like a FAT boot sector (jump, 0x55AA, sane BPB).
    public static func matches(_ s: [UInt8]) -> Bool {
        guard s.count >= 512, s[510] == 0x55, s[511] == 0xaa, s[0] == 0xeb || s[0] == 0xe9 else { return false }
        let bps = Int(s[11]) | Int(s[12]) << 8
        let spc = Int(s[13])
        return [512, 1024, 2048, 4096].contains(bps) && spc > 0 && spc & (spc - 1) == 0 && s[16] >= 1 && (Int(s[14]) | Int(s[15]) << 8) >= 1
    }

    /// Parses the BPB of a partition of `size` bytes read through `read`.
    public init(size: Int, offset: UInt64, read: @escaping Reader) throws {
        self.read = read; self.offset = offset; partitionSize = size
        let s0 = try read(0, 512)
        guard FATFilesystem.matches(s0) else {
            throw FormatError(.invalid, offset: offset, context: "read FAT boot sector", "no FAT BIOS parameter block")
        }
        var r = ByteReader(s0, fileOffset: offset, context: "read FAT boot sector")
        try r.seek(to: 11)
        bytesPerSector = Int(try r.u16le("BytsPerSec"))
        sectorsPerCluster = Int(try r.u8("SecPerClus"))
        let reserved = Int(try r.u16le("RsvdSecCnt"))
        let fats = Int(try r.u8("NumFATs"))
        rootEntries = Int(try r.u16le("RootEntCnt"))
        let tot16 = Int(try r.u16le("TotSec16"))
        try r.skip(1)
        let fat16 = Int(try r.u16le("FATSz16"))
        try r.seek(to: 32)
        let tot32 = Int(try r.u32le("TotSec32"))
        let fat32 = Int(try r.u32le("FATSz32"))
        try r.seek(to: 44)
        let rootClus = try r.u32le("RootClus")
        let fatSize = fat16 != 0 ? fat16 : fat32
        let total = tot16 != 0 ? tot16 : tot32
        let rootSectors = (rootEntries * 32 + bytesPerSector - 1) / bytesPerSector
        let firstData = reserved + fats * fatSize + rootSectors
        guard fatSize > 0, total > firstData, total * bytesPerSector <= size else {
            throw FormatError(.invalid, offset: offset + 19, context: "read FAT boot sector",
                              "\(total) sectors (data from sector \(firstData)) do not fit the \(size)-byte partition")
        }
        clusterCount = (total - firstData) / sectorsPerCluster
        bits = clusterCount < 4085 ? 12 : clusterCount < 65525 ? 16 : 32
        fatOffset = reserved * bytesPerSector
        rootOffset = (reserved + fats * fatSize) * bytesPerSector
        dataOffset = firstData * bytesPerSector
        rootCluster = bits == 32 ? rootClus : 0
    }

    var clusterBytes: Int { bytesPerSector * sectorsPerCluster }

    func next(_ cluster: UInt32) throws -> UInt32? {
        let n = Int(cluster)
        let end: UInt32
        let v: UInt32
        switch bits {
        case 12:
            let b = try read(fatOffset + n + n / 2, 2)
            let w = UInt32(b[0]) | UInt32(b[1]) << 8
            v = n & 1 == 1 ? w >> 4 : w & 0xfff
            end = 0xff8
        case 16:
            let b = try read(fatOffset + 2 * n, 2)
            v = UInt32(b[0]) | UInt32(b[1]) << 8
            end = 0xfff8
        default:
            let b = try read(fatOffset + 4 * n, 4)
            v = (UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24) & 0x0fff_ffff
            end = 0x0fff_fff8
        }
        if v >= end { return nil }
        guard v >= 2, Int(v) < clusterCount + 2 else {
            throw FormatError(.invalid, offset: offset + UInt64(fatOffset), context: "read FAT",
                              "cluster \(cluster) links to \(v), outside 2...\(clusterCount + 1)")
        }
        return v
    }

    /// The bytes of a cluster chain (a directory when `limit` is nil, else at most `limit`).
    func chain(_ first: UInt32, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var c: UInt32? = first
        var steps = 0
        while let cl = c, out.count < limit {
            guard cl >= 2, Int(cl) < clusterCount + 2 else {
                throw FormatError(.invalid, offset: offset, context: "read FAT file", "cluster \(cl) outside 2...\(clusterCount + 1)")
            }
            steps += 1
            guard steps <= clusterCount else {
                throw FormatError(.invalid, offset: offset + UInt64(fatOffset), context: "read FAT", "cluster chain loops")
            }
            out += try read(dataOffset + (Int(cl) - 2) * clusterBytes, min(clusterBytes, limit - out.count))
            c = try next(cl)
        }
        return out
    }

    /// One directory entry.
    struct Entry { var name: String; var isDirectory: Bool; var cluster: UInt32; var size: Int }

    func entries(_ raw: [UInt8]) -> [Entry] {
        var out: [Entry] = []
        var long: [UInt16] = []
        var k = 0
        while k + 32 <= raw.count {
            let e = raw[k ..< k + 32]
            let b = e.startIndex
            k += 32
            if e[b] == 0 { break }
            if e[b] == 0xe5 { long = []; continue }
            let attr = e[b + 11]
            if attr & 0x3f == 0x0f {
                var part: [UInt16] = []
                for o in [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30] {
                    let u = UInt16(e[b + o]) | UInt16(e[b + o + 1]) << 8
                    if u == 0 || u == 0xffff { break }
                    part.append(u)
                }
                long = e[b] & 0x40 != 0 ? part : part + long
                continue
            }
            if attr & 0x08 != 0 { long = []; continue }
            var name: String
            if !long.isEmpty {
                name = String(decoding: long, as: UTF16.self)
            } else {
                let base = String(decoding: e[b ..< b + 8], as: UTF8.self).trimmingSpaces()
                let ext = String(decoding: e[b + 8 ..< b + 11], as: UTF8.self).trimmingSpaces()
                name = ext.isEmpty ? base : base + "." + ext
            }
            long = []
            let hi = UInt32(e[b + 20]) | UInt32(e[b + 21]) << 8
            let lo = UInt32(e[b + 26]) | UInt32(e[b + 27]) << 8
            let size = Int(e[b + 28]) | Int(e[b + 29]) << 8 | Int(e[b + 30]) << 16 | Int(e[b + 31]) << 24
            out.append(Entry(name: name, isDirectory: attr & 0x10 != 0, cluster: (bits == 32 ? hi << 16 : 0) | lo, size: size))
        }
        return out
    }

    /// The contents of the file at `path` (names compared case-insensitively), or nil.
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        let maxDir = 4 << 20
        var dir: [UInt8] = bits == 32 ? try chain(rootCluster, limit: maxDir) : try read(rootOffset, rootEntries * 32)
        let comps = path.split(separator: "/").map { $0.lowercased() }
        for (i, c) in comps.enumerated() {
            guard let e = entries(dir).first(where: { $0.name.lowercased() == c }) else { return nil }
            if i == comps.count - 1 {
                guard !e.isDirectory else { return nil }
                try Checked.limit(UInt64(e.size), UInt64(limit), "file size", context: "read FAT file \(path)")
                if e.size == 0 { return [] }
                let data = try chain(e.cluster, limit: e.size)
                guard data.count == e.size else {
                    throw FormatError(.truncated, offset: offset, context: "read FAT file \(path)", "cluster chain holds \(data.count) of \(e.size) bytes")
                }
                return data
            }
            guard e.isDirectory else { return nil }
            dir = try chain(e.cluster, limit: maxDir)
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
