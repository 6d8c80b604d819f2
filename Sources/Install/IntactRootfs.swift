import BinaryIO
import Firmware
import Squash

/// The check `install` makes before it rewrites a rootfs: the whole tree reads and every
/// file's data decompresses. Repacking copies unchanged compressed blocks as they are, so a
/// damaged block would otherwise be carried into the new image unnoticed; `inspect` names
/// the damage, `rebase` (which only reads) goes on with a warning, `install` refuses.
enum IntactRootfs {
    /// The tree of `squash`, or a refusal (exit 3) naming what is damaged.
    static func require(_ squash: SquashImage, file: String) throws -> Tree {
        let tree: Tree
        do {
            tree = try squash.readTree()
        } catch let e as FormatError {
            throw FormatError(.refused, context: "install",
                              "the rootfs is damaged (\(e.located)); install rewrites it and refuses a damaged one", file: file)
        }
        let bad = SquashRootfs(image: squash, tree: tree).unreadableFiles(limit: 3)
        if !bad.isEmpty {
            throw FormatError(.refused, context: "install",
                              "the rootfs is damaged: \(bad.joined(separator: "; ")); install rewrites it and refuses a damaged one", file: file)
        }
        return tree
    }
}
