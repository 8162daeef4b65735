internal import NIOCore

extension TimeAmount {
    /// The same span as a `Duration`, to the nanosecond.
    static func of(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
