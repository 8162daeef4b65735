import Testing

@testable import Reports

@Suite struct ReportSummaryTests {
    let folder = TemporaryFolder()

    @Test func rendersEveryRunAndTheComparison() throws {
        let path = try SampleRuns.writeReport(folder)
        let text = try ReportSummary.render(dbPath: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = [
            "Run 1: sample — accumulate",
            "  settings  same_direction=accumulate protection=per_strategy position_mode=hedge price_path=adaptive "
                + "fill=next_open",
            "  range     2026-02-01T00:00:00.000Z … 2026-02-02T01:00:00.000Z (1h, 52 bars)",
            "  signals   9 total, 8 decided, 0 outside the range, 1 unknown symbol",
            "  digest    result " + String(repeating: "1", count: 64),
            "  equity    10000.00 → 10197.29 (max drawdown 40.00, 0.4 %)",
            "  strategy        positions  trades  win %  TP %   SL %  realized  fees  funding  liq. fees     net",
            "  mean_reversion          2       1    0.0   0.0  100.0    -20.00  5.11    -0.62       0.00  -25.73",
            "  momentum                3       2  100.0  50.0    0.0    125.00  4.74     0.26       0.00  120.53",
            "  total                   5       3   66.7  33.3   33.3    105.00  9.85    -0.36       0.00   94.79",
            "  exchange: realized 105.00, fees 9.85, funding -0.36, liquidation fees 0.00, net 94.79",
            "  signals: 5 executed, 3 rejected, 1 skipped",
            "    deterministic  rejected   Confidence 0.55 below threshold 0.6, \"deterministic\"\\nsecond line        1",
            "Run 2: sample — strongest_wins",
            "  momentum                5       5   80.0  80.0   20.0     35.00  5.02     0.00       0.00   29.98",
            "Comparison (Δ against run 1: accumulate)",
            "    1  accumulate           3   66.7  33.3  33.3    105.00  9.85    -0.36   94.79     0.00        -  -   40.00"
                + "         5         3",
            "    2  strongest_wins       9   44.4  44.4  55.6     -5.00  9.00     0.00  -14.00  -108.79        -  -   14.00"
                + "         9         0",
            "Net PnL per strategy and mode",
            "  mean_reversion      -25.73          -43.98   -18.25",
            "  momentum            120.53           29.98   -90.54",
            "  total                94.79          -14.00  -108.79",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)")
        }
        #expect(!text.hasSuffix("\n"))
    }

    @Test func oneRunHasNoComparison() throws {
        let path = try SampleRuns.writeReport(folder)
        let text = try ReportSummary.render(dbPath: path, runIDs: [2])
        #expect(text.hasPrefix("Run 2: sample — strongest_wins\n"))
        #expect(!text.contains("Run 1:"))
        #expect(!text.contains("Comparison"))
        #expect(text.contains("  signals: 9 executed, 0 rejected, 0 skipped"))
        #expect(!text.contains("top rejection reasons"))
    }

    @Test func unknownRunAndMissingFileAreErrors() throws {
        let path = try SampleRuns.writeReport(folder)
        #expect(throws: ReportError.self) { try ReportSummary.render(dbPath: path, runIDs: [3]) }
        do {
            _ = try ReportSummary.render(dbPath: folder.file("missing.sqlite"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .missingDatabase)
        }
    }

    @Test(arguments: [
        (ReportValue.real(9.845), "9.85"), (.real(-0.3637), "-0.36"), (.real(-0.004), "0.00"), (.null, "-"),
        (.integer(12), "12.00"), (.real(10197.2913), "10197.29"), (.real(0.125), "0.13"),
    ])
    func moneyRoundsHalfAwayFromZero(value: ReportValue, text: String) {
        #expect(ReportSummary.money(value) == text)
    }

    @Test func textTableAlignsAndEscapes() {
        var table = TextTable([("name", .left), ("n", .right)])
        table.add(["a\nb", "1"])
        table.addTotals(["total", "100"])
        #expect(
            table.render(indent: "  ")
                == "  name     n\n  -----  ---\n  a\\nb     1\n  -----  ---\n  total  100\n")
    }
}
