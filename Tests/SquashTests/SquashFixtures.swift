import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// Builds the squashfs test tree (hard links, symlinks, fifo, socket, sparse and empty
/// files, one-block and block+1 files, 2,100 small files, long names, 40-deep directories,
/// user and trusted xattrs, odd modes) with python3, and images of it with mksquashfs
/// (devices and ownership from pseudo definitions). Everything lives in one temporary
/// folder keyed by the scripts' hash, reused across runs; nothing is committed.
enum SquashFixtures {
    /// Tools the cross-checks need; tests skip with this reason when one is missing.
    static func require(_ tools: [String]) throws {
        for t in tools where which(t) == nil {
            throw XCTSkip("\(t) is not installed (Debian: squashfs-tools, squashfs-tools-ng, python3)")
        }
    }

    /// Full path of `tool` on PATH (TestEnv.which splits PATH into Character arrays under
    /// Foundation's `split` overload and finds nothing; reported to the lead).
    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.components(separatedBy: ":") + ["/usr/sbin", "/sbin"] where !dir.isEmpty {
            let p = dir + "/" + tool
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs `tool` found on PATH.
    static func run(_ tool: String, _ args: [String], env: [String: String]? = nil) throws -> RunResult {
        try TestSupport.run(which(tool) ?? tool, args, env: env)
    }

    /// One folder per version of the scripts, reused by later runs (the tree is seeded and
    /// the images deterministic), so repeated runs neither rebuild nor leak 250 MB each.
    static let work: String = {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in (treeScript + manifestScript + pseudo).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let dir = NSTemporaryDirectory() + "/imagetool-squash-fixtures-\(getuid())-\(String(h, radix: 16))"
        try? FS.makeDirectories(dir)
        return dir
    }()

    /// The test tree, made once (built beside its final name, then renamed).
    static let tree: Result<String, Error> = Result {
        let dir = work + "/tree"
        try write(treeScript, to: work + "/maketree.py")
        try write(manifestScript, to: work + "/manifest.py")
        try write(pseudo, to: work + "/pseudo.txt")
        if FS.isDirectory(dir) { return dir }
        let tmp = FS.temporarySibling(of: dir)
        let r = try run("python3", [work + "/maketree.py", tmp])
        guard r.status == 0 else { throw FormatError(.io, context: "make test tree", r.err) }
        if rename(tmp, dir) != 0 { try? FS.removeTree(tmp) }
        return dir
    }

    /// Writes scratch bytes without fsync (mutation loops write thousands of files).
    static func scratch(_ bytes: [UInt8], to path: String) throws {
        unlink(path)
        try RandomAccessFile(creating: path).write(bytes, at: 0)
    }

    static func write(_ s: String, to path: String) throws {
        try FS.writeAtomically(Array(s.utf8), to: path)
    }

    /// An image of the test tree made by mksquashfs with `options`, cached by name.
    static func image(_ name: String, _ options: [String]) throws -> String {
        try require(["mksquashfs", "python3"])
        let dir = try tree.get()
        let out = work + "/" + name + ".sqfs"
        if FileManager.default.fileExists(atPath: out) { return out }
        let tmp = FS.temporarySibling(of: out)
        let r = try run("mksquashfs", [dir, tmp, "-noappend", "-quiet", "-no-progress", "-pf", work + "/pseudo.txt"] + options)
        guard r.status == 0 else { throw FormatError(.io, context: "mksquashfs \(options)", r.err + r.out) }
        guard rename(tmp, out) == 0 else { throw FormatError.errno("rename", file: out) }
        return out
    }

    /// A manifest (one line per entry: path + JSON of type, mode, owner, mtime, size,
    /// sha256, link target, device, link count, xattrs) of a directory or tar file.
    static func manifest(dir: String) throws -> [String] {
        try lines(run("python3", [work + "/manifest.py", "dir", dir, "owners"]))
    }

    static func manifest(tar: String) throws -> [String] {
        try lines(run("python3", [work + "/manifest.py", "tar", tar]))
    }

    static func lines(_ r: RunResult) throws -> [String] {
        guard r.status == 0 else { throw FormatError(.io, context: "manifest", r.err) }
        return r.out.split(separator: "\n").map(String.init)
    }

    /// The built imagetool binary, or a skip.
    static func imagetool() throws -> String {
        guard let b = TestEnv.imagetoolBinary else { throw XCTSkip("imagetool binary not built (run swift build first)") }
        return b
    }

    static let pseudo = #"""
dev d 755 0 0
dev/null c 666 0 0 1 3
dev/sda1 b 640 0 6 8 1
dev/bigminor c 600 0 0 259 300
owned.txt m 640 1000 100
many/d03 m 750 65534 65534
"""#

    static let treeScript = #"""
import os, random, socket, sys
root = sys.argv[1]
rng = random.Random(4242)
def rnd(n): return bytes(rng.getrandbits(8) for _ in range(n)) if n < 4096 else rng.randbytes(n)
def w(p, data, mtime=1600000000):
    p = os.path.join(root, p); os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'wb') as f: f.write(data)
    os.utime(p, (mtime, mtime))
os.makedirs(root, exist_ok=True)
w('a.txt', b'hello\n')
w('empty1', b''); w('empty2', b'', 1234567890)
w('oneblock', rnd(131072))
w('blockplus1', rnd(131073))
w('big.bin', rnd(40 * 131072 + 777))
w('text/big.txt', (b'squashfs text line %d\n' * 1) * 0 + b''.join(b'line %08d of compressible text\n' % i for i in range(200000)))
# sparse: zero blocks, data block, zero block, tail
p = os.path.join(root, 'sparse.img')
with open(p, 'wb') as f:
    f.seek(2 * 131072); f.write(rnd(131072)); f.seek(5 * 131072); f.write(rnd(100))
os.utime(p, (1600000001, 1600000001))
w('allzero', bytes(3 * 131072))
# identical multi-block files: mksquashfs stores their blocks once
import shutil
shutil.copyfile(os.path.join(root, 'big.bin'), os.path.join(root, 'dup/big-copy.bin') if os.makedirs(os.path.join(root, 'dup'), exist_ok=True) is None else '')
shutil.copyfile(os.path.join(root, 'blockplus1'), os.path.join(root, 'dup/blockplus1-copy'))
os.utime(os.path.join(root, 'dup/big-copy.bin'), (1600000002, 1600000002))
# hard links
w('hl/one', b'hard linked content\n' * 50)
os.link(os.path.join(root, 'hl/one'), os.path.join(root, 'hl/two'))
os.link(os.path.join(root, 'hl/one'), os.path.join(root, 'three'))
# symlinks
os.symlink('a.txt', os.path.join(root, 'link-rel'))
os.symlink('/etc/passwd', os.path.join(root, 'link-abs'))
os.symlink('does/not/exist', os.path.join(root, 'link-dangling'))
os.symlink('../' * 5 + 'x' * 200, os.path.join(root, 'link-long'))
# fifo, socket
os.mkfifo(os.path.join(root, 'fifo'))
s = socket.socket(socket.AF_UNIX); s.bind(os.path.join(root, 'sock')); s.close()
# many small files (fragments), some duplicates
for i in range(2100):
    n = rng.randrange(0, 3000)
    w('many/d%02d/f%04d' % (i % 20, i), rnd(n) if i % 7 else b'duplicate content\n', 1600000000 + i)
# long names, deep dirs
w('long/' + 'n' * 255, b'long name\n')
w('long/' + 'é' * 127, b'utf8 long name\n')
deep = '/'.join('d%d' % i for i in range(40))
w('deep/' + deep + '/leaf', b'deep\n')
# modes
w('modes/suid', b'#!/bin/sh\n'); os.chmod(os.path.join(root, 'modes/suid'), 0o4755)
w('modes/sgid-dir/x', b'x'); os.chmod(os.path.join(root, 'modes/sgid-dir'), 0o2775)
os.makedirs(os.path.join(root, 'modes/sticky')); os.chmod(os.path.join(root, 'modes/sticky'), 0o1777)
w('modes/none', b'no perms'); os.chmod(os.path.join(root, 'modes/none'), 0o000)
w('owned.txt', b'owned by 1000:100\n')
# xattrs (user namespace; repeated values become out-of-line in the image)
def xa(p, k, v): os.setxattr(os.path.join(root, p), k, v, follow_symlinks=False)
xa('a.txt', 'user.comment', b'hello xattr')
xa('a.txt', 'user.bin', bytes(range(256)))
xa('hl/one', 'user.shared', b'same value')
xa('many', 'user.dir', b'on a directory')
for i in range(0, 2100, 50):
    xa('many/d%02d/f%04d' % (i % 20, i), 'user.shared', b'same value')
xa('big.bin', 'user.large', rnd(3000))
try:
    xa('oneblock', 'trusted.t', b'trusted value')
except OSError:
    pass
# directory mtimes last
for dp, dn, fn in os.walk(root, topdown=False):
    os.utime(dp, (1500000000, 1500000000), follow_symlinks=False)
"""#

    static let manifestScript = #"""
import hashlib, os, stat, sys, tarfile, json
def xattrs(p):
    try: names = os.listxattr(p, follow_symlinks=False)
    except OSError: return {}
    return {n: os.getxattr(p, n, follow_symlinks=False).hex() for n in sorted(names) if not n.startswith('security.selinux')}
def dirmanifest(root, owners):
    out = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for name in [''] + sorted(dn + fn) if dp == root else sorted(dn + fn):
            p = os.path.join(dp, name) if name else dp
            rel = os.path.relpath(p, root)
            st = os.lstat(p)
            t = stat.S_IFMT(st.st_mode)
            rec = {'mode': oct(stat.S_IMODE(st.st_mode)), 'type': t, 'mtime': int(st.st_mtime)}
            if owners: rec['uid'] = st.st_uid; rec['gid'] = st.st_gid
            if not stat.S_ISDIR(st.st_mode): rec['nlink'] = st.st_nlink
            if stat.S_ISREG(st.st_mode):
                rec['size'] = st.st_size
                rec['sha'] = hashlib.sha256(open(p, 'rb').read()).hexdigest()
            if stat.S_ISLNK(st.st_mode): rec['target'] = os.readlink(p)
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode): rec['rdev'] = [os.major(st.st_rdev), os.minor(st.st_rdev)]
            x = xattrs(p)
            if x: rec['xattrs'] = x
            out.append((rel, rec))
    return out
def tarmanifest(path):
    out = []
    with tarfile.open(path) as t:
        for m in t.getmembers():
            name = m.name
            while name.startswith('./'): name = name[2:]
            name = name.rstrip('/') or '.'
            rec = {'mode': oct(m.mode & 0o7777), 'type': m.type.decode(), 'uid': m.uid, 'gid': m.gid, 'mtime': int(m.mtime)}
            if m.isreg(): rec['size'] = m.size; rec['sha'] = hashlib.sha256(t.extractfile(m).read()).hexdigest()
            if m.issym() or m.islnk(): rec['target'] = m.linkname.lstrip('./') if m.islnk() else m.linkname
            if m.ischr() or m.isblk(): rec['rdev'] = [m.devmajor, m.devminor]
            x = {k[len('SCHILY.xattr.'):]: v.encode('utf-8', 'surrogateescape').hex() for k, v in m.pax_headers.items() if k.startswith('SCHILY.xattr.')}
            if x: rec['xattrs'] = dict(sorted(x.items()))
            out.append((name, rec))
    return out
kind = sys.argv[1]
m = dirmanifest(sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == 'owners') if kind == 'dir' else tarmanifest(sys.argv[2])
for name, rec in m: print(name, json.dumps(rec, sort_keys=True))
"""#
}
