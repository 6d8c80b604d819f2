import BinaryIO
import Platform

/// A kernel build's `Module.symvers`: one line per exported symbol,
/// `0xCRC<TAB>symbol<TAB>module<TAB>export type[<TAB>namespace]` (the namespace column
/// exists since Linux 5.4; before that the export type was the 4th and last column)
/// [linux: scripts/mod/modpost.c write_dump / read_dump].
public struct ModuleSymvers: Sendable {
    /// One exported symbol.
    public struct Entry: Sendable, Equatable {
        /// The CRC; 0 when the kernel was built without CONFIG_MODVERSIONS.
        public var crc: UInt32
        /// Exported symbol.
        public var symbol: String
        /// `vmlinux` or the module's path without `.ko`.
        public var module: String
        /// `EXPORT_SYMBOL`, `EXPORT_SYMBOL_GPL`, ...
        public var exportType: String
        /// Symbol namespace (5.4+), empty if none.
        public var namespace: String
    }

    /// Entries in file order.
    public var entries: [Entry]
    /// Symbol -> entry (the last line wins, as modpost's hash does).
    public var bySymbol: [String: Entry]

    /// Reads a Module.symvers file (at most 64 MiB).
    public static func open(_ path: String) throws -> ModuleSymvers {
        try withFile(path) { try ModuleSymvers(parsing: try FS.read(path, limit: 64 << 20), file: path) }
    }

    /// Whether any CRC is non-zero (the kernel was built with CONFIG_MODVERSIONS).
    public var hasCRCs: Bool { entries.contains { $0.crc != 0 } }
}

extension ModuleSymvers {
    /// Parses the text; a malformed line is a `FormatError` with its byte offset.
    public init(parsing bytes: [UInt8], file: String? = nil) throws {
        var entries: [Entry] = []
        var start = 0, lineNo = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNo += 1
            let line = bytes[start ..< end]
            defer { start = end + 1 }
            if line.isEmpty { continue }
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard f.count >= 3, f[0].hasPrefix("0x"), let crc = UInt64(f[0].dropFirst(2), radix: 16), crc <= UInt64(UInt32.max) else {
                throw FormatError(.invalid, offset: UInt64(start), context: "read Module.symvers line \(lineNo)",
                                  "expected 0xCRC<TAB>symbol<TAB>module<TAB>type", file: file)
            }
            entries.append(Entry(crc: UInt32(crc), symbol: f[1], module: f[2], exportType: f.count > 3 ? f[3] : "",
                                 namespace: f.count > 4 ? f[4] : ""))
        }
        var by: [String: Entry] = [:]
        for e in entries { by[e.symbol] = e }
        self.init(entries: entries, bySymbol: by)
    }
}
