internal import Foundation
internal import NIOCore

/// A streaming parser of the server side of the NATS client protocol.
///
/// Bytes arrive in arbitrary pieces (``append(_:)``); ``next()`` returns one complete operation
/// at a time, nil when more bytes are needed. A message split across reads keeps its parsed
/// control line until the payload is complete; payloads are slices of the read buffers, so any
/// bytes (CR, LF, binary) pass through untouched.
struct ProtocolParser {
    /// The longest control line accepted before a CRLF (INFO lines carry cluster URLs).
    static let maxControlLine = 1 << 20

    private struct PendingMessage {
        var sid: UInt64
        var subject: String
        var replyTo: String?
        var headerLength: Int
        var totalLength: Int
    }

    private var buffer: ByteBuffer
    private var pending: PendingMessage?
    /// Bytes of the current control line already searched for LF.
    private var scanned = 0
    private var subjects = SubjectCache()

    init() {
        buffer = ByteBufferAllocator().buffer(capacity: 0)
    }

    /// Bytes received but not yet returned as operations.
    var bufferedBytes: Int { buffer.readableBytes }

    /// Adds bytes read from the connection.
    mutating func append(_ bytes: ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer = bytes
        } else {
            buffer.discardReadBytes()
            var bytes = bytes
            buffer.writeBuffer(&bytes)
        }
    }

    /// Drops everything buffered (after a connection is replaced).
    mutating func reset() {
        buffer = ByteBufferAllocator().buffer(capacity: 0)
        pending = nil
        scanned = 0
    }

    /// The next complete operation, nil when the buffered bytes end inside one.
    ///
    /// - Throws: ``NATSError/protocolError(_:)`` for bytes that are not the NATS protocol.
    mutating func next() throws(NATSError) -> ServerOperation? {
        if let message = pending {
            return try completeMessage(message)
        }
        let readable = buffer.readableBytes
        guard readable > scanned else { return nil }
        let found: Int? = buffer.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            guard let hit = memchr(base + scanned, 0x0A, raw.count - scanned) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let lineFeed = found else {
            scanned = readable
            if readable > Self.maxControlLine {
                throw .protocolError("control line longer than \(Self.maxControlLine) bytes")
            }
            return nil
        }
        scanned = 0
        var lineLength = lineFeed
        if lineLength > 0, buffer.getInteger(at: buffer.readerIndex + lineLength - 1, as: UInt8.self) == 0x0D {
            lineLength -= 1
        }
        let snapshot = buffer
        let parsed: Result<ControlLine, NATSError> = snapshot.withUnsafeReadableBytes { raw in
            Result { () throws(NATSError) in
                try parseControlLine(UnsafeRawBufferPointer(rebasing: raw[0..<lineLength]))
            }
        }
        buffer.moveReaderIndex(forwardBy: lineFeed + 1)
        switch try parsed.get() {
        case .operation(let op):
            return op
        case .message(let message):
            return try completeMessage(message)
        }
    }

    private mutating func completeMessage(_ message: PendingMessage) throws(NATSError) -> ServerOperation? {
        guard buffer.readableBytes >= message.totalLength + 2 else {
            pending = message
            return nil
        }
        pending = nil
        var headers: NATSHeaders?
        if message.headerLength > 0 {
            headers = try NATSHeaders(wire: buffer.readSlice(length: message.headerLength)!)
        }
        let payload = buffer.readSlice(length: message.totalLength - message.headerLength)!
        guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
            throw .protocolError("message payload not followed by CRLF (\(message.subject))")
        }
        return .message(
            sid: message.sid,
            NATSMessage(subject: message.subject, replyTo: message.replyTo, headers: headers, payload: payload))
    }

    private enum ControlLine {
        case operation(ServerOperation)
        case message(PendingMessage)
    }

    private mutating func parseControlLine(_ line: UnsafeRawBufferPointer) throws(NATSError) -> ControlLine {
        var tokens = TokenList()
        var index = 0
        let count = line.count
        while index < count {
            while index < count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            guard index < count else { break }
            let start = index
            while index < count, line[index] != 0x20, line[index] != 0x09 { index += 1 }
            guard tokens.count < TokenList.capacity else {
                throw .protocolError("too many arguments (\(text(line, 0..<min(count, 64))))")
            }
            tokens.append(start..<index)
            if tokens.count == 1, isVerb(line, tokens[0], "INFO") || isVerb(line, tokens[0], "-ERR") {
                break
            }
        }
        guard tokens.count > 0 else {
            throw .protocolError("empty control line")
        }
        let verb = tokens[0]
        if isVerb(line, verb, "MSG") {
            guard tokens.count == 4 || tokens.count == 5 else {
                throw .protocolError("MSG with \(tokens.count - 1) arguments (\(text(line, 0..<count)))")
            }
            let size = try number(line, tokens[tokens.count - 1])
            return .message(
                PendingMessage(
                    sid: UInt64(try number(line, tokens[2])),
                    subject: subjects.subject(UnsafeRawBufferPointer(rebasing: line[tokens[1]])),
                    replyTo: tokens.count == 5 ? text(line, tokens[3]) : nil,
                    headerLength: 0, totalLength: size))
        }
        if isVerb(line, verb, "HMSG") {
            guard tokens.count == 5 || tokens.count == 6 else {
                throw .protocolError("HMSG with \(tokens.count - 1) arguments (\(text(line, 0..<count)))")
            }
            let headerLength = try number(line, tokens[tokens.count - 2])
            let totalLength = try number(line, tokens[tokens.count - 1])
            guard headerLength <= totalLength else {
                throw .protocolError("HMSG header size above total size (\(text(line, 0..<count)))")
            }
            return .message(
                PendingMessage(
                    sid: UInt64(try number(line, tokens[2])),
                    subject: subjects.subject(UnsafeRawBufferPointer(rebasing: line[tokens[1]])),
                    replyTo: tokens.count == 6 ? text(line, tokens[3]) : nil,
                    headerLength: headerLength, totalLength: totalLength))
        }
        if isVerb(line, verb, "PING") { return .operation(.ping) }
        if isVerb(line, verb, "PONG") { return .operation(.pong) }
        if isVerb(line, verb, "+OK") { return .operation(.ok) }
        if isVerb(line, verb, "-ERR") {
            var message = text(line, verb.upperBound..<count).trimmingASCIIWhitespace()
            if message.count >= 2, message.hasPrefix("'"), message.hasSuffix("'") {
                message = String(message.dropFirst().dropLast())
            }
            return .operation(.error(message))
        }
        if isVerb(line, verb, "INFO") {
            var start = verb.upperBound
            while start < count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
            let json = UnsafeRawBufferPointer(rebasing: line[start..<count])
            do {
                let info = try JSONDecoder().decode(NATSServerInfo.self, from: Data(json))
                return .operation(.info(info))
            } catch {
                throw .protocolError("INFO is not valid JSON (\(text(line, start..<min(count, start + 64))))")
            }
        }
        throw .protocolError("unknown operation (\(text(line, 0..<min(count, 64))))")
    }

    private func isVerb(_ line: UnsafeRawBufferPointer, _ token: Range<Int>, _ verb: StaticString) -> Bool {
        guard token.count == verb.utf8CodeUnitCount else { return false }
        let expected = verb.utf8Start
        for offset in 0..<token.count {
            var byte = line[token.lowerBound + offset]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            if byte != expected[offset] { return false }
        }
        return true
    }

    private func number(_ line: UnsafeRawBufferPointer, _ token: Range<Int>) throws(NATSError) -> Int {
        guard !token.isEmpty, token.count <= 18 else {
            throw .protocolError("bad number in control line (\(text(line, token)))")
        }
        var value = 0
        for index in token {
            let digit = Int(line[index]) - 48
            guard digit >= 0, digit <= 9 else {
                throw .protocolError("bad number in control line (\(text(line, token)))")
            }
            value = value * 10 + digit
        }
        return value
    }

    private func text(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
    }
}

/// Up to six token ranges of a control line, stored inline (no allocation per message).
private struct TokenList {
    static let capacity = 6
    private var storage: (Range<Int>, Range<Int>, Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (
        0..<0, 0..<0, 0..<0, 0..<0, 0..<0, 0..<0
    )
    private(set) var count = 0

    mutating func append(_ range: Range<Int>) {
        switch count {
        case 0: storage.0 = range
        case 1: storage.1 = range
        case 2: storage.2 = range
        case 3: storage.3 = range
        case 4: storage.4 = range
        default: storage.5 = range
        }
        count += 1
    }

    subscript(index: Int) -> Range<Int> {
        switch index {
        case 0: storage.0
        case 1: storage.1
        case 2: storage.2
        case 3: storage.3
        case 4: storage.4
        default: storage.5
        }
    }
}
