/// The ABI-relevant option sets compiled into imagetool, one generated file per kernel
/// series in ABISets/ (each file's header names the command that regenerates it).
enum ShippedABISets {
    /// Serialized sets (`ABIRelevantSet.serialized()` text).
    static let texts: [String] = [ABISet_6_1.text, ABISet_6_12.text]
}

extension ABIRelevantSet {
    /// A Swift source file embedding this set as `enum <typeName> { static let text }`, the
    /// form shipped under Sources/KernelABI/ABISets (no SwiftPM resources needed: the set is
    /// compiled into the binary, so it works wherever the executable is copied).
    public func swiftSource(typeName: String) -> String {
        """
        // GENERATED FILE, do not edit. Regenerate with:
        //   \(regenerate)
        // Kernel series \(series); headers: \(origin).
        // \(symbols.count) options; \(symbols.values.filter { $0.contains { $0.use == .moduleVisible } }.count) are visible to modules when set to m.

        /// The ABI-relevant option set for Linux \(series) (see ABIRelevantSet, HeaderScanner).
        enum \(typeName) {
            /// `ABIRelevantSet.serialized()` text.
            static let text = #\"\"\"
        \(serialized())\"\"\"#
        }

        """
    }
}
