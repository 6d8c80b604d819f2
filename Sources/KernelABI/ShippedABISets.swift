/// The ABI-relevant option sets compiled into imagetool, one generated file per kernel
/// series in ABISets/ (each file's header names the command that regenerates it).
///
/// The sets are embedded as generated Swift sources rather than SwiftPM resources so the
/// `imagetool` binary is self-contained (no Bundle lookup, no data folder to ship beside it,
/// no Package.swift change). To regenerate (or add a series), install the Debian headers
/// and run the command in the file's header, e.g.:
///
///     apt-get install linux-headers-6.1.0-56-common linux-headers-6.12.115+deb12-common
///     imagetool vermagic scan --kernel-src /usr/src/linux-headers-6.1.0-56-common --series 6.1 \
///       --origin '...' --swift ABISet_6_1 > Sources/KernelABI/ABISets/ABISet_6_1.swift
///
/// then list the new enum in `texts`. ABIFingerprintTests checks that a fresh scan of the
/// installed 6.1 headers equals the shipped set.
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
        // \(symbols.count) options; \(symbols.keys.filter(isModuleVisible).count) are visible to modules when set to m.

        /// The ABI-relevant option set for Linux \(series) (see ABIRelevantSet, HeaderScanner).
        enum \(typeName) {
            /// `ABIRelevantSet.serialized()` text.
            static let text = #\"\"\"
        \(serialized())\"\"\"#
        }

        """
    }
}
