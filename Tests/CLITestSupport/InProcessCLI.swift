import Foundation
import ImageTool
import TestSupport

/// Runs `imagetool` commands in the test process: the arguments are parsed as the binary
/// parses them (ArgumentParser `parseAsRoot`), the command runs, and what it would write to
/// stdout and stderr is captured byte for byte with its exit code. No subprocess, so a CLI
/// test costs what the library call costs; the few tests that need the real binary (exit
/// status of the process, signals, a terminal, the install script) use
/// `TestEnv.imagetool` instead.
public enum InProcessCLI {
    /// Runs `imagetool args...`; `env` entries are added to this process's environment as
    /// the command sees it (e.g. SOURCE_DATE_EPOCH), without changing the process's own.
    /// (`throws` only so that it drops in where `TestSupport.run` was called.)
    public static func run(_ args: [String], env: [String: String]? = nil) throws -> RunResult {
        var environment = ProcessInfo.processInfo.environment
        if let env { environment.merge(env) { $1 } }
        let (console, captured) = Console.capturing(environment: environment)
        let status = ImageTool.run(args, console: console)
        let (out, err) = captured()
        return RunResult(status: status, stdout: Data(out), stderr: Data(err))
    }
}
