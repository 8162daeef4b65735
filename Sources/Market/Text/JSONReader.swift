/// The one JSON reader: strict RFC 8259 over a byte buffer.
///
/// Two ways to use it:
/// - `JSONReader.parse(_:)` builds a `JSONValue` tree of a whole document, each value knowing
///   its line;
/// - the streaming methods (`beginObject()`, `readKey()`, `readToken()`, `nextMember()`, …)
///   walk a document and return `JSONToken`s — validated byte ranges — so a caller can convert
///   only the values it needs and carry the raw text of the rest without building a tree (the
///   signal decoder does this for every line).
///
/// Behaviour, the same for every caller:
/// - strict: no comments, no trailing commas, no `NaN`/`Infinity`, no leading zeros (`01` is
///   `0` followed by unexpected data, as in Python), no unescaped control characters, valid
///   UTF-8 (`UTF8Validation`), `\u` escapes with paired surrogates;
/// - duplicate keys are kept in the tree; lookups take the last (Python's `json`);
/// - containers nest at most `maxDepth` (512) levels deep, so hostile input cannot exhaust the
///   stack (Python's recursion limit stops near 1000);
/// - numbers keep their text (`JSONNumber`);
/// - an error is a `JSONError`: a short message from a fixed list and the byte offset, with
///   its line and column (the signal decoder prints `invalid JSON: <message> (column N)`, the
///   file readers `file:line: <message> (text there)`).
///
/// The buffer must outlive the reader (it is not copied).
public struct JSONReader {
    /// The deepest container nesting accepted by default.
    public static let defaultMaxDepth = 512

    /// The document.
    public let bytes: UnsafeRawBufferPointer
    /// The current byte offset.
    public var offset: Int
    /// The deepest container nesting accepted.
    public let maxDepth: Int

    /// A reader at the start of `bytes`.
    @inlinable public init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) {
        self.bytes = bytes
        self.offset = 0
        self.maxDepth = maxDepth
    }

    // MARK: Streaming

    /// True when only whitespace (or nothing) is left.
    @inlinable public var isAtEnd: Bool {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return false }
            index += 1
        }
        return true
    }

    /// Skips spaces, tabs, carriage returns and line feeds.
    @inlinable public mutating func skipWhitespace() {
        let count = bytes.count
        while offset < count {
            let byte = bytes[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    /// Throws unless only whitespace is left.
    public mutating func expectEnd() throws(JSONError) {
        skipWhitespace()
        guard offset == bytes.count else { throw error("unexpected data after the value") }
    }

    /// The kind of the value at the current offset, from its first byte; nil at the end or
    /// before a byte that cannot start a value.
    @inlinable public func peekKind() -> JSONKind? {
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: return nil
        }
    }

    /// Consumes `{` and the whitespace after it. Returns false — having consumed the `}` too —
    /// when the object is empty; otherwise the reader is at the first key.
    @inlinable public mutating func beginObject() throws(JSONError) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else { throw error("expected an object") }
        offset += 1
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return false
        }
        return true
    }

    /// Reads a member key and the `:` after it; the reader is then at the member's value.
    @inlinable public mutating func readKey() throws(JSONError) -> JSONToken {
        guard offset < bytes.count else { throw error("unterminated object") }
        guard bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let key = try readString()
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated object") }
        guard bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':' after object key") }
        offset += 1
        skipWhitespace()
        return key
    }

    /// After a member's value: consumes `,` and returns true (the reader is then at the next
    /// key), or consumes `}` and returns false.
    @inlinable public mutating func nextMember() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated object") }
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if byte == UInt8(ascii: "}") { return false }
        offset -= 1
        throw error("expected ',' or '}' in object")
    }

    /// Consumes `[` and the whitespace after it. Returns false — having consumed the `]` too —
    /// when the array is empty; otherwise the reader is at the first element.
    @inlinable public mutating func beginArray() throws(JSONError) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "[") else { throw error("expected an array") }
        offset += 1
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        return true
    }

    /// After an element: consumes `,` and returns true, or consumes `]` and returns false.
    @inlinable public mutating func nextElement() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated array") }
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if byte == UInt8(ascii: "]") { return false }
        offset -= 1
        throw error("expected ',' or ']' in array")
    }

    /// Validates and skips the value at the current offset (containers included, fully checked)
    /// and returns its token.
    @inlinable public mutating func readToken() throws(JSONError) -> JSONToken {
        try readToken(depth: 0)
    }

    @inlinable mutating func readToken(depth: Int) throws(JSONError) -> JSONToken {
        guard offset < bytes.count else { throw error("unexpected end of input") }
        let start = offset
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            return try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONToken(kind: .boolean, start: start, end: offset)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONToken(kind: .boolean, start: start, end: offset)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONToken(kind: .null, start: start, end: offset)
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw error("nesting too deep") }
            if try beginObject() {
                repeat {
                    _ = try readKey()
                    _ = try readToken(depth: depth + 1)
                } while try nextMember()
            }
            return JSONToken(kind: .object, start: start, end: offset)
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw error("nesting too deep") }
            if try beginArray() {
                repeat {
                    _ = try readToken(depth: depth + 1)
                } while try nextElement()
            }
            return JSONToken(kind: .array, start: start, end: offset)
        default:
            throw error("expected a value")
        }
    }

    @usableFromInline mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        var index = 0
        while index < length {
            guard offset + index < bytes.count else { throw error("unexpected end of input", at: offset + index) }
            guard bytes[offset + index] == pointer[index] else { throw error("expected a value") }
            index += 1
        }
        offset += length
    }

    /// Reads a number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    @inlinable public mutating func readNumber() throws(JSONError) -> JSONToken {
        let start = offset
        let count = bytes.count
        var index = offset
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
            throw error("invalid number", at: start)
        }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                throw error("invalid number", at: start)
            }
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                throw error("invalid number", at: start)
            }
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        offset = index
        return JSONToken(kind: .number, start: start, end: index)
    }

    /// Reads a string (the reader must be at its opening quote), validating escapes and UTF-8.
    @inlinable public mutating func readString() throws(JSONError) -> JSONToken {
        let start = offset
        let count = bytes.count
        var index = offset + 1
        var escapes = false
        while index < count {
            // Skip eight plain bytes at a time: no quote, backslash, control or non-ASCII byte.
            while index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                    | word
                let found = special & high
                if found != 0 {
                    // The lowest flagged byte is exact (borrows only flag bytes above it).
                    index += found.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return JSONToken(kind: .string, start: start, end: index + 1, hasEscapes: escapes)
            }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                index = try skipEscape(at: index)
            } else if byte < 0x20 {
                throw error("control character in string", at: index)
            } else if byte >= 0x80 {
                index = try skipUTF8(at: index)
            } else {
                index += 1
            }
        }
        throw error("unterminated string", at: count)
    }

    /// Validates the escape at `index` (a backslash) and returns the offset after it.
    @usableFromInline func skipEscape(at index: Int) throws(JSONError) -> Int {
        guard index + 1 < bytes.count else { throw error("unterminated string", at: bytes.count) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: index + 2)
            if unit >= 0xDC00 && unit <= 0xDFFF { throw error("lone surrogate in \\u escape", at: index) }
            guard unit >= 0xD800 && unit <= 0xDBFF else { return index + 6 }
            guard index + 7 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u")
            else { throw error("lone surrogate in \\u escape", at: index) }
            let low = try hex4(at: index + 8)
            guard low >= 0xDC00 && low <= 0xDFFF else { throw error("lone surrogate in \\u escape", at: index) }
            return index + 12
        default:
            throw error("invalid escape", at: index)
        }
    }

    /// Validates the UTF-8 sequence starting at `index` (`UTF8Validation`) and returns the
    /// offset after it.
    @usableFromInline @inline(never) func skipUTF8(at index: Int) throws(JSONError) -> Int {
        guard let end = UTF8Validation.sequenceEnd(bytes, at: index) else { throw error("invalid UTF-8", at: index) }
        return end
    }

    /// The value of four hex digits at `index`.
    @usableFromInline func hex4(at index: Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape", at: index - 2) }
        var value: UInt32 = 0
        for position in index..<(index + 4) {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw error("invalid \\u escape", at: index - 2)
            }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Converting tokens

    /// The raw text of a token (quotes and brackets included) as bytes of the buffer.
    @inlinable public func raw(_ token: JSONToken) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// The raw text of a token as a `String`.
    @inlinable public func text(_ token: JSONToken) -> String {
        String(decoding: raw(token), as: UTF8.self)
    }

    /// The contents of a string token between its quotes, still escaped.
    @inlinable public func contents(_ token: JSONToken) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)])
    }

    /// The unescaped value of a string token.
    @inlinable public func string(_ token: JSONToken) -> String {
        if !token.hasEscapes { return String(decoding: contents(token), as: UTF8.self) }
        return unescape(token)
    }

    /// True when a string token's unescaped value equals `literal` (no allocation when the
    /// token has no escapes).
    @inlinable public func string(_ token: JSONToken, equals literal: StaticString) -> Bool {
        if token.hasEscapes { return string(token) == literal.description }
        let contents = contents(token)
        let length = literal.utf8CodeUnitCount
        guard contents.count == length else { return false }
        let pointer = literal.utf8Start
        var index = 0
        while index < length {
            guard contents[index] == pointer[index] else { return false }
            index += 1
        }
        return true
    }

    @usableFromInline func unescape(_ token: JSONToken) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(token.count)
        var index = token.start + 1
        let end = token.end - 1
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = (try? hex4(at: index)) ?? 0xFFFD
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = (try? hex4(at: index + 2)) ?? 0xDC00
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(scalar, to: &output)
            default: output.append(kind)  // \" \\ \/
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    @usableFromInline func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Errors

    /// An error at the current offset.
    @usableFromInline func error(_ message: String) -> JSONError {
        JSONError(message, at: offset, in: bytes)
    }

    /// An error at `offset`.
    @usableFromInline func error(_ message: String, at offset: Int) -> JSONError {
        JSONError(message, at: offset, in: bytes)
    }
}
