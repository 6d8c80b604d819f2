/// Field numbers (1-based object slots) of apk's v3 schemas as OpenWrt 25.x writes them
/// [alpinelinux/apk-tools: src/apk_adb.h ADBI_*, src/apk_adb.c schema_*].
public enum ApkSchema {
    /// Dependency object: name, version, match mask.
    public enum Dep {
        /// Dependency fields.
        public static let name = 1, version = 2, match = 3
    }

    /// Package info (`pkginfo`), shared by packages and index entries.
    public enum Info {
        /// pkginfo fields 1-6.
        public static let name = 1, version = 2, hashes = 3, description = 4, arch = 5, license = 6
        /// pkginfo fields 7-11.
        public static let origin = 7, maintainer = 8, url = 9, repoCommit = 10, buildTime = 11
        /// pkginfo fields 12-15.
        public static let installedSize = 12, fileSize = 13, providerPriority = 14, depends = 15
        /// pkginfo fields 16-21.
        public static let provides = 16, replaces = 17, installIf = 18, recommends = 19, layer = 20, tags = 21
        /// Field names in slot order, as `apk adbdump` prints them.
        public static let names = ["name", "version", "hashes", "description", "arch", "license", "origin",
                                   "maintainer", "url", "repo-commit", "build-time", "installed-size", "file-size",
                                   "provider-priority", "depends", "provides", "replaces", "install-if",
                                   "recommends", "layer", "tags"]
    }

    /// File access control: mode, user, group, xattrs.
    public enum ACL {
        /// ACL fields.
        public static let mode = 1, user = 2, group = 3, xattrs = 4
    }

    /// File object inside a directory.
    public enum File {
        /// File fields.
        public static let name = 1, acl = 2, size = 3, mtime = 4, hashes = 5, target = 6
    }

    /// Directory object inside `paths`.
    public enum Dir {
        /// Directory fields.
        public static let name = 1, acl = 2, files = 3
    }

    /// Scripts object.
    public enum Scripts {
        /// Script slot names in order (slot 1 = trigger).
        public static let names = ["trigger", "pre-install", "post-install", "pre-deinstall", "post-deinstall",
                                   "pre-upgrade", "post-upgrade"]
    }

    /// Package root object (schema `pckg`).
    public enum Package {
        /// Package root fields.
        public static let info = 1, paths = 2, scripts = 3, triggers = 4, replacesPriority = 5
    }

    /// Index root object (schema `indx`).
    public enum Index {
        /// Index root fields.
        public static let description = 1, packages = 2, pkgnameSpec = 3
    }
}

/// Version match bits of a dependency [apk-tools: src/apk_version.h APK_VERSION_*].
public enum ApkVersionMatch {
    /// The match bits.
    public static let equal: UInt32 = 1, less: UInt32 = 2, greater: UInt32 = 4, fuzzy: UInt32 = 8, conflict: UInt32 = 16

    /// The operator text for a mask without the conflict bit ("=", "<", ">=", "~", "><" ...).
    public static func op(_ mask: UInt32) -> String {
        switch mask & ~conflict {
        case equal: return "="
        case less: return "<"
        case greater: return ">"
        case less | equal: return "<="
        case greater | equal: return ">="
        case fuzzy | equal: return "~"
        case less | fuzzy | equal: return "<~"
        case greater | fuzzy | equal: return ">~"
        case less | greater: return "><"
        default: return "?"
        }
    }

    /// The mask for an operator text; nil when unknown.
    public static func mask(_ op: Substring) -> UInt32? {
        var m: UInt32 = 0
        for c in op {
            switch c {
            case "<": m |= less
            case ">": m |= greater
            case "~": m |= fuzzy | equal
            case "=": m |= equal
            default: return nil
            }
        }
        return m == 0 ? nil : m
    }
}
