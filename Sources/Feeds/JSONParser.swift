/// A small, strict JSON parser (RFC 8259) that keeps number tokens as text and tracks lines.
///
/// It reads whole documents (`parse(file:)`, plain, `.zst` or `.zip`) and single JSONL lines
/// (`parse(_:path:line:)`). Errors are `FeedError`s at the offending line. Nesting deeper than
/// 128 levels is rejected rather than risking the stack.
public enum JSONParser {
    /// The deepest nesting accepted.
    public static let maximumDepth = 128

    /// Parses the whole file at `path`.
    ///
    /// - Throws: `FeedError` for a missing file or malformed JSON.
    public static func parse(file path: String) throws(FeedError) -> JSONValue {
        let source = try ByteSources.open(path)
        var data: [UInt8] = []
        data.reserveCapacity(source.sizeHint ?? 1 << 16)
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
            data.append(contentsOf: chunk[0..<n])
        }
        return try withFeedBytes(data) { (bytes) throws(FeedError) -> JSONValue in
            try parse(bytes, path: path, line: 1)
        }
    }

    /// Parses one document from `bytes` (a file, or one JSONL line numbered `line`).
    ///
    /// - Throws: `FeedError` for malformed JSON, including trailing data after the value.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, path: String, line: Int = 1
    ) throws(FeedError)
        -> JSONValue
    {
        var reader = JSONByteReader(bytes: bytes, path: path, line: line)
        reader.skipWhitespace()
        if reader.index < bytes.count, bytes[reader.index] == 0xEF, reader.index + 2 < bytes.count,
            bytes[reader.index + 1] == 0xBB, bytes[reader.index + 2] == 0xBF
        {
            reader.index += 3
            reader.skipWhitespace()
        }
        guard reader.index < bytes.count else { throw reader.error("empty document", "no JSON value") }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else {
            throw reader.error("unexpected text after the JSON value", reader.near())
        }
        return value
    }
}

/// The cursor behind `JSONParser`.
struct JSONByteReader {
    let bytes: UnsafeRawBufferPointer
    let path: String
    var index = 0
    var line: Int

    init(bytes: UnsafeRawBufferPointer, path: String, line: Int) {
        self.bytes = bytes
        self.path = path
        self.line = line
    }

    func error(_ message: String, _ value: String) -> FeedError {
        FeedError(file: path, line: line, message: message, value: value)
    }

    /// A few bytes from the cursor on, for error values.
    func near() -> String {
        guard index < bytes.count else { return "end of input" }
        let end = min(bytes.count, index + 20)
        var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        if let newline = text.firstIndex(of: "\n") { text = String(text[..<newline]) }
        return end < bytes.count ? text + "…" : text
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                return
            }
            index += 1
        }
    }

    mutating func value(depth: Int) throws(FeedError) -> JSONValue {
        guard depth < JSONParser.maximumDepth else { throw error("JSON nested too deeply", "\(depth) levels") }
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of JSON", "end of input") }
        let startLine = line
        switch bytes[index] {
        case 0x7B:  // {
            index += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == 0x7D {
                index += 1
                return JSONValue(.object(members), line: startLine)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22 else {
                    throw error("expected a member name in quotes", near())
                }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else {
                    throw error("expected ':' after \"\(key)\"", near())
                }
                index += 1
                let member = try value(depth: depth + 1)
                members.append(JSONMember(key: key, value: member))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of JSON in an object", "end of input") }
                if bytes[index] == 0x2C {
                    index += 1
                } else if bytes[index] == 0x7D {
                    index += 1
                    return JSONValue(.object(members), line: startLine)
                } else {
                    throw error("expected ',' or '}' in an object", near())
                }
            }
        case 0x5B:  // [
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == 0x5D {
                index += 1
                return JSONValue(.array(items), line: startLine)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of JSON in an array", "end of input") }
                if bytes[index] == 0x2C {
                    index += 1
                } else if bytes[index] == 0x5D {
                    index += 1
                    return JSONValue(.array(items), line: startLine)
                } else {
                    throw error("expected ',' or ']' in an array", near())
                }
            }
        case 0x22:
            return JSONValue(.string(try string()), line: startLine)
        case 0x74:
            try literal("true")
            return JSONValue(.bool(true), line: startLine)
        case 0x66:
            try literal("false")
            return JSONValue(.bool(false), line: startLine)
        case 0x6E:
            try literal("null")
            return JSONValue(.null, line: startLine)
        case 0x2D, 0x30...0x39:
            return JSONValue(.number(try number()), line: startLine)
        default:
            throw error("expected a JSON value", near())
        }
    }

    mutating func literal(_ word: StaticString) throws(FeedError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("expected a JSON value", near()) }
        let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: count)
        for k in 0..<count where bytes[index + k] != expected[k] {
            throw error("expected a JSON value", near())
        }
        index += count
    }

    mutating func number() throws(FeedError) -> String {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if bytes[index] == 0x2D { index += 1 }
        let integerStart = index
        guard digits() > 0 else { throw error("malformed number", near()) }
        if bytes[integerStart] == 0x30 && index - integerStart > 1 {
            index = start
            throw error("malformed number: leading zero", near())
        }
        if index < bytes.count && bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { throw error("malformed number", near()) }
        }
        if index < bytes.count && (bytes[index] == 0x65 || bytes[index] == 0x45) {
            index += 1
            if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) { index += 1 }
            guard digits() > 0 else { throw error("malformed number", near()) }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Reads a string whose opening quote is at the cursor.
    mutating func string() throws(FeedError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                if let bad = UTF8Validation.firstInvalidOffset(raw) {
                    throw error("invalid UTF-8 in a string", String(format: raw[bad]))
                }
                index += 1
                return String(decoding: raw, as: UTF8.self)
            }
            if byte == 0x5C { break }
            if byte < 0x20 { throw error("control character in a string", String(format: byte)) }
            index += 1
        }
        var out: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                if let bad = out.withUnsafeBytes({ UTF8Validation.firstInvalidOffset($0) }) {
                    throw error("invalid UTF-8 in a string", String(format: out[bad]))
                }
                return String(decoding: out, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in a string", String(format: byte)) }
            if byte != 0x5C {
                out.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case 0x22, 0x5C, 0x2F: out.append(escape)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
                        throw error("unpaired surrogate in a string", near())
                    }
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw error("unpaired surrogate in a string", near()) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw error("unpaired surrogate in a string", near())
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                index -= 2
                throw error("invalid escape in a string", near())
            }
        }
        throw error("unterminated string", "end of input")
    }

    mutating func hex4() throws(FeedError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape", near()) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("invalid \\u escape", near())
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

extension String {
    /// `0xAB` for a byte.
    init(format byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = "0x" + (hex.count == 1 ? "0" : "") + hex
    }
}

/// `Array.withUnsafeBytes` for a body that throws `FeedError` (the standard one rethrows untyped).
func withFeedBytes<Result>(
    _ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(FeedError) -> Result
) throws(FeedError) -> Result {
    do {
        return try array.withUnsafeBytes { try body($0) }
    } catch let error as FeedError {
        throw error
    } catch {
        throw FeedError(file: "", line: 0, message: "unexpected error", value: "\(error)")
    }
}
