/// The live CIO-enforcement gate (dispatcher step 2): when a source is required, `buy` and
/// `sell` signals from any other source are rejected; `hold` and `close` pass.
public struct SourceGate: Sendable, Hashable {
    /// The required source (live `petrosa-cio`); nil turns the gate off.
    public var requiredSource: String?

    public init(requiredSource: String?) { self.requiredSource = requiredSource }

    /// The rejection reason, or nil when the signal passes.
    public func check(_ signal: Signal) -> DecisionReason? {
        guard let requiredSource, signal.action == .buy || signal.action == .sell, signal.source != requiredSource
        else { return nil }
        return .sourceNotAuthorized(action: signal.action, source: signal.source, required: requiredSource)
    }
}
