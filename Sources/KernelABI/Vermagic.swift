import BinaryIO
import Digests

/// OpenWrt's kernel package hash ("vermagic") from include/kernel-defaults.mk:
/// `grep '=[ym]' .config.set | LC_ALL=C sort | mkhash md5 > .vermagic` [openwrt/openwrt
/// include/kernel-defaults.mk Kernel/Configure/Default; scripts/mkhash.c].
public enum Vermagic {
    /// The lines the rule hashes: every line *containing* `=y` or `=m` anywhere (grep's
    /// unanchored match), byte-sorted (`LC_ALL=C sort`), duplicates kept.
    public static func classicLines(_ config: KernelConfig) -> [[UInt8]] {
        var picked: [[UInt8]] = []
        for line in config.rawLines where containsYM(line) { picked.append(line) }
        picked.sort { $0.lexicographicallyPrecedes($1) }
        return picked
    }

    /// The exact bytes md5 sees: the selected lines, each ending in `\n`.
    public static func classicInput(_ config: KernelConfig) -> [UInt8] {
        var out: [UInt8] = []
        for line in classicLines(config) {
            out.append(contentsOf: line)
            out.append(0x0A)
        }
        return out
    }

    /// The classic vermagic: md5 of `classicInput`, 32 lowercase hex digits.
    public static func classic(_ config: KernelConfig) -> String {
        Hex.encode(Digest.md5(classicInput(config)))
    }

    /// Whether `line` contains `=y` or `=m`.
    @inline(__always)
    static func containsYM(_ line: [UInt8]) -> Bool {
        guard line.count >= 2 else { return false }
        for i in 0 ..< line.count - 1 where line[i] == 0x3D {
            let c = line[i + 1]
            if c == 0x79 || c == 0x6D { return true }
        }
        return false
    }
}
