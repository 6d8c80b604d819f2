import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// A small file system for a command's output, so that a disk really fills part-way: a
/// tmpfs mounted on a fresh folder (`mount -t tmpfs -o size=N`, needs root), filled to leave
/// a chosen number of free bytes; where mounting is refused (or FAULT_FORCE_FSIZE=1) a
/// plain folder, with the command run under `prlimit --fsize=N` so that any write past N
/// bytes of one file fails with EFBIG. Which one is used is printed, never skipped.
final class SmallFS {
    enum Mode: String {
        case tmpfs = "tmpfs"
        case fsize = "prlimit --fsize (EFBIG)"
    }

    /// The mount point (or plain folder).
    let root: String
    let mode: Mode
    /// Where outputs go (below `root`; `root` also holds the filler file).
    var work: String { root + "/work" }
    var filler: String { root + "/filler" }
    static let page: UInt64 = 4096

    init(tag: String, size: UInt64) throws {
        root = TestEnv.tempDir("imagetool-fault-\(tag)")
        var why = ""
        if ProcessInfo.processInfo.environment["FAULT_FORCE_FSIZE"] == "1" {
            why = "FAULT_FORCE_FSIZE=1"
        } else if let mount = ["/usr/bin/mount", "/bin/mount"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = try TestSupport.run(mount, ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "imagetool-fault", root])
            if r.status != 0 { why = "mount refused: " + r.err.trimmingCharacters(in: .whitespacesAndNewlines) }
        } else {
            why = "no mount command"
        }
        mode = why.isEmpty ? .tmpfs : .fsize
        print("SmallFS \(tag): \(mode == .tmpfs ? "tmpfs of \(size) bytes on \(root)" : "\(why); falling back to prlimit --fsize on \(root)")")
        try FS.makeDirectories(work)
    }

    /// Unmounts (when mounted) and removes the folder.
    func remove() {
        if mode == .tmpfs {
            let umount = ["/usr/bin/umount", "/bin/umount"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "umount"
            _ = try? TestSupport.run(umount, [root])
        }
        try? FS.removeTree(root)
    }

    /// Free bytes (statvfs f_bavail x f_frsize).
    func freeBytes() -> UInt64 {
        var s = statvfs()
        guard statvfs(root, &s) == 0 else { return 0 }
        return UInt64(s.f_bavail) * UInt64(s.f_frsize)
    }

    /// tmpfs: a filler file takes all free space but `bytes` (rounded down to pages).
    func fill(leaving bytes: UInt64) throws {
        clearFiller()
        guard mode == .tmpfs else { return }
        let want = bytes / Self.page * Self.page
        let free = freeBytes()
        guard free > want else { return }
        let fd = open(filler, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw FormatError.errno("create filler", file: filler) }
        defer { close(fd) }
        let rc = posix_fallocate(fd, 0, off_t(free - want))
        guard rc == 0 else { throw FormatError(.io, context: "fill", "posix_fallocate: \(rc)", file: filler) }
        let left = freeBytes()
        XCTAssertEqual(left, want, "the filler left \(left) bytes free, not \(want)")
    }

    func clearFiller() { unlink(filler) }

    /// Empties `work`.
    func clearWork() throws {
        for name in try FS.list(work) { try FS.removeTree(work + "/" + name) }
    }

    /// The command line that runs `args` with the fault: as is on tmpfs (the filler makes the
    /// space short), under `prlimit --fsize=limit` otherwise.
    func command(_ bin: String, _ args: [String], limit: UInt64) -> (String, [String]) {
        switch mode {
        case .tmpfs: return (bin, args)
        case .fsize:
            // The limit applies to every file the command writes, so its stderr must be a
            // pipe (the test runner collects it in a file): through cat, which runs unlimited.
            return ("/bin/bash", ["-c", "set -o pipefail; \"$@\" 2>&1 >/dev/null | cat >&2", "fault",
                                  "/usr/bin/prlimit", "--fsize=\(limit)", bin] + args)
        }
    }

    /// The error text a write failing on this file system carries (strerror).
    var errorText: String { mode == .tmpfs ? "No space left on device" : "File too large" }
}

/// One row of the closing table: command x fault -> outcome, with counts.
struct FaultRow: CustomStringConvertible {
    var command: String
    var fault: String
    var runs = 0
    var failedCleanly = 0
    var completed = 0
    var lost = 0
    /// Replaces the outcome column when set.
    var note: String? = nil
    var description: String {
        "| \(command) | \(fault) | \(runs) | \(note ?? "\(failedCleanly) failed cleanly (1 line, exit 1), \(completed) completed") | "
            + (lost == 0 ? "nothing lost" : "\(lost) LOST") + " |"
    }
}

enum Faults {
    /// Seed for a test's fault points: FAULT_SEED, else the time (printed for replay).
    static func seed(_ name: String) -> UInt64 {
        let s = ProcessInfo.processInfo.environment["FAULT_SEED"].flatMap { UInt64($0) } ?? UInt64(UInt32(truncatingIfNeeded: time(nil)))
        print("\(name): seed \(s) (FAULT_SEED=\(s) replays)")
        return s
    }

    /// Seeded runs per command and fault (FAULT_RUNS, default 4).
    static var runs: Int { ProcessInfo.processInfo.environment["FAULT_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? 4 }

    /// Copies `from` (a folder) into `to` preserving modes (cp -a).
    static func copyTree(_ from: String, into to: String) throws {
        try FS.makeDirectories(to)
        let r = try TestSupport.run("/bin/cp", ["-a", from + "/.", to + "/"])
        guard r.status == 0 else { throw FormatError(.io, context: "cp -a", r.err, file: from) }
    }

    /// Every regular file below `dir`: (device, inode) -> allocated size rounded up to pages.
    static func inodes(_ dir: String) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return out }
        for case let rel as String in e {
            var st = stat()
            guard lstat(dir + "/" + rel, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let size = UInt64(max(0, st.st_size))
            out["\(st.st_dev):\(st.st_ino)"] = (size + SmallFS.page - 1) / SmallFS.page * SmallFS.page
        }
        return out
    }

    /// Largest regular file below `dir` among `inodes` not in `old`.
    static func largestNew(_ dir: String, old: Set<String>) -> UInt64 {
        var best: UInt64 = 0
        guard let e = FileManager.default.enumerator(atPath: dir) else { return 0 }
        for case let rel as String in e {
            var st = stat()
            guard lstat(dir + "/" + rel, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, !old.contains("\(st.st_dev):\(st.st_ino)") else { continue }
            best = max(best, UInt64(max(0, st.st_size)))
        }
        return best
    }
}
