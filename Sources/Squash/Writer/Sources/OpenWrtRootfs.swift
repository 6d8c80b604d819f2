/// What OpenWrt adds to every squashfs rootfs it builds besides the files: the device
/// nodes the kernel needs before devtmpfs is mounted. include/image.mk passes
/// `-pf $(call mkfs_pseudo_file)` with `/dev d 755 0 0` and `/dev/console c 600 0 0 5 1`
/// (OpenWrt commit "build: add /dev/console to squashfs images").
public enum OpenWrtRootfs {
    /// The pseudo definitions (`-pf` lines `/dev d 755 0 0` and `/dev/console c 600 0 0 5 1`).
    public static var pseudoDefinitions: PseudoDefinitions {
        var p = PseudoDefinitions()
        p.definitions = [
            .init(path: "dev", type: "d", mode: 0o755, uid: 0, gid: 0, extra: []),
            .init(path: "dev/console", type: "c", mode: 0o600, uid: 0, gid: 0, extra: ["5", "1"]),
        ]
        return p
    }
}
