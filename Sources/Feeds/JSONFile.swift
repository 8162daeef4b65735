public import Market

/// JSON documents of input files (exchangeInfo, leverage brackets, funding responses), read
/// with the one `JSONReader` and reported as `FeedError`s.
///
/// File-level rules on top of the reader: a UTF-8 byte order mark is skipped, and a document
/// with no value at all is `empty document`. Syntax errors read
/// `file:line: <the reader's message> (the text there)`, the text being the next bytes of the
/// line or, for a control character or invalid UTF-8, the byte in hex.
public enum JSONFile {
    /// Reads and parses the file at `path` (plain, `.zst` or `.zip`).
    ///
    /// - Throws: `FeedError` for a missing file or malformed JSON.
    public static func read(_ path: String) throws(FeedError) -> JSONValue {
        let source = try ByteSources.open(path)
        var data: [UInt8] = []
        data.reserveCapacity(min(source.sizeHint ?? 1 << 16, maximumSize))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n: Int
            do {
                n = try source.read(into: chunk)
            } catch {
                var located = error
                located.line = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw located
            }
            if n == 0 { break }
            guard data.count + n <= maximumSize else {
                throw FeedError(
                    file: path, line: 0, message: "file larger than \(maximumSize) bytes",
                    value: "JSON input limit")
            }
            data.append(contentsOf: chunk[0..<n])
        }
        return try parse(data, path: path)
    }

    /// The largest JSON document read (64 MiB, decompressed); exchangeInfo is about 1 MiB.
    public static let maximumSize = 64 << 20

    /// Parses one document held in `data`.
    public static func parse(_ data: [UInt8], path: String) throws(FeedError) -> JSONValue {
        let result: Result<JSONValue, FeedError> = data.withUnsafeBytes { bytes in
            Result { () throws(FeedError) in try parse(bytes, path: path) }
        }
        return try result.get()
    }

    /// Parses one document from `bytes` (a file, or one JSONL line numbered `line`).
    ///
    /// - Throws: `FeedError` for malformed JSON, including trailing data after the value.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, path: String, line: Int = 1
    ) throws(FeedError) -> JSONValue {
        let body = UnsafeRawBufferPointer(rebasing: bytes[UTF8Validation.byteOrderMarkLength(bytes)...])
        var start = JSONReader(body)
        start.skipWhitespace()
        guard start.offset < body.count else {
            throw FeedError(file: path, line: line, message: "empty document", value: "no JSON value")
        }
        do {
            return try JSONReader.parse(body, firstLine: line)
        } catch {
            throw FeedError(
                file: path, line: error.line, message: error.message, value: excerpt(body, at: error.offset))
        }
    }

    /// The text at a syntax error: up to 20 bytes of its line (`…` when more follow), the byte
    /// in hex when it is a control character or starts invalid UTF-8, `end of input` past the end.
    static func excerpt(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte < 0x20 || (byte >= 0x80 && UTF8Validation.sequenceEnd(bytes, at: offset) == nil) {
            return FeedError.hex(byte)
        }
        let end = min(bytes.count, offset + 20)
        var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        if let newline = text.firstIndex(of: "\n") { text = String(text[..<newline]) }
        return end < bytes.count ? text + "…" : text
    }
}
