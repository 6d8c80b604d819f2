import BinaryIO
import FeedRewrite

/// libFuzzer entry: control stanzas (opkg-lede pkg_parse.c) and relationship fields
/// (Depends/Provides/Conflicts: opkg-lede pkg_depends.c). Rendering a parsed stanza must
/// parse again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let rel = try? Relationship(parsing: String(decoding: bytes, as: UTF8.self)) {
        _ = rel.replacingTerms(where: { _ in true }, with: { $0.render() })
    }
    guard let stanza = try? ControlStanza(parsing: bytes, file: "control") else { return 0 }
    for f in stanza.fields where ["Depends", "Provides", "Conflicts", "Replaces", "Recommends", "Suggests", "Pre-Depends"].contains(f.name) {
        if let v = stanza[f.name], let rel = try? Relationship(parsing: v) {
            for t in rel.terms { _ = t.isSatisfied(by: t.name, version: "1.0-r1") }
        }
    }
    let rendered = stanza.render()
    guard (try? ControlStanza(parsing: rendered, file: "rendered")) != nil else {
        fatalError("a rendered stanza does not parse again")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables with `--defsym main=<Target>_main`; hand control to libFuzzer.
@_cdecl("FuzzControl_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { d, n in fuzz(d, n) }
}
