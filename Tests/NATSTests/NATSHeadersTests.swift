import NIOCore
import Testing

@testable import NATS

@Suite struct NATSHeadersTests {
    @Test func wireRoundTripKeepsOrderCaseAndRepeats() throws {
        var headers: NATSHeaders = ["Nats-Msg-Id": "m-1", "x-Trace": "a"]
        headers.append("b", for: "x-Trace")
        var buffer = ByteBuffer()
        headers.write(to: &buffer)
        #expect(buffer.readableBytes == headers.wireLength)
        #expect(String(buffer: buffer) == "NATS/1.0\r\nNats-Msg-Id: m-1\r\nx-Trace: a\r\nx-Trace: b\r\n\r\n")
        let parsed = try NATSHeaders(wire: buffer)
        #expect(parsed == headers)
    }

    @Test func subscriptSetReplacesEveryValueInPlace() {
        var headers: NATSHeaders = ["A": "1", "B": "2", "A": "3"]
        headers["A"] = "9"
        #expect(headers.fields.map(\.name) == ["A", "B"])
        #expect(headers["A"] == "9")
        headers["B"] = nil
        #expect(headers.fields == [NATSHeaders.Field(name: "A", value: "9")])
    }

    @Test(arguments: [
        (NATSHeaders(["": "x"]), "invalid NATS header (name \"\")"),
        (NATSHeaders(["a:b": "x"]), "invalid NATS header (name \"a:b\")"),
        (NATSHeaders(["a b": "x"]), "invalid NATS header (name \"a b\")"),
        (NATSHeaders(["ok": "line\r\nbreak"]), "invalid NATS header (value of ok contains CR or LF)"),
    ])
    func rejectsHeadersThatCannotTravel(headers: NATSHeaders, message: String) {
        #expect {
            try headers.validateForWire()
        } throws: { error in
            (error as? NATSError)?.description == message
        }
    }
}

extension NATSHeaders {
    fileprivate init(_ pairs: KeyValuePairs<String, String>) {
        self.init(pairs.map { NATSHeaders.Field(name: $0.key, value: $0.value) })
    }
}
