#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CSys
import Platform
import Synchronization

/// The data side of `Extractor`: regular files are written by worker threads in batches
/// (squashfs 4.0 data blocks and fragment tails via `DataReader`), big files split into
/// slices written with pwrite into a pre-sized file, and files whose stored data is shared
/// (mksquashfs deduplication) decompressed once and copied.
extension Extractor {
    /// `create`: this job writes the whole file (creates it, writes every block and the tail,
    /// sets its size); `finish`: it then also sets the file's owner, mode, xattrs and time.
    struct Job { var file: Int; var first: Int; var count: Int; var tail: Bool; var create: Bool; var finish = false }

    /// What the workers did beyond the bytes: files they finished (attributes set) and the
    /// xattrs they could not set.
    struct Written { var finished = Set<String>(); var xattrsNotSet: [String] = [] }

    /// How workers set attributes on a file they finished.
    struct Finisher: Sendable { var owners: Bool; var xattrs: Bool; var rootLength: Int }

    /// A unit of work for one worker: consecutive small files that share a fragment block
    /// (so each fragment block is decompressed once, by one worker), or one slice of a big file.
    struct Batch { var jobs: [Job] = []; var blocks = 0; var fragment: UInt64? }

    /// Writes file contents with `parallel` workers; big files are pre-created and split.
    /// Files are taken grouped by the fragment block holding their tail (stable order
    /// otherwise), so each fragment block is decompressed once and only the few blocks the
    /// workers are using are kept: memory stays at a few blocks per worker.
    /// Files written whole by one job and accepted by `finishing` also get their attributes
    /// set by the worker (`rootLength`: bytes of "root/" to drop for names in the report).
    func writeFiles(_ unordered: [(path: String, node: Node)], finishing: (String) -> Bool = { _ in false },
                    rootLength: Int = 0) throws -> Written {
        func fragmentKey(_ f: (path: String, node: Node)) -> UInt64 {
            if case .squashfs(let e) = f.node.content, let fr = e.fragment { return fr.blockStart }
            return .max
        }
        let keys = unordered.map(fragmentKey)
        let files = unordered.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { unordered[$0] }
        var batches: [Batch] = []
        var written = Written()
        var extents: [SquashExtent?] = []
        extents.reserveCapacity(files.count)
        func addSmall(_ job: Job, fragment: UInt64?) {
            if var last = batches.last, last.fragment == fragment, last.blocks + job.count <= Extractor.blocksPerJob,
               last.jobs.count < 256, last.jobs.last?.create == true {
                last.jobs.append(job)
                last.blocks += job.count
                batches[batches.count - 1] = last
            } else {
                batches.append(Batch(jobs: [job], blocks: job.count, fragment: fragment))
            }
        }
        for (i, f) in files.enumerated() {
            var extent: SquashExtent? = nil
            if case .squashfs(let e) = f.node.content { extent = e }
            extents.append(extent)
            let n = extent?.blockSizes.count ?? 0
            if n <= Extractor.blocksPerJob {
                // Written whole by one job (an empty file: just created).
                let finish = finishing(f.path)
                if finish { written.finished.insert(f.path) }
                addSmall(Job(file: i, first: 0, count: n, tail: extent?.fragment != nil, create: true, finish: finish),
                         fragment: extent?.fragment?.blockStart)
            } else if let e = extent {
                let fd = open(f.path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw FormatError.errno("create file", file: f.path) }
                let rc = ftruncate(fd, off_t(e.fileSize))
                close(fd)
                guard rc == 0 else { throw FormatError.errno("set file size", file: f.path) }
                var b = 0
                while b < n {
                    let c = min(Extractor.blocksPerJob, n - b)
                    batches.append(Batch(jobs: [Job(file: i, first: b, count: c, tail: false, create: false)], blocks: c))
                    b += c
                }
                if let fr = e.fragment {
                    batches.append(Batch(jobs: [Job(file: i, first: n, count: 0, tail: true, create: false)], fragment: fr.blockStart))
                }
            }
        }
        let next = Atomic<Int>(0)
        let failure = LockedBox<Error?>(nil)
        let notSet = LockedBox<[String]>([])
        let finisher = Finisher(owners: setOwners, xattrs: setXattrs, rootLength: rootLength)
        let sb = image.superblock
        let data = DataReader(view: image.view, codec: image.codec, blockSize: sb.blockSize, limit: sb.bytesUsed,
                              cachedFragments: 2 * parallel)
        // Largest work first, so the last units to finish are small and neither worker idles
        // long at the end. Batches sharing a fragment block stay adjacent (one group, costed
        // together, a fragment block counting as one block) so the block is still cached.
        var groups: [(cost: Int, batches: [Batch])] = []
        for b in batches {
            if let f = b.fragment, let last = groups.last, last.batches.last?.fragment == f {
                groups[groups.count - 1].batches.append(b)
                groups[groups.count - 1].cost += b.blocks
            } else {
                groups.append((b.blocks + (b.fragment == nil ? 0 : 1), [b]))
            }
        }
        let work = groups.enumerated().sorted {
            $0.element.cost != $1.element.cost ? $0.element.cost > $1.element.cost : $0.offset < $1.offset
        }.flatMap(\.element.batches)
        let ext = extents
        let progress = self.progress
        Workers.run(min(parallel, max(1, work.count)), pin: true) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                if k >= work.count || failure.withLock({ $0 != nil }) { return }
                do {
                    for job in work[k].jobs {
                        let f = files[job.file]
                        let n = try Extractor.run(job, path: f.path, extent: ext[job.file], data: data,
                                                  finish: job.finish ? f.node : nil, how: finisher, notSet: notSet)
                        progress?.add(n)
                    }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        written.xattrsNotSet = notSet.withLock { $0 }
        return written
    }

    /// Runs one job; returns the bytes of file data it wrote.
    static func run(_ job: Job, path: String, extent: SquashExtent?, data: DataReader,
                    finish node: Node?, how: Finisher, notSet: LockedBox<[String]>) throws -> Int {
        let flags = job.create ? (O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC) : (O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw FormatError.errno(job.create ? "create file" : "open file", file: path) }
        defer { close(fd) }
        let n = try write(job, fd: fd, path: path, extent: extent, data: data)
        if let node { try Extractor.finish(fd, path: path, node, how, notSet: notSet) }
        return n
    }

    /// Sets a finished file's owner (as root), mode, xattrs and time through its descriptor,
    /// in the order `setAttributes` uses by path (chown clears set-id bits, so mode after it;
    /// time last).
    static func finish(_ fd: Int32, path: String, _ n: Node, _ how: Finisher, notSet: LockedBox<[String]>) throws {
        if how.owners, fchown(fd, n.uid, n.gid) != 0 { throw FormatError.errno("set owner", file: path) }
        if fchmod(fd, mode_t(n.mode)) != 0 { throw FormatError.errno("set mode", file: path) }
        if how.xattrs {
            for x in n.xattrs {
                let rc = x.value.withUnsafeBytes { csys_fsetxattr(fd, x.name, $0.baseAddress, $0.count) }
                if rc != 0 {
                    let why = String(cString: strerror(errno))
                    let rel = String(decoding: path.utf8.dropFirst(how.rootLength), as: UTF8.self)
                    notSet.withLock { $0.append("\(rel): \(x.name) (\(why))") }
                }
            }
        }
        var times = [timespec(tv_sec: Int(n.mtime), tv_nsec: 0), timespec(tv_sec: Int(n.mtime), tv_nsec: 0)]
        if futimens(fd, &times) != 0 { throw FormatError.errno("set times", file: path) }
    }

    /// Writes one job's blocks and tail; returns the bytes of file data it covers.
    @discardableResult
    static func write(_ job: Job, fd: Int32, path: String, extent: SquashExtent?, data: DataReader) throws -> Int {
        guard let e = extent else { return 0 }
        var covered = 0
        let bs = UInt64(data.blockSize)
        if job.count > 0 {
            let offs = data.blockOffsets(e)
            for i in job.first ..< job.first + job.count {
                let w = e.blockSizes[i]
                let expected = data.length(ofBlock: i, e)
                covered &+= expected
                if w & 0xFF_FFFF == 0 { continue }  // sparse: a hole
                let b = try data.block(at: offs[i], word: w, expected: expected, what: "data block \(i) of \(path)")
                try write(fd, b, at: UInt64(i) * bs, path: path)
            }
        }
        if job.tail {
            let t = try data.tail(of: e)
            try write(fd, t, at: UInt64(e.blockSizes.count) * bs, path: path)
            covered &+= t.count
        }
        if job.create, ftruncate(fd, off_t(e.fileSize)) != 0 { throw FormatError.errno("set file size", file: path) }
        return covered
    }

    /// Identity of a file's stored data (same blocks and tail = same bytes).
    struct ExtentKey: Hashable {
        var start: UInt64, size: UInt64, blocks: Int, fragment: UInt64?, fragmentOffset: UInt32?
        init(_ e: SquashExtent) {
            start = e.blocksStart; size = e.fileSize; blocks = e.blockSizes.count
            fragment = e.fragment?.blockStart; fragmentOffset = e.fragment?.offset
        }
    }

    /// Copies a file we wrote to a new file (O_EXCL, O_NOFOLLOW); all-zero chunks are left
    /// as holes, as the original's sparse blocks were.
    static func copy(from: String, to: String) throws {
        let src = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard src >= 0 else { throw FormatError.errno("open", file: from) }
        defer { close(src) }
        let dst = open(to, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard dst >= 0 else { throw FormatError.errno("create file", file: to) }
        defer { close(dst) }
        var st = stat()
        guard fstat(src, &st) == 0, ftruncate(dst, st.st_size) == 0 else { throw FormatError.errno("copy", file: to) }
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var off: off_t = 0
        while off < st.st_size {
            let n = try buf.withUnsafeMutableBytes { try FileDescriptor.read(src, into: $0, at: UInt64(off), file: from) }
            if n == 0 { break }
            if buf[0 ..< n].contains(where: { $0 != 0 }) {
                try write(dst, Array(buf[0 ..< n]), at: UInt64(off), path: to)
            }
            off += off_t(n)
        }
    }

    static func write(_ fd: Int32, _ bytes: [UInt8], at offset: UInt64, path: String) throws {
        try bytes.withUnsafeBytes { try FileDescriptor.write(fd, $0, at: offset, file: path) }
    }
}
