import Market
import Testing
import TradeEngine

@testable import Results

/// The result digest derived from the column lists.
@Suite struct ResultDigestTests {
    /// The digest of the hand-made run, as the digest has always hashed it: a change here changes
    /// every pinned result digest.
    static let handMadeDigest = "e441f3ab5fbda10cd473c714b47b613656aa62a58609df6b7c73140d9f4b5ffd"

    @Test func handMadeRunDigestIsPinned() {
        #expect(HandMadeRun.run.computeDigest() == Self.handMadeDigest)
    }

    @Test func emptyRunDigestIsPinned() {
        let run = RunResult(header: HandMadeRun.header, label: "empty", engineVersion: "0", initialBalance: 1)
        var expected = SHA256()
        expected.update(
            "#run\n" + HandMadeRun.header.portableSettingsJSON + "\u{1F}0\u{1F}0\u{1F}1\n#signal_decisions\n#orders\n"
                + "#fills\n#funding\n#strategy_positions\n#position_contributions\n#exchange_positions\n#equity\n")
        #expect(run.computeDigest() == expected.hexDigest())
    }

    /// What only names or describes a run, report-only columns and wall times leave the digest
    /// as it is.
    @Test func reportOnlyValuesLeaveTheDigest() {
        var run = HandMadeRun.run
        run.label = "other"
        run.header.scenario = "other"
        run.header.scenarioFile = "/elsewhere/x.yaml"
        run.header.settingsJSON = "{\"x\":1}"
        run.header.sameDirection = "accumulate"
        run.decisions[0].file = "/another/folder/signals.jsonl"
        run.fills[0].strategyID = "someone"
        run.fills[0].fill.clientOrderID = "other"
        run.strategyPositions[0].metadata.timeframe = "4h"
        run.exchangePositions[0].key = PositionKey("BTCUSDT", .long)
        run.equity[2].drawdownFraction = 0.9
        run.priceBars = []
        run.finalMarks = []
        run.dataDigest = "x"
        run.resultDigest = "y"
        run.timings = RunTimings(read: 9, simulate: 9, report: 9)
        #expect(run.computeDigest() == Self.handMadeDigest)
    }

    @Test(arguments: 0..<8)
    func digestFieldsChangeTheDigest(_ change: Int) {
        var run = HandMadeRun.run
        switch change {
        case 0: run.header.portableSettingsJSON += " "
        case 1: run.decisions[1].file = "rel/other.jsonl"
        case 2: run.orders[1].rejectMessage = nil
        case 3: run.fills[1].fill.isMaker = false
        case 4: run.funding[0].shares[1].amount = .zero
        case 5: run.strategyPositions[1].protectionNote = nil
        case 6: run.exchangePositions[0].contributingStrategies.removeLast()
        default: run.equity[6].time = Timestamp(milliseconds: 0)
        }
        #expect(run.computeDigest() != Self.handMadeDigest)
    }

    /// Rows and fields are separated unambiguously: moving text from one field into the next
    /// changes the digest.
    @Test func fieldBoundariesCount() {
        var a = HandMadeRun.run
        var b = HandMadeRun.run
        a.decisions[0].stage = "exchange"
        a.decisions[0].status = "executed"
        b.decisions[0].stage = "exchangeexecuted"
        b.decisions[0].status = ""
        #expect(a.computeDigest() != b.computeDigest())
    }

    /// Long text goes around the hashing buffer and grows the capture buffer of reordered rows.
    @Test func longTextIsHashedWhole() {
        var a = HandMadeRun.run
        a.decisions[1].reason = String(repeating: "r", count: 200_000)
        a.strategyPositions[1].protectionNote = String(repeating: "p", count: 150_000)
        var b = a
        b.strategyPositions[1].protectionNote! += "p"
        #expect(a.computeDigest() != b.computeDigest())
        #expect(a.computeDigest() == a.computeDigest())
    }
}
