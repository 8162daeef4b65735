/// The line format of recordings.
///
/// A signal line is the message body exactly as received (trailing whitespace removed, CR/LF
/// outside the last position turned into spaces so the object stays on one line) with fields
/// appended before its closing brace:
/// `,"_received_at":"2026-06-10T14:15:00.123456Z","_subject":"signals.trading.x"` and, for
/// JetStream, `,"_stream":"SIGNALS","_stream_seq":42`. The signal decoder ignores unknown keys,
/// and appended keys win over any the producer sent (a duplicated key keeps its last value).
///
/// A reject line is a JSON object of its own: `_received_at`, `_subject`, (`_stream`,
/// `_stream_seq`), `_error` (the decoder's message) and `_body` (the body as a JSON string) or
/// `_body_base64` when the body is not UTF-8.
public enum RecordLine {
    /// Appends the signal line for `body` (a JSON object the decoder accepted) to `out`.
    static func appendSignal(
        body: UnsafeRawBufferPointer, receivedAt: Int64, subject: String, stream: String?, sequence: UInt64,
        to out: inout [UInt8]
    ) {
        var end = body.count
        while end > 0, isSpace(body[end - 1]) { end -= 1 }
        // The decoder accepted an object, so the last byte is its closing brace.
        let close = end - 1
        var inner = close
        while inner > 0, isSpace(body[inner - 1]) { inner -= 1 }
        let empty = inner > 0 && body[inner - 1] == UInt8(ascii: "{")
        for index in 0..<close {
            let byte = body[index]
            out.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
        if !empty { out.append(UInt8(ascii: ",")) }
        appendFields(receivedAt: receivedAt, subject: subject, stream: stream, sequence: sequence, to: &out)
        out.append(UInt8(ascii: "}"))
        out.append(0x0A)
    }

    /// Appends the reject line for `body` with the decoder's `error` to `out`.
    static func appendReject(
        body: UnsafeRawBufferPointer, error: String, receivedAt: Int64, subject: String, stream: String?,
        sequence: UInt64, to out: inout [UInt8]
    ) {
        out.append(UInt8(ascii: "{"))
        appendFields(receivedAt: receivedAt, subject: subject, stream: stream, sequence: sequence, to: &out)
        out.append(contentsOf: Array(#","_error":"#.utf8))
        appendString(Array(error.utf8)[...], to: &out)
        let bytes = Array(body)
        if Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes {
            out.append(contentsOf: Array(#","_body":"#.utf8))
            appendString(bytes[...], to: &out)
        } else {
            out.append(contentsOf: Array(#","_body_base64":""#.utf8))
            out.append(contentsOf: base64(bytes))
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: Array("}\n".utf8))
    }

    /// The stream sequence a recorded line carries for `stream`, if any.
    public static func streamSequence(in line: UnsafeRawBufferPointer, stream: String) -> UInt64? {
        let key = Array(#""_stream":"#.utf8)
        var quoted: [UInt8] = []
        appendString(Array(stream.utf8)[...], to: &quoted)
        let seqKey = Array(#","_stream_seq":"#.utf8)
        // The fields are appended last; search backwards for `"_stream":`.
        guard let start = lastIndex(of: key, in: line) else { return nil }
        var position = start + key.count
        for byte in quoted {
            guard position < line.count, line[position] == byte else { return nil }
            position += 1
        }
        for byte in seqKey {
            guard position < line.count, line[position] == byte else { return nil }
            position += 1
        }
        var value: UInt64 = 0
        var digits = 0
        while position < line.count, line[position] >= 0x30, line[position] <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(line[position] - 0x30))
            if o1 || o2 { return nil }
            value = sum
            digits += 1
            position += 1
        }
        return digits > 0 ? value : nil
    }

    /// The `_received_at` text of a recorded line, if any.
    public static func receivedAt(in line: UnsafeRawBufferPointer) -> String? {
        let key = Array(#""_received_at":""#.utf8)
        guard let start = lastIndex(of: key, in: line) else { return nil }
        var end = start + key.count
        while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < line.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[(start + key.count)..<end]), as: UTF8.self)
    }

    private static func appendFields(
        receivedAt: Int64, subject: String, stream: String?, sequence: UInt64, to out: inout [UInt8]
    ) {
        out.append(contentsOf: Array(#""_received_at":""#.utf8))
        ReceiveClock.appendISO8601(receivedAt, to: &out)
        out.append(contentsOf: Array(#"","_subject":"#.utf8))
        appendString(Array(subject.utf8)[...], to: &out)
        if let stream {
            out.append(contentsOf: Array(#","_stream":"#.utf8))
            appendString(Array(stream.utf8)[...], to: &out)
            out.append(contentsOf: Array(#","_stream_seq":"#.utf8))
            out.append(contentsOf: Array(String(sequence).utf8))
        }
    }

    /// Appends `text` as a JSON string (quotes, escapes for `"`, `\` and control characters).
    static func appendString(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func lastIndex(of key: [UInt8], in line: UnsafeRawBufferPointer) -> Int? {
        guard line.count >= key.count else { return nil }
        var start = line.count - key.count
        while start >= 0 {
            if line[start] == key[0] {
                var matched = true
                for offset in 1..<key.count where line[start + offset] != key[offset] {
                    matched = false
                    break
                }
                if matched { return start }
            }
            start -= 1
        }
        return nil
    }

    private static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(table[b0 >> 2])
            out.append(table[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(index + 1 < bytes.count ? table[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? table[b2 & 63] : UInt8(ascii: "="))
            index += 3
        }
        return out
    }
}
