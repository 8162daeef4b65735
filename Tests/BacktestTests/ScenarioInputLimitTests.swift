import Foundation
import Market
import Testing

@testable import Backtest

/// Inputs that once crashed or exhausted the scenario loader and the data loader: each is now an
/// exact error (docs/scenarios.md, "Input limits").
@Suite struct ScenarioInputLimitTests {
    /// A billion-laughs document: 10 values, then 10 aliases of the line above, five times over.
    static let laughs = """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]

        """

    func loadError(_ text: String, overrides: [String] = []) -> ScenarioError? {
        let folder = ScenarioFolder()
        do {
            _ = try ScenarioLoader.load(path: folder.write(text), overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    @Test func aliasExpansionStopsAtTheValueLimit() throws {
        let error = try #require(loadError(Self.laughs))
        #expect(error.kind == .invalid)
        #expect(error.line == 4)
        #expect(
            error.description.hasSuffix("s.yaml:4: more than 10000 values once aliases are expanded (YAML alias limit)")
        )
    }

    @Test func aliasExpansionThroughSetIsAUsageError() throws {
        let value =
            "["
            + Self.laughs.split(separator: "\n").map { $0.split(separator: ": ", maxSplits: 1)[1] }
            .joined(separator: ", ") + "]"
        let error = try #require(loadError(ScenarioFolder.minimal, overrides: ["signals=" + value]))
        #expect(error.kind == .usage)
        #expect(error.description == "--set: invalid value for `signals` (\(value))")
    }

    @Test func aDocumentOfManyPlainValuesIsRead() throws {
        let list = (0..<5000).map { _ in "data/s.jsonl" }.joined(separator: ", ")
        let folder = ScenarioFolder()
        let scenario = try ScenarioLoader.load(
            path: folder.write(
                ScenarioFolder.minimal.replacingOccurrences(of: "signals: data/s.jsonl", with: "signals: [\(list)]")))
        #expect(scenario.signals.count == 5000)
    }

    /// `depth` block mappings, one per line, each key one space further in.
    static func nested(_ depth: Int) -> String {
        (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
    }

    @Test func nestingStopsAtTheDepthLimit() throws {
        #expect(try YAMLValue.parse(Self.nested(YAMLValue.depthLimit), file: "n.yaml").display.hasPrefix("{k0: {k1:"))
        let block = #expect(throws: ScenarioError.self) {
            try YAMLValue.parse(Self.nested(YAMLValue.depthLimit + 1), file: "n.yaml")
        }
        #expect(block?.description == "n.yaml:65: nested more than 64 levels deep (YAML nesting limit)")
        let flow = try #require(loadError("name: deep\nsignals: " + String(repeating: "[", count: 1_000_000)))
        #expect(flow.kind == .invalid)
        #expect(flow.description.hasSuffix("s.yaml:2: nested more than 64 levels deep (YAML nesting limit)"))
    }

    @Test func aliasesCannotNestPastTheDepthLimit() throws {
        // 40 levels behind an anchor, used 40 levels deep: 80 levels once expanded.
        let anchored = "a: &a " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let used = "b: " + String(repeating: "[", count: 40) + "*a" + String(repeating: "]", count: 40)
        let error = #expect(throws: ScenarioError.self) {
            try YAMLValue.parse(anchored + "\n" + used + "\n", file: "n.yaml")
        }
        #expect(error?.description == "n.yaml:2: nested more than 64 levels deep (YAML nesting limit)")
    }

    @Test func deepSetValuesAreUsageErrors() throws {
        let error = try #require(
            loadError(ScenarioFolder.minimal, overrides: ["signals=" + String(repeating: "[", count: 100_000)]))
        #expect(error.kind == .usage)
        #expect(error.description == "--set: value for `signals` nested more than 64 levels deep (YAML nesting limit)")
    }

    @Test func anEmptySetValueIsAUsageError() throws {
        for override in ["exchange.taker_fee=", "exchange.taker_fee=  "] {
            let error = try #require(loadError(ScenarioFolder.minimal, overrides: [override]))
            #expect(error.kind == .usage)
            #expect(
                error.description
                    == "--set: empty value for `exchange.taker_fee` (write `exchange.taker_fee=null` for none) (\(override))"
            )
        }
    }

    @Test func aFolderIsNotAScenario() throws {
        let folder = ScenarioFolder()
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: folder.path + "/data") }
        #expect(error?.kind == .missingFile)
        #expect(error?.description == "\(folder.path)/data: is a folder, not a scenario file")
    }

    @Test(
        arguments: [
            ("engine.signal_ttl", "200000000000d"), ("exchange.latency", "9999999999999999h"),
            ("engine.duplicate_window", "-9999999999999999h"), ("report.equity_interval", "3651d"),
            ("engine.reconciler_delay", "9223372036854775807"),
        ])
    func hugeDurationsAreRangeErrors(key: String, value: String) throws {
        let error = try #require(loadError(ScenarioFolder.minimal, overrides: ["\(key)=\(value)"]))
        let negative = value.hasPrefix("-")
        #expect(
            error.description
                == (negative
                    ? "--set: `\(key)` must be a duration such as 10s, 5m, 1h or 250ms (\(value))"
                    : "--set: `\(key)` must be at most 3650d (\(value))"))
        #expect(ReaderDurations.parse("3650d") == ReaderDurations.maximum)
    }

    @Test func balancesAboveOneBillionAreRangeErrors() throws {
        let error = try #require(
            loadError(ScenarioFolder.minimal, overrides: ["account.initial_balance=92233720368.54775807"]))
        #expect(
            error.description
                == "--set: `account.initial_balance` must be between 0.00000001 and 1000000000 (92233720368.54775807)")
        let size = try #require(loadError(ScenarioFolder.minimal, overrides: ["engine.max_position_size=10000000000"]))
        #expect(size.description == "--set: `engine.max_position_size` must be between 0 and 1000000000 (10000000000)")
    }

    @Test func aBlankSignalLineIsAnErrorAndStopsTheDigest() throws {
        let folder = ScenarioFolder()
        let path = folder.path + "/blank.jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: Data("\n".utf8))
        let stop = StopFlag()
        let result = ScenarioData.readSignals([path], stop: stop)
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description.hasPrefix("\(path):1: "))
        #expect(stop.isRaised)
        let scenario = try ScenarioLoader.load(path: folder.write(ScenarioFolder.minimal))
        #expect(ScenarioData.digest(of: scenario, stop: stop) == "")
        #expect(ScenarioData.digest(of: scenario).count == 64)
    }
}

/// Random extreme values for every numeric scenario key: loading and deriving the settings
/// either succeeds or throws a `ScenarioError`, never traps.
@Suite struct ScenarioExtremeValueTests {
    static let extremes = [
        "9223372036854775807", "-9223372036854775808", "92233720368.54775807", "92233720368.54775808",
        "1e400", "0.000000001", "-0", "0", "1", "18446744073709551616", "99999999999999999999999999", "1_000_000",
    ]

    @Test func numericKeysNeverTrap() throws {
        var random = SplitMix64(seed: 18)
        let numeric = ScenarioSchema.keys.filter { key in
            switch key.kind {
            case .integer, .decimal, .duration, .leverage: true
            default: false
            }
        }
        #expect(numeric.count > 20)
        var accepted = 0
        var refused = 0
        for key in numeric {
            for round in 0..<40 {
                var value =
                    round < Self.extremes.count
                    ? Self.extremes[round]
                    : String(Int64(bitPattern: random.next()) >> (random.next() % 64))
                if case .duration = key.kind {
                    value += ["", "ms", "s", "m", "h", "d"][Int(random.next() % 6)]
                }
                let folder = ScenarioFolder()
                do {
                    let scenario = try ScenarioLoader.load(
                        path: folder.write(ScenarioFolder.minimal), overrides: ["\(key.path)=\(value)"])
                    _ = scenario.settingsJSON
                    _ = Simulation.exchangeConfiguration(scenario)
                    _ = Simulation.signalSettings(scenario)
                    _ = Simulation.dispatchSettings(scenario)
                    accepted += 1
                } catch {
                    #expect(error.kind == .invalid || error.kind == .usage, "\(key.path)=\(value)")
                    refused += 1
                }
            }
        }
        #expect(accepted > 0 && refused > 0)
    }
}
