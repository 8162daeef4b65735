import Testing

@testable import Capture

/// The recorded line format, without a server.
@Suite struct RecordLineTests {
    private func signalLine(_ body: String, stream: String? = nil, sequence: UInt64 = 0) -> String {
        var out: [UInt8] = []
        Array(body.utf8).withUnsafeBytes {
            RecordLine.appendSignal(
                body: $0, receivedAt: 1_781_100_900_123_456, subject: "signals.trading.x", stream: stream,
                sequence: sequence, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func appendsTheFieldsBeforeTheClosingBrace() {
        #expect(
            signalLine(#"{"a":1}"#)
                == #"{"a":1,"_received_at":"2026-06-10T14:15:00.123456Z","_subject":"signals.trading.x"}"# + "\n")
        #expect(
            signalLine("{\"a\":\n1}  \r\n", stream: "SIGNALS", sequence: 42)
                == #"{"a": 1,"_received_at":"2026-06-10T14:15:00.123456Z","_subject":"signals.trading.x","#
                + #""_stream":"SIGNALS","_stream_seq":42}"# + "\n")
        #expect(signalLine("{ }").hasPrefix(#"{ "_received_at":"#))
    }

    @Test func readsTheStreamSequenceAndReceiveTimeBack() {
        let line = Array(signalLine(#"{"_stream":"X","a":1}"#, stream: "SIGNALS", sequence: 7).utf8.dropLast())
        line.withUnsafeBytes {
            #expect(RecordLine.streamSequence(in: $0, stream: "SIGNALS") == 7)
            #expect(RecordLine.streamSequence(in: $0, stream: "OTHER") == nil)
            #expect(RecordLine.receivedAt(in: $0) == "2026-06-10T14:15:00.123456Z")
        }
    }

    @Test func rejectLinesKeepTheBodyAndTheError() {
        var out: [UInt8] = []
        Array("not \"json\"\n".utf8).withUnsafeBytes {
            RecordLine.appendReject(
                body: $0, error: "expected a JSON object (not)", receivedAt: 0, subject: "s", stream: nil, sequence: 0,
                to: &out)
        }
        #expect(
            String(decoding: out, as: UTF8.self)
                == #"{"_received_at":"1970-01-01T00:00:00.000000Z","_subject":"s","_error":"expected a JSON object (not)","#
                + #""_body":"not \"json\"\n"}"# + "\n")
        out = []
        ([0xFF, 0x00, 0x41] as [UInt8]).withUnsafeBytes {
            RecordLine.appendReject(
                body: $0, error: "e", receivedAt: 0, subject: "s", stream: nil, sequence: 0, to: &out)
        }
        #expect(String(decoding: out, as: UTF8.self).hasSuffix(#""_body_base64":"/wBB"}"# + "\n"))
    }

    @Test func rotationNamesFilesByUTCDayOrHour() {
        let micros: Int64 = 1_781_100_900_123_456  // 2026-06-10T14:15:00Z
        #expect(Rotation.daily.stem(of: Rotation.daily.period(of: micros)) == "signals-2026-06-10")
        #expect(Rotation.hourly.stem(of: Rotation.hourly.period(of: micros)) == "signals-2026-06-10-14")
        #expect(Rotation.daily.period(of: micros) != Rotation.daily.period(of: micros + 86_400_000_000))
        #expect(ReceiveClock.iso8601(951_782_400_000_001) == "2000-02-29T00:00:00.000001Z")
    }
}
