import Foundation
import TestSupport
import Testing

/// The live_compat figures docs/live-behaviour.md quotes for the quickstart
/// (`scenarios/live-compat.yaml`), derived from the report a run writes: the page cannot drift
/// from the code.
@Suite(.serialized) struct LiveCompatFiguresTests {
    /// The page's text with its line breaks folded into spaces.
    static func page() throws -> String {
        let text = try String(contentsOfFile: Fixtures.path("docs/live-behaviour.md"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A report decimal as the page prints it: two decimals, `−` for minus.
    static func money(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "−") }

    @Test func theQuickstartGapIsWhatThePageSays() throws {
        let folder = CLI.temporaryFolder("live-compat")
        let db = folder + "/lc.sqlite"
        let out = CLI.run(["run", "scenarios/live-compat.yaml", "--out", db, "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        let strategies = CLI.sqlite(
            db, "SELECT printf('%.2f', SUM(CAST(realized_pnl AS REAL))) FROM strategy_positions")
        let exchange = CLI.sqlite(db, "SELECT printf('%.2f', SUM(CAST(realized_pnl AS REAL))) FROM fills")
        let evicted = CLI.sqlite(db, "SELECT COUNT(*) FROM strategy_positions WHERE status = 'closed_externally'")
        let evictedPnL = CLI.sqlite(
            db,
            "SELECT COUNT(*) FROM strategy_positions WHERE status = 'closed_externally' AND CAST(realized_pnl AS REAL) != 0"
        )
        let total = CLI.sqlite(db, "SELECT COUNT(*) FROM strategy_positions")
        // Each protective stop against its position's entry: % below (LONG) / above (SHORT).
        let distance = { (side: String, formula: String) in
            CLI.sqlite(
                db,
                """
                SELECT printf('%.2f|%.2f|%.2f', AVG(d), MIN(d), MAX(d)) FROM (
                  SELECT \(formula) AS d FROM orders o JOIN strategy_positions s
                    ON s.strategy_position_id = o.strategy_position_id AND s.run_id = o.run_id
                  WHERE o.purpose = 'stop_loss' AND o.status != 'REJECTED' AND o.position_side = '\(side)')
                """
            ).split(separator: "|").map(String.init)
        }
        let long = distance("LONG", "(1 - CAST(o.stop_price AS REAL) / CAST(s.entry_price AS REAL)) * 100")
        let short = distance("SHORT", "(CAST(o.stop_price AS REAL) / CAST(s.entry_price AS REAL) - 1) * 100")
        #expect(evictedPnL == "0")
        let page = try Self.page()
        #expect(
            page.contains(
                "books \(Self.money(strategies)) of realized PnL to the strategies while the exchange realized "
                    + "\(Self.money(exchange));"), "strategies \(strategies), exchange \(exchange)")
        #expect(
            page.contains("\(evicted) of its \(total) strategy positions end `closed_externally`"),
            "\(evicted) of \(total)")
        try #require(long.count == 3 && short.count == 3)
        #expect(
            page.contains("every stop sits ≈ \(long[0]) % below (LONG) or \(short[0]) % above (SHORT) the market"),
            "LONG \(long), SHORT \(short)")
        // "Every": the distances (against the entry fill, while the guards used the market a
        // moment before it) spread by less than three tenths of a percent.
        for d in [long, short] { #expect(Double(d[2])! - Double(d[1])! < 0.3, "\(d)") }
    }
}
