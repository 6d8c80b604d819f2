import BinaryIO
import Codecs

/// Picks the xz BCJ filter for a tree from the ELF header (e_machine, at byte 18, in the
/// byte order EI_DATA names) of its first executable file in tree order — the "auto" of
/// `--xz-bcj`, matching OpenWrt's choice of `-Xbcj x86` / `-Xbcj arm` per target
/// (include/image.mk). MIPS and others have no BCJ filter.
public enum ELFArchitecture {
    /// The filter for the first ELF file found (at most `probe` files are opened), or nil.
    public static func bcjFilter(for tree: Tree, probe: Int = 64) -> LZMA.BCJ? {
        var result: LZMA.BCJ?
        var found = false
        var tried = 0
        tree.walk { _, n in
            guard !found, tried < probe, n.kind == .file, n.mode & 0o111 != 0, n.size >= 20 else { return }
            tried += 1
            guard let h = try? ContentReader(n.content, blockSize: 4096, path: n.name).read(at: 0, count: 20),
                  h[0] == 0x7F, h[1] == 0x45, h[2] == 0x4C, h[3] == 0x46 else { return }
            found = true
            let machine = h[5] == 2 ? UInt16(h[18]) << 8 | UInt16(h[19]) : UInt16(h[19]) << 8 | UInt16(h[18])
            switch machine {
            case 3, 62: result = .x86         // EM_386, EM_X86_64
            case 40: result = .arm            // EM_ARM
            case 20, 21: result = .powerpc    // EM_PPC, EM_PPC64
            case 2, 18, 43: result = .sparc   // EM_SPARC, EM_SPARC32PLUS, EM_SPARCV9
            case 50: result = .ia64
            default: result = nil
            }
        }
        return result
    }
}
