public import TradeEngine

/// Which instant a recorded signal is decided at (scenario key `signal_time`): the producer's
/// `timestamp` field, or the instant the recorder received it (`_received_at`, written by
/// `hedgesim signals record`). The live engine's duplicate gate and 300 s staleness rule are
/// about receive time, so `receive` replays a recording as the engine saw it.
public enum SignalTimeSource: String, CaseIterable, ScenarioChoice {
    /// The signal's own `timestamp` field.
    case field
    /// The recorder's `_received_at` field.
    case receive

    /// The `_received_at` time of a recorded line, the last one when the key repeats.
    /// - Throws: `SignalDecodingError` when the line has no `_received_at` or it is not an
    ///   ISO-8601 time.
    public static func receiveTime(
        _ line: UnsafeRawBufferPointer, file: String, line number: Int
    ) throws(SignalDecodingError) -> SignalTime {
        let key = Array(#""_received_at""#.utf8)
        var found: Int?
        if line.count >= key.count {
            var start = line.count - key.count
            while start >= 0, found == nil {
                if line[start] == key[0], (1..<key.count).allSatisfy({ line[start + $0] == key[$0] }) { found = start }
                start -= 1
            }
        }
        guard var position = found.map({ $0 + key.count }) else {
            throw SignalDecodingError(
                file: file, line: number, message: "signal_time: receive needs a _received_at field", value: "none")
        }
        while position < line.count, line[position] == 0x20 || line[position] == UInt8(ascii: ":") { position += 1 }
        var end = position
        if position < line.count, line[position] == UInt8(ascii: "\"") {
            position += 1
            end = position
            while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[position..<end]), as: UTF8.self)
        guard end > position, let time = SignalTime(iso8601: text) else {
            throw SignalDecodingError(
                file: file, line: number, message: "_received_at is not an ISO-8601 time",
                value: String(text.prefix(60)))
        }
        return time
    }
}
