import BinaryIO
import Platform

/// Finds squashfs 4.0 images inside a firmware file (`--offset auto`): every "hsqs" magic
/// is a candidate, and a candidate counts only if its superblock validates and all of its
/// tables read (as binwalk and unsquashfs -o would need). Candidates inside an accepted
/// image are skipped.
public enum SuperblockFinder {
    /// Offsets of valid images in `file`, in file order (at most `limit`).
    public static func find(in file: RandomAccessFile, limit: Int = 16) throws -> [UInt64] {
        var found: [UInt64] = []
        let chunk = 1 << 20
        var pos: UInt64 = 0
        var skipUntil: UInt64 = 0
        var tried = 0
        while pos < file.size, found.count < limit, tried < 4096 {
            let n = Int(min(UInt64(chunk + 3), file.size - pos))
            let buf = try file.read(at: pos, count: n, context: "search for squashfs")
            var i = 0
            while i + 4 <= buf.count {
                if Superblock.looksLikeSquashfs(buf, at: i) {
                    let at = pos + UInt64(i)
                    if at >= skipUntil {
                        tried += 1
                        if let img = try? SquashImage(view: try file.view(base: at)) {
                            found.append(at)
                            skipUntil = at + img.superblock.bytesUsed
                            if found.count >= limit { return found }
                        }
                    }
                }
                i += 1
            }
            pos += UInt64(chunk)
        }
        return found
    }

    /// The first image's offset, or an error saying none was found.
    public static func first(in path: String) throws -> UInt64 {
        let f = try withFile(path) { try RandomAccessFile(path: path) }
        guard let o = try find(in: f, limit: 1).first else {
            throw FormatError(.invalid, context: "search for squashfs", "no valid squashfs 4.0 superblock found", file: path)
        }
        return o
    }
}
