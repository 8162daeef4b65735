/// RFC 4180 CSV encoding: UTF-8, a header row, CRLF record ends, a field quoted when it holds a
/// comma, a quote, CR or LF (quotes doubled inside). NULL is an empty field; an empty string is
/// `""`, so the two stay distinct.
enum CSVWriter {
    static let recordEnd: [UInt8] = [0x0D, 0x0A]

    /// Appends one field (without separator).
    static func appendField(_ text: String, to out: inout [UInt8]) {
        var needsQuotes = text.isEmpty
        if !needsQuotes {
            for byte in text.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Appends one record: fields separated by commas, nil as an empty field, then CRLF.
    static func appendRecord(_ fields: [String?], to out: inout [UInt8]) {
        for (offset, field) in fields.enumerated() {
            if offset > 0 { out.append(0x2C) }
            if let field { appendField(field, to: &out) }
        }
        out.append(contentsOf: recordEnd)
    }
}
