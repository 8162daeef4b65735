/// Whole documents and values as `JSONValue` trees, each value with the line it starts on.
extension JSONReader {
    /// Parses a whole document (one value, surrounded by optional whitespace) whose first byte
    /// is on line `firstLine`; errors count their lines from `firstLine` too.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth, firstLine: Int = 1
    ) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes, maxDepth: maxDepth)
        do {
            reader.skipWhitespace()
            let value = try reader.readValue(firstLine: firstLine)
            try reader.expectEnd()
            return value
        } catch {
            var located = error
            located.line += firstLine - 1
            throw located
        }
    }

    /// Parses a whole document given as text.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var copy = text
        let result: Result<JSONValue, JSONError> = copy.withUTF8 { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Parses a whole document given as bytes.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try parse(buffer, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Reads the value at the current offset (no leading whitespace) into a tree whose lines
    /// count from `firstLine` at the buffer's first byte.
    public mutating func readValue(firstLine: Int = 1) throws(JSONError) -> JSONValue {
        var tree = TreeReader(reader: self, line: firstLine)
        defer { offset = tree.reader.offset }
        return try tree.value(depth: 0)
    }

    /// A reader that builds trees and numbers their lines. Values are read in document order,
    /// so each line feed is found once: `line` is the line of the last value read, and
    /// `nextFeed` the offset of the first line feed after its start (-1 before the first search).
    struct TreeReader {
        var reader: JSONReader
        var line: Int
        var nextFeed = -1

        mutating func value(depth: Int) throws(JSONError) -> JSONValue {
            let bytes = reader.bytes
            guard reader.offset < bytes.count else { throw reader.error("unexpected end of input") }
            let line = line(at: reader.offset)
            switch bytes[reader.offset] {
            case UInt8(ascii: "{"):
                guard depth < reader.maxDepth else { throw reader.error("nesting too deep") }
                var members: [JSONMember] = []
                if try reader.beginObject() {
                    repeat {
                        let key = try reader.readKey()
                        let value = try value(depth: depth + 1)
                        members.append(JSONMember(key: reader.string(key), value: value))
                    } while try reader.nextMember()
                }
                return JSONValue(.object(members), line: line)
            case UInt8(ascii: "["):
                guard depth < reader.maxDepth else { throw reader.error("nesting too deep") }
                var elements: [JSONValue] = []
                if try reader.beginArray() {
                    repeat {
                        elements.append(try value(depth: depth + 1))
                    } while try reader.nextElement()
                }
                return JSONValue(.array(elements), line: line)
            default:
                let token = try reader.readToken()
                switch token.kind {
                case .string: return JSONValue(.string(reader.string(token)), line: line)
                case .number: return JSONValue(.number(JSONNumber(text: reader.text(token))), line: line)
                case .boolean: return JSONValue(.bool(token.boolValue(in: bytes)), line: line)
                case .null, .object, .array: return JSONValue(.null, line: line)  // containers handled above
                }
            }
        }

        /// The line of `offset`, which is not before the last offset asked for.
        mutating func line(at offset: Int) -> Int {
            if nextFeed < 0 { nextFeed = lineFeed(from: 0) }
            while nextFeed < offset {
                line += 1
                nextFeed = lineFeed(from: nextFeed + 1)
            }
            return line
        }

        /// The offset of the first line feed at or after `start`, or the buffer's length.
        func lineFeed(from start: Int) -> Int {
            let bytes = reader.bytes
            var index = start
            let count = bytes.count
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while index + 8 <= count {
                // Exactly the zero bytes of `word` (line feeds of the input) get their high bit set.
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let found = ~(((word & low) &+ low) | word | low)
                if found != 0 { return index + found.trailingZeroBitCount >> 3 }
                index += 8
            }
            while index < count && bytes[index] != 0x0A { index += 1 }
            return index
        }
    }
}
