import ArgumentParser
import BinaryIO
import Rebase

/// `imagetool snapshot` — prints the one command that makes a device snapshot for
/// `rebase --kernel` (the format is `DeviceSnapshot`'s).
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the ssh command that saves a router's kernel facts for `rebase --kernel router.snapshot`.",
        discussion: """
        Run the printed command on your computer: it runs a short POSIX shell script on the router (busybox ash is enough) that writes the installed-package database, /proc/version, /etc/openwrt_release, /etc/board.json, /proc/config.gz when the kernel has it, and every /lib/modules/<release>/*.ko into one file, router.snapshot. Nothing on the router is changed. `imagetool rebase FEED --kernel router.snapshot ...` then reasons from it as from the image (without /proc/config.gz give --image-config, or it refuses for lack of ABI proof).

        The command:
          \(DeviceSnapshot.command)
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "ssh destination of the router.")
    var host = "root@192.168.1.1"

    @Option(name: .shortAndLong, help: "Snapshot file the command writes.")
    var output = "router.snapshot"

    @Flag(help: "Print only the script that runs on the router.")
    var script = false

    func run() throws {
        try CLI.run(global) { out in
            let text = script ? DeviceSnapshot.script : "ssh \(host) '\(DeviceSnapshot.script)' > \(output)"
            if global.json { try out.json(["command": text]) } else { out.raw(text + "\n") }
        }
    }
}
