import Foundation
import TestSupport
import Testing

/// Hostile and clumsy inputs on the command line: each gives one `hedgesim:` line with the
/// exact message and the documented exit code, never a crash.
@Suite struct InputLimitsCLITests {
    func expectClean(_ out: CLI.Output, _ code: Int32, _ message: String) {
        #expect(out.status == code, "\(out.stderr)")
        #expect(!out.signaled)
        #expect(out.stderr == "hedgesim: \(message)\n")
        #expect(out.stdout.isEmpty)
    }

    @Test func aliasBombIsRefusedWithItsLine() {
        let folder = CLI.temporaryFolder("laughs")
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let file = folder + "/laughs.yaml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        for command in [["run", file, "-q"], ["scenario", "check", file]] {
            expectClean(
                CLI.run(command), 65, "\(file):4: more than 10000 values once aliases are expanded (YAML alias limit)")
        }
    }

    @Test func deepNestingIsRefusedWithItsLine() {
        let folder = CLI.temporaryFolder("deep")
        let file = folder + "/deep.yaml"
        let text = "name: deep\ndescription: " + String(repeating: "[", count: 200_000) + "\n"
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        for command in [["run", file, "-q"], ["scenario", "check", file], ["sweep", file, "-q"]] {
            expectClean(CLI.run(command), 65, "\(file):2: nested more than 64 levels deep (YAML nesting limit)")
        }
        expectClean(
            CLI.run([
                "run", "scenarios/quickstart.yaml", "-q", "--set", "signals=" + String(repeating: "[", count: 100_000),
            ]), 64, "--set: value for `signals` nested more than 64 levels deep (YAML nesting limit)")
    }

    @Test func aFolderAsScenarioSaysSo() {
        let folder = CLI.temporaryFolder("folder")
        expectClean(CLI.run(["run", folder, "-q"]), 66, "\(folder): is a folder, not a scenario file")
        expectClean(CLI.run(["scenario", "check", folder]), 66, "\(folder): is a folder, not a scenario file")
    }

    @Test func anEmptySetValueIsAUsageError() {
        expectClean(
            CLI.run(["run", "scenarios/quickstart.yaml", "-q", "--set", "engine.signal_ttl="]), 64,
            "--set: empty value for `engine.signal_ttl` (write `engine.signal_ttl=null` for none) (engine.signal_ttl=)")
    }

    @Test func overflowingValuesAreRangeErrors() {
        expectClean(
            CLI.run(["run", "scenarios/quickstart.yaml", "-q", "--set", "engine.signal_ttl=200000000000d"]), 65,
            "--set: `engine.signal_ttl` must be at most 3650d (200000000000d)")
        expectClean(
            CLI.run(["run", "scenarios/quickstart.yaml", "-q", "--set", "exchange.latency=9999999999999999h"]), 65,
            "--set: `exchange.latency` must be at most 3650d (9999999999999999h)")
        expectClean(
            CLI.run(["run", "scenarios/quickstart.yaml", "-q", "--set", "account.initial_balance=92233720368.54775807"]
            ),
            65, "--set: `account.initial_balance` must be between 0.00000001 and 1000000000 (92233720368.54775807)")
    }

    @Test func aBlankSignalLineIsAnError() {
        let folder = CLI.temporaryFolder("blank")
        let signals = folder + "/s.jsonl"
        _ = FileManager.default.createFile(atPath: signals, contents: Data("\n".utf8))
        let file = CLITests.scenario(
            folder, "blank", replacing: "\(Fixtures.repositoryRoot)/data/signals/quickstart.jsonl.zst", with: signals)
        let out = CLI.run(["run", file, "-q"])
        #expect(out.status == 65)
        #expect(out.stderr.hasPrefix("hedgesim: \(signals):1: "))
    }

    @Test func aZeroPriceKlineIsBadData() {
        let folder = CLI.temporaryFolder("zero")
        let klines = folder + "/AVAXUSDT-1m-2026-02.csv"
        _ = FileManager.default.createFile(
            atPath: klines,
            contents: Data(
                "1769904000000,10,11,9,10,5,1769904059999,1,1,1,1,0\n1769904060000,-10,-10,-10,-10,5,1769904119999,1,1,1,1,0\n"
                    .utf8))
        let out = CLI.run(["data", "verify", klines])
        #expect(out.status == 65)
        #expect(out.stdout.contains("\(klines):2: open price is not above zero (-10)"), "\(out.stdout)\(out.stderr)")
    }

    @Test func aKlineFileOfAnotherSymbolIsRefused() {
        let folder = CLI.temporaryFolder("other")
        let root = Fixtures.repositoryRoot
        let file = CLITests.scenario(
            folder, "other", replacing: "/data/klines/AVAXUSDT-1m-2026-02.csv.zst",
            with: "/data/klines/DOTUSDT-1m-2026-02.csv.zst")
        expectClean(
            CLI.run(["run", file, "-q"]), 65,
            "\(file):4: `data.klines.AVAXUSDT`: the file name is for DOTUSDT (\(root)/data/klines/DOTUSDT-1m-2026-02.csv.zst)"
        )
    }
}
