import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// scripts/install and scripts/deb (issue 18 §2), run for real: into a temporary PREFIX the
/// binary, a man page that man(1) renders, and completions bash-completion finds in its
/// standard folder; the .deb installs with apt and is removed cleanly by dpkg. The scripts
/// install the test run's own (debug) binary here (IMAGETOOL_BIN) and make its man page
/// with generate-manual, the plugin's tool; what they install is otherwise what a user gets.
final class InstallScriptTests: XCTestCase {
    var tmp = ""
    override func setUp() { tmp = TestEnv.tempDir("install-script") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    /// The test run's own binary (`swift test` holds the package's build lock: the scripts
    /// cannot build inside it, and a second release build would double CI time), and one
    /// generate-manual build shared by both tests.
    var env: [String: String] {
        ["IMAGETOOL_BIN": TestEnv.imagetoolBinary ?? "", "IMAGETOOL_SKIP_BOOTSTRAP": "1",
         "GENERATE_MANUAL_SCRATCH": NSTemporaryDirectory() + "/imagetool-generate-manual", "DEB_COMPRESS": "gzip",
         "PATH": (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/bin:/sbin:/bin"]
    }

    func tool(_ name: String) throws -> String {
        for d in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        throw XCTSkip("\(name) not installed (scripts/bootstrap installs it)")
    }

    func testInstallIntoAPrefixGivesManPageAndCompletions() throws {
        let man = try tool("man")
        _ = try tool("bash")
        guard FS.isRegularFile("/usr/share/bash-completion/bash_completion") else { throw XCTSkip("bash-completion not installed") }
        let prefix = tmp + "/prefix"
        let compat = tmp + "/etc/bash_completion.d"
        var installEnv = env
        installEnv["BASH_COMPLETION_COMPAT_DIR"] = compat
        let r = try TestSupport.run("/bin/bash", [TestEnv.root + "/scripts/install", prefix], cwd: TestEnv.root, env: installEnv)
        XCTAssertEqual(r.status, 0, r.err)
        for f in ["bin/imagetool", "share/man/man1/imagetool.1", "share/bash-completion/completions/imagetool",
                  "share/zsh/site-functions/_imagetool", "share/fish/vendor_completions.d/imagetool.fish"] {
            XCTAssertTrue(FS.isRegularFile(prefix + "/" + f), f)
        }
        let v = try TestSupport.run(prefix + "/bin/imagetool", ["--version"])
        XCTAssertEqual(v.out.trimmingCharacters(in: .whitespacesAndNewlines), try TestSupport.run(TestEnv.imagetoolBinary ?? "", ["--version"]).out.trimmingCharacters(in: .whitespacesAndNewlines))

        // man renders the generated page: every subcommand is in it.
        let page = try TestSupport.run(man, ["-M", prefix + "/share/man", "imagetool"], env: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"])
        XCTAssertEqual(page.status, 0, page.err)
        let text = page.out.replacingOccurrences(of: "\u{8}.", with: "", options: .regularExpression)
        XCTAssertTrue(text.contains("NAME"), text)
        for sub in ["rebase", "install", "snapshot", "squash", "--kernel"] {
            XCTAssertTrue(text.contains(sub), "man page lacks \(sub)")
        }

        // bash-completion finds it in its standard folder (XDG_DATA_DIRS/bash-completion/completions)
        // and loads it as it does on the first TAB.
        let shell = try TestSupport.run("/bin/bash", ["-lic", "__load_completion imagetool; complete -p imagetool"],
                            env: ["XDG_DATA_DIRS": prefix + "/share:/usr/share", "PATH": prefix + "/bin:/usr/bin:/bin", "HOME": tmp])
        XCTAssertTrue(shell.out.contains("-F _imagetool imagetool"), shell.out + shell.err)
        // The literal check of the issue: an interactive shell of a user whose .bashrc enables
        // completion as Debian's /etc/skel/.bashrc does has it at once (the compat folder file).
        let home = tmp + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data("if ! shopt -oq posix && [ -f /usr/share/bash-completion/bash_completion ]; then . /usr/share/bash-completion/bash_completion; fi\n".utf8)
            .write(to: URL(fileURLWithPath: home + "/.bashrc"))
        let literal = try TestSupport.run("/bin/bash", ["-ic", "complete -p imagetool"],
                                          env: ["HOME": home, "BASH_COMPLETION_COMPAT_DIR": compat, "PATH": prefix + "/bin:/usr/bin:/bin"])
        XCTAssertTrue(literal.out.contains("-F _imagetool imagetool"), "bash -ic 'complete -p imagetool': " + literal.out + literal.err)
        // zsh and fish scripts are the tool's own, for imagetool.
        XCTAssertTrue(try String(contentsOfFile: prefix + "/share/zsh/site-functions/_imagetool", encoding: .utf8).hasPrefix("#compdef imagetool"))
        XCTAssertTrue(try String(contentsOfFile: prefix + "/share/fish/vendor_completions.d/imagetool.fish", encoding: .utf8).contains("complete -c 'imagetool'"))
    }

    func testDebInstallsWithAptAndRemovesCleanly() throws {
        guard geteuid() == 0 else { throw XCTSkip("installing a .deb needs root") }
        let dpkg = try tool("dpkg"), apt = try tool("apt-get")
        let status = try TestSupport.run(try tool("dpkg-query"), ["-W", "-f=${Status}", "imagetool"])
        guard !status.out.contains("installed"), !FileManager.default.fileExists(atPath: "/usr/bin/imagetool") else {
            throw XCTSkip("an imagetool is already installed on this machine; not replacing it")
        }
        let r = try TestSupport.run("/bin/bash", [TestEnv.root + "/scripts/deb", tmp], cwd: TestEnv.root, env: env)
        XCTAssertEqual(r.status, 0, r.err)
        let deb = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(deb.hasPrefix(tmp + "/imagetool_") && deb.hasSuffix(".deb"), deb)
        let listing = try TestSupport.run(try tool("dpkg-deb"), ["-c", deb]).out
        for f in ["./usr/bin/imagetool", "./usr/share/man/man1/imagetool.1.gz", "./usr/share/bash-completion/completions/imagetool",
                  "./usr/share/zsh/site-functions/_imagetool", "./usr/share/fish/vendor_completions.d/imagetool.fish"] {
            XCTAssertTrue(listing.contains(f), "\(f) not in the package:\n\(listing)")
        }
        let installed = try TestSupport.run(apt, ["install", "-y", deb], env: ["DEBIAN_FRONTEND": "noninteractive"])
        defer { _ = try? TestSupport.run(dpkg, ["-r", "imagetool"]) }
        XCTAssertEqual(installed.status, 0, installed.out + installed.err)
        XCTAssertEqual(try TestSupport.run("/usr/bin/imagetool", ["--version"]).status, 0)
        let files = try TestSupport.run(dpkg, ["-L", "imagetool"]).out.split(separator: "\n").map(String.init)
        XCTAssertTrue(files.contains("/usr/share/man/man1/imagetool.1.gz"))
        let page = try TestSupport.run(try tool("man"), ["imagetool"], env: ["MANPAGER": "cat", "PAGER": "cat"])
        XCTAssertTrue(page.status == 0 && page.out.contains("rebase"), page.err)
        let shell = try TestSupport.run("/bin/bash", ["-lic", "__load_completion imagetool; complete -p imagetool"], env: ["HOME": tmp])
        XCTAssertTrue(shell.out.contains("-F _imagetool imagetool"), shell.out + shell.err)

        let removed = try TestSupport.run(dpkg, ["-r", "imagetool"])
        XCTAssertEqual(removed.status, 0, removed.err)
        for f in files where !FS.isDirectory(f) {
            XCTAssertFalse(FileManager.default.fileExists(atPath: f), "\(f) left behind")
        }
        XCTAssertFalse(try TestSupport.run(try tool("dpkg-query"), ["-W", "-f=${Status}", "imagetool"]).out.contains(" installed"))
    }
}
