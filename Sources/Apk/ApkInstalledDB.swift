import BinaryIO
import Platform

/// The installed-package database of an apk-based rootfs, `/lib/apk/db/installed`: text
/// stanzas separated by blank lines, one `X:value` field per line (`P` name, `V` version,
/// `A` arch, `D` depends, `p` provides, `o` origin, `F` directory, `R` file, `Z` checksum …)
/// [alpinelinux/apk-tools: src/database.c apk_db_index_read / apk_db_fdb_write,
/// src/package.c apk_pkg_add_info, doc/apk-package.5.scd field letters].
public struct ApkInstalledDB: Sendable, Codable, Equatable {
    /// One installed package.
    public struct Package: Sendable, Codable, Equatable {
        /// `P:` package name.
        public var name: String
        /// `V:` version.
        public var version: String
        /// `A:` architecture.
        public var arch: String?
        /// `o:` origin (source package).
        public var origin: String?
        /// `D:` dependencies.
        public var depends: [ApkDependency]
        /// `p:` provides.
        public var provides: [ApkDependency]
        /// Installed files (directory + "/" + name).
        public var files: [String]
    }

    /// Installed packages in file order.
    public var packages: [Package]

    /// Conventional location inside a rootfs.
    public static let path = "lib/apk/db/installed"

    /// Reads the database file of a rootfs folder (`<root>/lib/apk/db/installed`) or a file.
    public static func open(_ path: String) throws -> ApkInstalledDB {
        let bytes = try FS.read(path, limit: 256 << 20)
        if bytes.starts(with: Array("ADB".utf8)) {
            throw FormatError(.unsupported, offset: 0, context: "read apk installed database",
                              "binary (ADB) installed database; only the text form is read", file: path)
        }
        return try ApkInstalledDB(parsing: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// The installed package named `name`.
    public func package(named name: String) -> Package? { packages.first { $0.name == name } }

    /// The installed `kernel` package's version (`6.12.74~<vermagic>-r1`), which every kmod
    /// of the image's feed depends on exactly.
    public var kernelVersion: String? { package(named: "kernel")?.version }

    /// The kernel version split into release, vermagic hash and package release.
    public var kernel: ApkKernelVersion? { kernelVersion.flatMap { ApkKernelVersion(parsing: $0) } }
}

extension ApkInstalledDB {
    /// Parses the text database. Lines without a `X:` prefix or stanzas without a name are
    /// rejected with the line number, so a damaged database is not mistaken for an empty one.
    public init(parsing text: String, file: String? = nil) throws {
        var packages: [Package] = []
        var cur: Package?
        var dir = ""
        var lineNo = 0
        func finish() throws {
            if let p = cur {
                guard !p.name.isEmpty else {
                    throw FormatError(.invalid, context: "read apk installed database", "line \(lineNo): package without P: name", file: file)
                }
                packages.append(p)
            }
            cur = nil
            dir = ""
        }
        func deps(_ v: Substring) -> [ApkDependency] {
            v.split(separator: " ").compactMap { ApkDependency(parsing: String($0)) }
        }
        // Split on LF bytes (a String would treat CR LF as one character).
        for rawBytes in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            let u = rawBytes.last == 0x0D ? rawBytes.dropLast() : rawBytes
            if u.isEmpty { try finish(); continue }
            guard u.count >= 2, u[u.startIndex] < 0x80, u[u.startIndex + 1] == UInt8(ascii: ":") else {
                let shown = String(decoding: u.prefix(40), as: UTF8.self)
                throw FormatError(.invalid, context: "read apk installed database",
                                  "line \(lineNo): expected \"X:value\", got \(shown.debugDescription)", file: file)
            }
            let key = Character(Unicode.Scalar(u[u.startIndex]))
            let value = Substring(String(decoding: u[(u.startIndex + 2)...], as: UTF8.self))
            if cur == nil { cur = Package(name: "", version: "", arch: nil, origin: nil, depends: [], provides: [], files: []) }
            switch key {
            case "P": cur?.name = String(value)
            case "V": cur?.version = String(value)
            case "A": cur?.arch = String(value)
            case "o": cur?.origin = String(value)
            case "D": cur?.depends += deps(value)
            case "p": cur?.provides += deps(value)
            case "F": dir = String(value)
            case "R": cur?.files.append(dir.isEmpty ? String(value) : dir + "/" + value)
            default: break
            }
        }
        try finish()
        self.init(packages: packages)
    }
}
