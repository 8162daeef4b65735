import NIOCore
import Testing

@testable import NATS

@Suite struct ProtocolParserTests {
    /// Feeds `chunks` to a parser and collects every operation.
    private func parse(_ chunks: [[UInt8]]) throws -> [ServerOperation] {
        var parser = ProtocolParser()
        var operations: [ServerOperation] = []
        for chunk in chunks {
            parser.append(ByteBuffer(bytes: chunk))
            while let operation = try parser.next() { operations.append(operation) }
        }
        #expect(parser.bufferedBytes == 0)
        return operations
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private static let binaryPayload: [UInt8] = [0, 13, 10, 255, 77, 83, 71, 32, 13, 10, 13, 10, 1, 2, 3]

    private var mixedStream: [UInt8] {
        var stream = bytes(
            "INFO {\"server_id\":\"S1\",\"version\":\"2.9.10\",\"max_payload\":1048576,\"headers\":true}\r\n"
                + "PING\r\nPONG\r\n+OK\r\nMSG signals.trading.alpha 7 11\r\nhello world\r\n"
                + "MSG a.b 9 _INBOX.x.1 \(Self.binaryPayload.count)\r\n")
        stream += Self.binaryPayload + bytes("\r\n")
        let headers = "NATS/1.0\r\nNats-Msg-Id: abc\r\nX: 1\r\nX: 2\r\n\r\n"
        stream += bytes("HMSG c.d 3 \(headers.utf8.count) \(headers.utf8.count + 2)\r\n\(headers)hi\r\n")
        stream += bytes("HMSG _INBOX.x.2 4 16 16\r\nNATS/1.0 503\r\n\r\n\r\n")
        stream += bytes("MSG empty 5 0\r\n\r\n-ERR 'Authorization Violation'\r\n")
        return stream
    }

    private func checkMixed(_ operations: [ServerOperation]) throws {
        try #require(operations.count == 10)
        guard case .info(let info) = operations[0] else {
            Issue.record("not INFO: \(operations[0])")
            return
        }
        #expect(info.serverID == "S1")
        #expect(info.version == "2.9.10")
        #expect(info.maxPayload == 1_048_576)
        #expect(operations[1] == .ping)
        #expect(operations[2] == .pong)
        #expect(operations[3] == .ok)
        #expect(
            operations[4]
                == .message(
                    sid: 7, NATSMessage(subject: "signals.trading.alpha", payload: ByteBuffer(string: "hello world"))))
        #expect(
            operations[5]
                == .message(
                    sid: 9,
                    NATSMessage(subject: "a.b", replyTo: "_INBOX.x.1", payload: ByteBuffer(bytes: Self.binaryPayload))))
        guard case .message(let sid, let withHeaders) = operations[6] else {
            Issue.record("not HMSG")
            return
        }
        #expect(sid == 3)
        #expect(withHeaders.subject == "c.d")
        #expect(withHeaders.payloadString == "hi")
        #expect(withHeaders.headers?["Nats-Msg-Id"] == "abc")
        #expect(withHeaders.headers?.values(for: "X") == ["1", "2"])
        #expect(withHeaders.headers?["x"] == nil)
        #expect(withHeaders.status == nil)
        guard case .message(_, let status) = operations[7] else {
            Issue.record("not HMSG status")
            return
        }
        #expect(status.status == NATSStatus(code: 503))
        #expect(status.payload.readableBytes == 0)
        #expect(operations[8] == .message(sid: 5, NATSMessage(subject: "empty", payload: ByteBuffer())))
        #expect(operations[9] == .error("Authorization Violation"))
    }

    @Test func parsesEveryOperationInOneRead() throws {
        try checkMixed(try parse([mixedStream]))
    }

    @Test func parsesTheSameStreamFedByteByByte() throws {
        try checkMixed(try parse(mixedStream.map { [$0] }))
    }

    @Test(arguments: [2, 3, 7, 13, 64])
    func parsesTheSameStreamInChunks(size: Int) throws {
        let stream = mixedStream
        let chunks = stride(from: 0, to: stream.count, by: size).map {
            Array(stream[$0..<min($0 + size, stream.count)])
        }
        try checkMixed(try parse(chunks))
    }

    @Test func parsesManyMessagesPerRead() throws {
        var stream: [UInt8] = []
        for index in 0..<1000 {
            let payload = "payload-\(index)\r\nwith CRLF"
            stream += bytes("MSG s.\(index % 7) 1 \(payload.utf8.count)\r\n\(payload)\r\n")
        }
        let operations = try parse([stream])
        #expect(operations.count == 1000)
        for (index, operation) in operations.enumerated() {
            #expect(
                operation
                    == .message(
                        sid: 1,
                        NATSMessage(
                            subject: "s.\(index % 7)", payload: ByteBuffer(string: "payload-\(index)\r\nwith CRLF"))))
        }
    }

    @Test func reusesSubjectStringsAndKeepsLongSubjectsExact() throws {
        let subject = "signals.trading.strategy-with-a-long-name"
        let other = "signals.trading.strategy-with-a-long-namf"
        let operations = try parse([
            bytes("MSG \(subject) 1 1\r\na\r\nMSG \(other) 1 1\r\nb\r\nMSG \(subject) 1 1\r\nc\r\n")
        ])
        let subjects = operations.compactMap { operation -> String? in
            if case .message(_, let message) = operation { return message.subject }
            return nil
        }
        #expect(subjects == [subject, other, subject])
    }

    @Test func acceptsLowerCaseVerbsAndTabs() throws {
        let operations = try parse([bytes("msg\ta.b\t2\t1\r\nx\r\nping\r\n")])
        #expect(operations == [.message(sid: 2, NATSMessage(subject: "a.b", payload: ByteBuffer(string: "x"))), .ping])
    }

    @Test func errorWithoutQuotesKeepsItsText() throws {
        #expect(try parse([bytes("-ERR Stale Connection\r\n")]) == [.error("Stale Connection")])
    }

    @Test func headerStatusWithDescription() throws {
        let block = "NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 4\r\n\r\n"
        let operations = try parse([bytes("HMSG in.box 1 \(block.utf8.count) \(block.utf8.count)\r\n\(block)\r\n")])
        guard case .message(_, let message) = operations.first else {
            Issue.record("no message")
            return
        }
        #expect(message.status == NATSStatus(code: 100, text: "Idle Heartbeat"))
        #expect(message.headers?["Nats-Last-Consumer"] == "4")
    }

    @Test(arguments: [
        ("FOO bar\r\n", "NATS protocol error: unknown operation (FOO bar)"),
        ("MSG a 1\r\n", "NATS protocol error: MSG with 2 arguments (MSG a 1)"),
        ("MSG a 1 x\r\n", "NATS protocol error: bad number in control line (x)"),
        ("HMSG a 1 9 3\r\n", "NATS protocol error: HMSG header size above total size (HMSG a 1 9 3)"),
        ("MSG a 1 2\r\nabcd\r\n", "NATS protocol error: message payload not followed by CRLF (a)"),
        ("HMSG a 1 8 8\r\nHTTP/1.1\r\n", "NATS protocol error: header block does not start with NATS/1.0 (HTTP/1.1)"),
        ("INFO {nope\r\n", "NATS protocol error: INFO is not valid JSON ({nope)"),
        ("MSG a 1 2 3 4 5\r\n", "NATS protocol error: too many arguments (MSG a 1 2 3 4 5)"),
    ])
    func rejectsMalformedInput(input: String, message: String) {
        var parser = ProtocolParser()
        parser.append(ByteBuffer(string: input))
        #expect {
            while try parser.next() != nil {}
        } throws: { error in
            (error as? NATSError)?.description == message
        }
    }

    @Test func rejectsAnEndlessControlLine() {
        var parser = ProtocolParser()
        parser.append(ByteBuffer(repeating: UInt8(ascii: "A"), count: ProtocolParser.maxControlLine + 1))
        #expect(throws: NATSError.protocolError("control line longer than 1048576 bytes")) {
            _ = try parser.next()
        }
    }
}
