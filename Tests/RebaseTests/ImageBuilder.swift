import Foundation
import TestSupport

/// Builds "fixture-style" OpenWrt NOR sysupgrade images for tests with independent tools
/// only: a stand-in kernel (banner, optional IKCONFIG) compressed by `xz --format=lzma`,
/// wrapped by `mkimage`, padded to 64 KiB, then a rootfs made by `mksquashfs` with an opkg
/// status file naming the kernel package, then 0xff padding and the `deadc0de` marker.
enum ImageBuilder {
    struct Spec {
        var release: String
        var kernelPackageVersion: String
        var arch: String
        var config: String? = nil
        var modules: [String: Data] = [:]  // file name -> .ko bytes, placed in /lib/modules/<release>/
    }

    static func sh(_ cmd: String, cwd: String) throws {
        let r = try run("/bin/bash", ["-c", cmd], cwd: cwd)
        guard r.status == 0 else { throw NSError(domain: "ImageBuilder", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: "\(cmd): \(r.err)"]) }
    }

    static func make(_ spec: Spec, in dir: String, name: String = "image.bin") throws -> String {
        let fm = FileManager.default
        let work = dir + "/build-" + name
        try fm.createDirectory(atPath: work + "/root/usr/lib/opkg/info", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: work + "/root/lib/modules/\(spec.release)", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: work + "/root/etc/opkg/keys", withIntermediateDirectories: true)
        let status = """
        Package: kernel
        Version: \(spec.kernelPackageVersion)
        Status: install user installed
        Architecture: \(spec.arch)
        Installed-Time: 1700000000

        Package: base-files
        Version: 1-r1
        Depends: libc
        Status: install user installed
        Architecture: \(spec.arch)
        Installed-Time: 1700000000


        """
        try status.write(toFile: work + "/root/usr/lib/opkg/status", atomically: true, encoding: .utf8)
        for (n, b) in spec.modules { try b.write(to: URL(fileURLWithPath: work + "/root/lib/modules/\(spec.release)/\(n)")) }
        var payload = Data(repeating: 0x90, count: 4096)
        payload.append(Data("Linux version \(spec.release) (test@imagetool) (gcc) #1 SMP\n\0".utf8))
        if let config = spec.config {
            try config.write(toFile: work + "/config", atomically: true, encoding: .utf8)
            try sh("gzip -9n -c config > config.gz", cwd: work)
            payload.append(Data("IKCFG_ST".utf8))
            payload.append(try Data(contentsOf: URL(fileURLWithPath: work + "/config.gz")))
            payload.append(Data("IKCFG_ED".utf8))
        }
        payload.append(Data(repeating: 0, count: 4096))
        try payload.write(to: URL(fileURLWithPath: work + "/vmlinux"))
        try sh("xz --format=lzma -9 -c vmlinux > vmlinux.lzma && mkimage -A x86 -O linux -T kernel -C lzma -a 0x1000000 -e 0x1000000 -n 'OpenWrt Linux-\(spec.release)' -d vmlinux.lzma kernel.uImage >/dev/null", cwd: work)
        try sh("mksquashfs root root.sqfs -comp xz -b 256k -root-owned -noappend -nopad -all-time 1700000000 -mkfs-time 1700000000 -quiet -no-progress >/dev/null", cwd: work)
        // kernel padded to 64 KiB, squashfs, 0xff to the next 64 KiB, deadc0de.
        try sh("""
        set -e
        cp kernel.uImage img; ks=$(stat -c %s img); pad=$(( (65536 - ks % 65536) % 65536 ))
        head -c $pad /dev/zero >> img; cat root.sqfs >> img; s=$(stat -c %s img); pad=$(( (65536 - s % 65536) % 65536 ))
        head -c $pad /dev/zero | tr '\\0' '\\377' >> img; printf '\\xde\\xad\\xc0\\xde' >> img
        """, cwd: work)
        let out = dir + "/" + name
        try? fm.removeItem(atPath: out)
        try fm.moveItem(atPath: work + "/img", toPath: out)
        try? fm.removeItem(atPath: work)
        return out
    }
}
