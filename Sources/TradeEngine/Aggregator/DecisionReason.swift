public import Market

/// Why a signal was decided as it was. `text` renders the live reason string exactly; the
/// values are kept so records stay cheap to build and reports can group by cause.
public enum DecisionReason: Sendable, Hashable, CustomStringConvertible {
    /// `CIO Enforcement: All BUY signals must be audited by petrosa-cio. Source 'x' is not authorized.`
    case sourceNotAuthorized(action: SignalAction, source: String, required: String)
    /// `Duplicate signal detected (age: 3.25s)`: live's `time.time() - first_seen` on the two
    /// instants (microseconds since the epoch) as Python floats, printed `.2f`.
    case duplicate(nowMicroseconds: Int64, firstSeenMicroseconds: Int64)
    /// `Signal indicates hold action`.
    case hold
    /// `Accumulation cooldown active (120s/300s)`: live's `cooldown - (time.time() - last)` on
    /// the two instants (microseconds since the epoch) as Python floats, printed `.0f`.
    case cooldown(nowMicroseconds: Int64, entryMicroseconds: Int64, windowMilliseconds: Int64)
    /// `Confidence below threshold` (Deterministic).
    case confidenceBelowThreshold
    /// `Lower confidence than conflicting signal` (Deterministic, one-way or unaware mode).
    case lowerConfidenceThanConflict
    /// `Maximum accumulations reached (10) for BTCUSDT buy` (Deterministic).
    case maxAccumulations(limit: Int, symbol: Symbol, action: SignalAction)
    /// `Weaker than existing same-direction signal (confidence: 0.8)`.
    case weakerThanSameDirection(maxConfidence: Double)
    /// `Same-direction signal already exists from momentum_v1`.
    case sameDirectionExists(strategyID: String)
    /// `Deterministic rules satisfied`, plus `. ` and the same-direction note when there is one.
    case deterministicSatisfied(SameDirectionNote?)
    /// `ML model confidence too low`.
    case mlConfidenceTooLow
    /// `ML model approved signal`.
    case mlApproved
    /// `LLM rejected signal`.
    case llmRejected
    /// `LLM reasoning approved signal`.
    case llmApproved
    /// `CIO audit trusted` (LLM, source `petrosa-cio`).
    case cioAuditTrusted
    /// A processor error, with the Python exception text the live dispatch would return.
    case processorError(String)

    /// The live reason string.
    public var text: String {
        switch self {
        case .sourceNotAuthorized(let action, let source, let required):
            "CIO Enforcement: All \(action.rawValue.uppercased()) signals must be audited by \(required). "
                + "Source '\(source)' is not authorized."
        case .duplicate(let now, let first):
            "Duplicate signal detected (age: \(PythonFloat.fixed(DecisionReason.seconds(now, since: first), decimals: 2))s)"
        case .hold:
            "Signal indicates hold action"
        case .cooldown(let now, let entry, let window):
            "Accumulation cooldown active (\(DecisionReason.remainingText(now, entry, window))s/"
                + "\(DecisionReason.secondsText(window))s)"
        case .confidenceBelowThreshold:
            "Confidence below threshold"
        case .lowerConfidenceThanConflict:
            "Lower confidence than conflicting signal"
        case .maxAccumulations(let limit, let symbol, let action):
            "Maximum accumulations reached (\(limit)) for \(symbol.name) \(action.rawValue)"
        case .weakerThanSameDirection(let maxConfidence):
            "Weaker than existing same-direction signal (confidence: \(PythonFloat.repr(maxConfidence)))"
        case .sameDirectionExists(let strategyID):
            "Same-direction signal already exists from \(strategyID)"
        case .deterministicSatisfied(let note):
            note.map { "Deterministic rules satisfied. \($0.text)" } ?? "Deterministic rules satisfied"
        case .mlConfidenceTooLow:
            "ML model confidence too low"
        case .mlApproved:
            "ML model approved signal"
        case .llmRejected:
            "LLM rejected signal"
        case .llmApproved:
            "LLM reasoning approved signal"
        case .cioAuditTrusted:
            "CIO audit trusted"
        case .processorError(let message):
            message
        }
    }

    public var description: String { text }

    /// An instant as live's `time.time()` float: epoch seconds, the microseconds divided by 10⁶
    /// and rounded once (as Python's `timedelta / timedelta(seconds=1)`).
    static func epochSeconds(_ microseconds: Int64) -> Double { Double(microseconds) / 1_000_000 }

    /// `now - since` in Python floats: the difference of the two epoch-second floats, so an age
    /// of 0.015 s can be 0.0150001… and print `0.02`.
    static func seconds(_ now: Int64, since: Int64) -> Double { epochSeconds(now) - epochSeconds(since) }

    /// Python's `f"{cooldown_seconds - elapsed:.0f}"`, `elapsed` the float difference of the two
    /// instants and the window in seconds (an int in live, exact here).
    static func remainingText(_ now: Int64, _ entry: Int64, _ window: Int64) -> String {
        PythonFloat.fixed(Double(window) / 1000 - seconds(now, since: entry), decimals: 0)
    }

    /// The window in seconds as the live constant prints: `300`, or `1.5` for a fraction.
    static func secondsText(_ milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? String(milliseconds / 1000) : PythonFloat.repr(Double(milliseconds) / 1000)
    }
}

/// The Deterministic processor's note on same-direction signals it accepted.
public enum SameDirectionNote: Sendable, Hashable {
    /// `Accumulating position from multiple strategies (3/10)`: the count includes the signal.
    case accumulating(count: Int, limit: Int)
    /// `Strongest signal in same direction`.
    case strongest

    /// The live text.
    public var text: String {
        switch self {
        case .accumulating(let count, let limit): "Accumulating position from multiple strategies (\(count)/\(limit))"
        case .strongest: "Strongest signal in same direction"
        }
    }
}
