import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// An independent check of the ABI-relevant set with the real preprocessor: gcc -E over a
/// broad umbrella of Debian's kernel headers (as a module build sees them) gives the same
/// output when every option the set calls harmless is switched from n to m at once
/// (`#define CONFIG_X_MODULE 1`), and a different output for an option it calls relevant.
final class PreprocessorCrossCheckTests: XCTestCase {
    /// Headers a wide range of modules include (networking, wireless, netfilter, USB, block,
    /// sound, crypto, device model): 85 headers, ~130k lines after preprocessing.
    static let umbrella = [
        "linux/module.h", "linux/netdevice.h", "net/net_namespace.h", "linux/skbuff.h", "linux/fs.h",
        "linux/sched.h", "linux/mm.h", "linux/device.h", "linux/pci.h", "linux/usb.h", "linux/i2c.h", "net/sock.h",
        "net/cfg80211.h", "net/mac80211.h", "linux/netfilter.h", "net/netfilter/nf_conntrack.h", "linux/hwmon.h",
        "linux/mtd/mtd.h", "net/ip.h", "net/ipv6.h", "net/tcp.h", "net/udp.h", "net/route.h", "net/dst.h",
        "net/xfrm.h", "net/genetlink.h", "linux/if_bridge.h", "linux/if_vlan.h", "linux/phy.h", "linux/spi/spi.h",
        "linux/gpio/driver.h", "linux/of.h", "linux/platform_device.h", "linux/interrupt.h", "crypto/hash.h",
        "crypto/skcipher.h", "linux/blkdev.h", "scsi/scsi_host.h", "linux/tty.h", "linux/serial_core.h",
        "sound/core.h", "sound/soc.h", "linux/input.h", "linux/hid.h", "linux/leds.h", "linux/mmc/host.h",
        "net/bluetooth/bluetooth.h", "net/bluetooth/hci_core.h", "linux/ppp_channel.h", "linux/usb/usbnet.h",
        "net/netfilter/nf_tables.h", "linux/netfilter/x_tables.h", "net/pkt_sched.h", "linux/bpf.h",
        "linux/filter.h", "linux/perf_event.h", "net/dsa.h", "net/switchdev.h", "net/ip_tunnels.h", "net/addrconf.h",
        "net/ndisc.h", "linux/ethtool.h", "net/page_pool.h", "linux/dma-mapping.h", "linux/regmap.h", "linux/clk.h",
        "linux/reset.h", "linux/regulator/consumer.h", "linux/power_supply.h", "linux/thermal.h", "linux/watchdog.h",
        "linux/rtc.h", "linux/nvmem-consumer.h", "linux/usb/hcd.h", "linux/usb/gadget.h", "net/netfilter/nf_nat.h",
        "net/netfilter/nf_flow_table.h", "linux/netfilter_bridge.h", "net/ip6_route.h", "net/inet_frag.h",
        "net/l3mdev.h", "net/vxlan.h", "linux/ptp_clock_kernel.h", "linux/wireguard.h", "linux/ipv6.h"
    ]

    struct Env { var gcc: String; var common: String; var arch: String; var dir: String }

    func env() throws -> Env {
        guard let rel = TestEnv.fixtureFacts["RELEASE"] else { throw XCTSkip("fixtures/fixture.env absent") }
        guard let gcc = ModuleCrossCheck.tool("gcc") else { throw XCTSkip("gcc not installed") }
        let arch = "/usr/src/linux-headers-\(rel)"
        let common = arch.replacingOccurrences(of: "-amd64", with: "-common")
        guard FS.exists(arch + "/include/generated/autoconf.h"), FS.isDirectory(common + "/include") else {
            throw XCTSkip("linux-headers-\(rel) (and its -common) not installed")
        }
        let dir = TestEnv.tempDir("kabi-pp")
        addTeardownBlock { try? FS.removeTree(dir) }
        try FS.writeAtomically(Array(Self.umbrella.map { "#include <\($0)>\n" }.joined().utf8), to: dir + "/u.c")
        return Env(gcc: gcc, common: common, arch: arch, dir: dir)
    }

    /// `gcc -E` the umbrella the way kbuild does for an x86 module, with extra defines.
    func preprocess(_ e: Env, defines: [String]) throws -> Data {
        let extra = e.dir + "/extra.h"
        try FS.writeAtomically(Array(defines.map { "#define CONFIG_\($0)_MODULE 1\n" }.joined().utf8), to: extra)
        let c = e.common, a = e.arch
        let args = ["-E", "-P", "-D__KERNEL__", "-DCC_USING_FENTRY", "-nostdinc",
                    "-I\(c)/arch/x86/include", "-I\(a)/arch/x86/include/generated", "-I\(c)/include", "-I\(a)/include",
                    "-I\(c)/arch/x86/include/uapi", "-I\(a)/arch/x86/include/generated/uapi", "-I\(c)/include/uapi",
                    "-I\(a)/include/generated/uapi", "-include", "\(c)/include/linux/compiler-version.h",
                    "-include", "\(c)/include/linux/kconfig.h", "-include", "\(c)/include/linux/compiler_types.h",
                    "-include", extra, e.dir + "/u.c"]
        let r = try TestSupport.run(e.gcc, args)
        guard r.status == 0 else { throw XCTSkip("gcc -E of the header umbrella failed here: \(r.err.prefix(300))") }
        return r.stdout
    }

    func testHarmlessOptionsLeaveHeadersUnchanged() throws {
        let e = try env()
        let old = try KernelConfig.open(TestEnv.fixtures + "/config/old.config")
        let set = try XCTUnwrap(ABIRelevantSet.shipped(series: "6.1"))
        let harmless = old.entries.filter { $0.value == .notSet && !set.isModuleVisible($0.name) }.map(\.name)
        XCTAssertGreaterThan(harmless.count, 1000)
        let base = try preprocess(e, defines: [])
        XCTAssertGreaterThan(base.count, 1_000_000, "the umbrella expands to real kernel code")
        XCTAssertTrue(try preprocess(e, defines: harmless) == base,
                      "switching the \(harmless.count) harmless options to m changed the preprocessed headers")
        let added = (TestEnv.fixtureFacts["NEW_CONFIG_OPTIONS"] ?? "").split(separator: " ").map { String($0.dropFirst(7)) }
        XCTAssertTrue(try preprocess(e, defines: added) == base)
    }

    func testRelevantOptionChangesHeaders() throws {
        let e = try env()
        let base = try preprocess(e, defines: [])
        let option = String((TestEnv.fixtureFacts["ABI_CONFIG_OPTION"] ?? "CONFIG_MCTP").dropFirst(7))
        XCTAssertTrue(ABIRelevantSet.shipped(series: "6.1")?.isModuleVisible(option) == true)
        XCTAssertFalse(try preprocess(e, defines: [option]) == base, "CONFIG_\(option)=m changes the headers")
    }
}
