/// Rebuilds OpenWrt's `.config.set` from `.config.target` and `.config.override` the way
/// include/kernel-defaults.mk does:
/// `kconfig.pl 'm+' '+' .config.target /dev/null .config.override`, then
/// `Kernel/SetNoInitramfs` drops every line containing `INITRAMFS` and appends fixed lines
/// [openwrt/openwrt scripts/kconfig.pl load_config/set_config/config_add/dump_config;
/// include/kernel-defaults.mk].
public enum ConfigSet {
    /// What `Kernel/SetNoInitramfs` appends (it changed across OpenWrt releases).
    public enum InitramfsTail: String, Sendable, CaseIterable {
        /// Nothing removed or appended (an initramfs build, or to see kconfig.pl's raw output).
        case none
        /// Older releases: `CONFIG_INITRAMFS_SOURCE=""` only.
        case sourceOnly = "source-only"
        /// Current releases: `CONFIG_INITRAMFS_SOURCE=""`, `# CONFIG_INITRAMFS_FORCE is not set`,
        /// `# CONFIG_INITRAMFS_PRESERVE_MTIME is not set`.
        case current

        var lines: [String] {
            switch self {
            case .none: return []
            case .sourceOnly: return ["CONFIG_INITRAMFS_SOURCE=\"\""]
            case .current:
                return ["CONFIG_INITRAMFS_SOURCE=\"\"", "# CONFIG_INITRAMFS_FORCE is not set",
                        "# CONFIG_INITRAMFS_PRESERVE_MTIME is not set"]
            }
        }
    }

    /// kconfig.pl's `load_config`: a name -> value map ("#undef" for "is not set").
    /// With `modPlus` (the right operand of `m+`), a later line replaces an earlier one
    /// only if the earlier was "#undef" or the new value is "y".
    static func load(_ text: [UInt8], modPlus: Bool) -> [String: String] {
        var map: [String: String] = [:]
        for raw in KernelConfig(bytes: text).rawLines {
            let pair: (String, String)?
            if let (n, v) = KernelConfig.splitAssignment(raw) { pair = (n, v) }
            else if let n = KernelConfig.notSetName(raw) { pair = (n, "#undef") }
            else { pair = nil }
            guard let (name, value) = pair else { continue }
            if let old = map[name], modPlus, old != "#undef", value != "y" { continue }
            map[name] = value
        }
        return map
    }

    /// Perl truthiness of a hash value: undefined, "" and "0" are false.
    static func perlTrue(_ v: String?) -> Bool { v != nil && v != "" && v != "0" }

    /// The `m+` merge: target values, then override values except where the current value
    /// is "y" or the override says "#undef" (so an override never lowers y or m).
    public static func merge(target: [UInt8], override: [UInt8]) -> [String: String] {
        var config = load(target, modPlus: false)
        for (name, value) in load(override, modPlus: true) {
            if perlTrue(config[name]) {
                if config[name] == "y" || value == "#undef" { continue }
            }
            config[name] = value
        }
        return config
    }

    /// kconfig.pl's `dump_config`: names sorted bytewise, `# CONFIG_X is not set` for
    /// "#undef" and "n", else `CONFIG_X=value`; each line ends in `\n`.
    static func dump(_ config: [String: String]) -> [String] {
        config.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            let v = config[name] ?? "#undef"
            return v == "#undef" || v == "n" ? "# CONFIG_\(name) is not set" : "CONFIG_\(name)=\(v)"
        }
    }

    /// The `.config.set` bytes for a target and override, with the chosen initramfs tail.
    public static func reconstruct(target: [UInt8], override: [UInt8], tail: InitramfsTail = .current) -> [UInt8] {
        var lines = dump(merge(target: target, override: override))
        if tail != .none {
            lines.removeAll { $0.contains("INITRAMFS") }
            lines.append(contentsOf: tail.lines)
        }
        var out: [UInt8] = []
        for l in lines { out.append(contentsOf: l.utf8); out.append(0x0A) }
        return out
    }
}
