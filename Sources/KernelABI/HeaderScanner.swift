import BinaryIO
import Platform

/// Scans a kernel source or headers tree (`include/` and `arch/*/include/`) for the options
/// headers test, classifying each use the way the preprocessor sees it for `y` and `m`
/// [linux: include/linux/kconfig.h IS_ENABLED/IS_MODULE/IS_REACHABLE/IS_BUILTIN;
/// scripts/kconfig/confdata.c, which writes `CONFIG_X_MODULE 1` for m]. Comments and string
/// literals are skipped; generated folders (`include/config`, `include/generated`) are not read.
public enum HeaderScanner {
    /// Scans `root` and returns the set, labelled with `series`, `origin` and the command
    /// that regenerates it.
    public static func scan(root: String, series: String, origin: String, regenerate: String) throws -> ABIRelevantSet {
        var files: [String] = []
        try collect(root, "include", into: &files, depth: 0)
        let archDir = root + "/arch"
        if FS.isDirectory(archDir) {
            for arch in try FS.list(archDir) where FS.isDirectory("\(archDir)/\(arch)/include") {
                try collect(root, "arch/\(arch)/include", into: &files, depth: 0)
            }
        }
        guard !files.isEmpty else {
            throw FormatError(.invalid, context: "scan kernel headers", "no include/*.h files under \(root)", file: root)
        }
        var symbols: [String: [ABIRelevantSet.Reference]] = [:]
        for rel in files {
            let bytes = try FS.read(root + "/" + rel, limit: 16 << 20)
            scanFile(bytes) { name, use, line in
                var refs = symbols[name, default: []]
                if refs.filter({ $0.use == use }).count < ABIRelevantSet.maxReferences {
                    refs.append(.init(use: use, header: rel, line: line))
                    symbols[name] = refs
                }
            }
        }
        // Group by use (m, y, v), keeping file order within a use: the serialized order.
        symbols = symbols.mapValues { refs in ABIRelevantSet.Use.allCases.flatMap { u in refs.filter { $0.use == u } } }
        return ABIRelevantSet(series: series, origin: origin, regenerate: regenerate, symbols: symbols)
    }

    /// Adds every `*.h` under `root/rel` (sorted, so results are deterministic).
    static func collect(_ root: String, _ rel: String, into files: inout [String], depth: Int) throws {
        guard depth < 32 else { return }
        let dir = root + "/" + rel
        guard FS.isDirectory(dir) else { return }
        if rel == "include/config" || rel == "include/generated" { return }
        for name in try FS.list(dir) {
            let r = rel + "/" + name
            if FS.isDirectory(root + "/" + r) { try collect(root, r, into: &files, depth: depth + 1) }
            else if name.hasSuffix(".h") { files.append(r) }
        }
    }

    @inline(__always) static func isIdent(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    /// Lexes one header and reports each `CONFIG_*` use with its kind and line.
    public static func scanFile(_ b: [UInt8], _ report: (String, ABIRelevantSet.Use, Int) -> Void) {
        enum Macro { case none, named(Bool), open(Bool) }   // Bool: true if the macro is true for m
        var i = 0, line = 1
        var atLineStart = true, inDirective = false, conditional = false
        var macro = Macro.none
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x0A {
                line += 1
                // A directive continues past a backslash-newline.
                let continued = inDirective && i > 0 && b[i - 1] == 0x5C
                if !continued { inDirective = false; conditional = false; atLineStart = true }
                i += 1; continue
            }
            if c == 0x2F, i + 1 < n, b[i + 1] == 0x2A {          // /* comment */
                i += 2
                while i + 1 < n, !(b[i] == 0x2A && b[i + 1] == 0x2F) { if b[i] == 0x0A { line += 1 }; i += 1 }
                i += 2; continue
            }
            if c == 0x2F, i + 1 < n, b[i + 1] == 0x2F {          // // comment
                while i < n, b[i] != 0x0A { i += 1 }
                continue
            }
            if c == 0x22 || c == 0x27 {                           // "string" or 'c'
                i += 1
                while i < n, b[i] != c, b[i] != 0x0A { if b[i] == 0x5C { i += 1 }; i += 1 }
                i += 1; atLineStart = false; macro = .none; continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x5C { i += 1; continue }
            if c == 0x23, atLineStart {                           // # directive
                atLineStart = false; inDirective = true
                var j = i + 1
                while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                var k = j
                while k < n, isIdent(b[k]) { k += 1 }
                let word = String(decoding: b[j ..< k], as: UTF8.self)
                conditional = ["if", "ifdef", "ifndef", "elif", "elifdef", "elifndef"].contains(word)
                i = k; macro = .none; continue
            }
            atLineStart = false
            if isIdent(c), i == 0 || !isIdent(b[i - 1]) {
                var k = i
                while k < n, isIdent(b[k]) { k += 1 }
                let len = k - i
                if len > 7, b[i] == 0x43, b[i ..< i + 7].elementsEqual("CONFIG_".utf8) {
                    var name = String(decoding: b[(i + 7) ..< k], as: UTF8.self)
                    let use: ABIRelevantSet.Use
                    if case .open(let forModule) = macro {
                        use = forModule ? .moduleVisible : .builtinOnly
                    } else if name.hasSuffix("_MODULE"), name.count > 7 {
                        name = String(name.dropLast(7)); use = .moduleVisible
                    } else {
                        use = conditional ? .builtinOnly : .value
                    }
                    report(name, use, line)
                    macro = .none
                } else {
                    switch String(decoding: b[i ..< k], as: UTF8.self) {
                    case "IS_ENABLED", "IS_MODULE", "IS_REACHABLE": macro = .named(true)
                    case "IS_BUILTIN": macro = .named(false)
                    default: macro = .none
                    }
                }
                i = k; continue
            }
            if c == 0x28, case .named(let m) = macro { macro = .open(m) } else { macro = .none }
            i += 1
        }
    }
}
