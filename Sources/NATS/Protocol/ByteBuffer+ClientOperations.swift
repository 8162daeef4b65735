internal import NIOCore

/// Encoders of the client side of the protocol, written straight into the outbound buffer.
extension ByteBuffer {
    /// `PUB subject [reply] size\r\npayload\r\n`, or `HPUB … headerSize totalSize` with headers.
    mutating func writePublish(subject: String, replyTo: String?, headers: NATSHeaders?, payload: ByteBuffer) {
        let headerLength = headers?.wireLength ?? 0
        if headers != nil {
            writeStaticString("HPUB ")
        } else {
            writeStaticString("PUB ")
        }
        writeString(subject)
        writeInteger(UInt8(ascii: " "))
        if let replyTo {
            writeString(replyTo)
            writeInteger(UInt8(ascii: " "))
        }
        if let headers {
            writeDecimal(headerLength)
            writeInteger(UInt8(ascii: " "))
            writeDecimal(headerLength + payload.readableBytes)
            writeStaticString("\r\n")
            headers.write(to: &self)
        } else {
            writeDecimal(payload.readableBytes)
            writeStaticString("\r\n")
        }
        writeImmutableBuffer(payload)
        writeStaticString("\r\n")
    }

    /// `SUB subject [queue] sid\r\n`.
    mutating func writeSubscribe(subject: String, queueGroup: String?, sid: UInt64) {
        writeStaticString("SUB ")
        writeString(subject)
        writeInteger(UInt8(ascii: " "))
        if let queueGroup {
            writeString(queueGroup)
            writeInteger(UInt8(ascii: " "))
        }
        writeDecimal(Int(sid))
        writeStaticString("\r\n")
    }

    /// `UNSUB sid [max]\r\n`.
    mutating func writeUnsubscribe(sid: UInt64, max: Int?) {
        writeStaticString("UNSUB ")
        writeDecimal(Int(sid))
        if let max {
            writeInteger(UInt8(ascii: " "))
            writeDecimal(max)
        }
        writeStaticString("\r\n")
    }

    /// A non-negative integer in ASCII decimal.
    mutating func writeDecimal(_ value: Int) {
        if value < 10 {
            writeInteger(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var remaining = value
            var index = raw.count
            while remaining > 0 {
                index -= 1
                raw[index] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
                remaining /= 10
            }
            return raw.count - index
        }
        withUnsafeBytes(of: &digits) { raw in
            _ = writeBytes(UnsafeRawBufferPointer(rebasing: raw[(raw.count - count)...]))
        }
    }
}
