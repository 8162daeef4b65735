internal import NIOCore

extension NATSHeaders {
    private static let versionLine = Array("NATS/1.0".utf8)

    /// Parses the header block of an `HMSG` (`NATS/1.0[ status]\r\n` then `Name: value\r\n`
    /// lines, then an empty line).
    init(wire: ByteBuffer) throws(NATSError) {
        let bytes = Array(wire.readableBytesView)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        guard let first = lines.first, first.starts(with: Self.versionLine) else {
            let shown = String(decoding: bytes.prefix(16), as: UTF8.self)
            throw .protocolError("header block does not start with NATS/1.0 (\(shown))")
        }
        self.init()
        let rest = first.dropFirst(Self.versionLine.count)
        let statusText = String(decoding: rest, as: UTF8.self).trimmingASCIIWhitespace()
        if !statusText.isEmpty {
            let codeText = statusText.prefix(3)
            guard codeText.count == 3, let code = Int(codeText) else {
                throw .protocolError("header status is not a three-digit code (\(statusText))")
            }
            status = NATSStatus(code: code, text: statusText.dropFirst(3).trimmingASCIIWhitespace())
        }
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw .protocolError("header line without a colon (\(String(decoding: line, as: UTF8.self)))")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            if name.isEmpty { continue }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
            append(value, for: name)
        }
    }

    /// Checks that every name and value can travel in a header block.
    func validateForWire() throws(NATSError) {
        for field in fields {
            guard !field.name.isEmpty,
                field.name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") })
            else { throw .invalidHeader("name \(field.name.debugDescription)") }
            guard field.value.utf8.allSatisfy({ $0 != 0x0D && $0 != 0x0A }) else {
                throw .invalidHeader("value of \(field.name) contains CR or LF")
            }
        }
    }

    /// The size of the block ``write(to:)`` produces.
    var wireLength: Int {
        var length = Self.versionLine.count + 4
        if let status { length += 1 + status.description.utf8.count }
        for field in fields { length += field.name.utf8.count + 2 + field.value.utf8.count + 2 }
        return length
    }

    /// Writes the header block, including its closing empty line.
    func write(to buffer: inout ByteBuffer) {
        buffer.writeBytes(Self.versionLine)
        if let status {
            buffer.writeInteger(UInt8(ascii: " "))
            buffer.writeString(status.description)
        }
        buffer.writeStaticString("\r\n")
        for field in fields {
            buffer.writeString(field.name)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }
}
