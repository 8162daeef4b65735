import Market

extension RunResult {
    /// SHA-256 over the canonical content of the result tables, each digested table a section of
    /// rows in the order the run produced them, each row its digest fields (its column list's
    /// `reportAndDigest` and `digest` columns) as exact text: decimals as their shortest exact
    /// decimal, times in ISO-8601, never wall times, never the label or the folders of files.
    /// Two runs of the same scenario on the same data give the same digest on any machine,
    /// whatever the hash seed.
    ///
    /// Sections, in this order: `run` (the settings with files named without their folders, the
    /// engine version, bars, the initial balance), `signal_decisions`, `orders`, `fills`,
    /// `funding` (each payment's row ends with its shares), `strategy_positions`,
    /// `position_contributions`, `exchange_positions`, `equity`.
    public func computeDigest() -> String { digestReleasingRows() }

    /// `computeDigest()` on a result it owns, dropping each table's rows as soon as they are
    /// digested: the report writer digests a run on another thread while it writes the same rows,
    /// and a table's memory goes back when both have passed it (docs/performance.md, "Memory").
    public consuming func digestReleasingRows() -> String {
        var digest = ResultDigest(finalMarks: finalMarks)
        var row = copy self
        row.releaseRows()
        digest.add([row])
        digest.add(decisions)
        decisions = []
        digest.add(orders)
        orders = []
        digest.add(fills)
        fills = []
        digest.add(funding)
        funding = []
        digest.add(strategyPositions)
        strategyPositions = []
        digest.add(contributions)
        contributions = []
        digest.add(exchangePositions)
        exchangePositions = []
        digest.add(equity)
        return digest.finish()
    }
}

/// The result digest being computed: tables are added in digest order, then `finish` returns the
/// hex SHA-256.
struct ResultDigest {
    private var writer = DigestWriter()
    private let context: RowContext

    init(finalMarks: [SymbolPrice]) {
        context = RowContext(finalMarks: finalMarks)
    }

    /// Adds a table's section: its `#name` line, then one line per record.
    mutating func add<Record: ResultRecord>(_ rows: [Record]) {
        let table = Record.table
        guard let name = table.digestName else { return }
        writer.table(name, order: table.digestOrder)
        rows.withUnsafeBufferPointer { records in
            guard let first = records.baseAddress else { return }
            var visitor = DigestVisitor(writer: writer, record: first, context: context)
            for i in records.indices {
                visitor.record = first + i
                visitor.context.seq = i + 1
                visitor.writer.beginRow()
                Record.columns(&visitor)
                visitor.writer.endRow()
            }
            writer = visitor.writer
        }
    }

    mutating func finish() -> String {
        defer { writer.deallocate() }
        return writer.finish()
    }
}

/// Hashes each digest field of a record's columns.
struct DigestVisitor<Record: ResultRecord>: ResultColumnVisitor {
    var writer: DigestWriter
    var record: UnsafePointer<Record>
    var context: RowContext

    @inline(__always) mutating func integer(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        if column.inDigest { writer.integer(value(record.pointee, context)) }
    }

    @inline(__always) mutating func real(_ column: ResultColumn, _ value: (Record, RowContext) -> Double?) {
        if column.inDigest { writer.real(value(record.pointee, context)) }
    }

    @inline(__always) mutating func text(_ column: ResultColumn, _ value: (Record, RowContext) -> String?) {
        if column.inDigest { writer.text(value(record.pointee, context)) }
    }

    @inline(__always) mutating func time(_ column: ResultColumn, _ value: (Record, RowContext) -> Timestamp?) {
        if column.inDigest { writer.time(value(record.pointee, context)) }
    }

    @inline(__always) mutating func flag(_ column: ResultColumn, _ value: (Record, RowContext) -> Bool) {
        if column.inDigest { writer.flag(value(record.pointee, context)) }
    }

    @inline(__always) mutating func decimal(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        if column.inDigest { writer.decimal(value(record.pointee, context)) }
    }

    mutating func digestChildren<Child: ResultRecord>(_ children: (Record) -> [Child]) {
        children(record.pointee).withUnsafeBufferPointer { records in
            guard let first = records.baseAddress else { return }
            var visitor = DigestVisitor<Child>(writer: writer, record: first, context: context)
            for i in records.indices {
                visitor.record = first + i
                Child.columns(&visitor)
            }
            writer = visitor.writer
        }
    }
}

/// Feeds rows to SHA-256 with unambiguous separators (unit separator between fields, newline
/// between rows, a `#name` line per table). Fields are written straight into a byte buffer in
/// their canonical text, with no intermediate strings; the hashed bytes are the same as joining
/// those texts.
///
/// The rows of a table with a digest order of its own are captured in a second buffer, with where
/// each field starts, and hashed when the row ends as runs of consecutive fields in that order.
/// The writer owns its buffers through pointers, so it is copied freely between visitors;
/// `deallocate` frees them once.
struct DigestWriter {
    private var hasher = SHA256()
    /// The hashing buffer and its fill while a row is being captured.
    private let buffer: UnsafeMutablePointer<UInt8>
    private var bufferUsed = 0
    /// The capture buffer, and where each captured field starts in it.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var fieldStarts: UnsafeMutablePointer<Int>
    private var fieldCapacity: Int
    private var fieldCount = 0
    /// Where fields go now (the hashing or the capture buffer), how much of it is used, and the
    /// mark past which a field may not fit (`room` bytes before its end).
    private var base: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var limit: Int
    /// The digest order of the current table's rows as runs of consecutive captured fields
    /// (first, last), when it has one of its own.
    private var runs: [(first: Int, last: Int)] = []
    private var capturing = false
    /// Whether the next field starts a row (no separator before it).
    private var rowStart = true
    private var days = ISO8601.DayCache()
    /// The last `Double` written and its text.
    private var lastDouble: Double = .nan
    private var lastDoubleText: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var lastDoubleCount = -1

    private static let capacity = 1 << 16
    /// Room for the longest fixed-width field.
    private static let room = 64

    init() {
        buffer = .allocate(capacity: Self.capacity)
        scratchCapacity = 1 << 10
        scratch = .allocate(capacity: scratchCapacity)
        fieldCapacity = 64
        fieldStarts = .allocate(capacity: fieldCapacity)
        base = buffer
        limit = Self.capacity - Self.room
    }

    /// Frees the buffers (once, when done).
    func deallocate() {
        buffer.deallocate()
        scratch.deallocate()
        fieldStarts.deallocate()
    }

    /// Starts a table's section; `order` is its digest order (nil: list order).
    mutating func table(_ name: String, order: [Int]?) {
        var name = name
        appendByte(0x23)
        name.withUTF8 { appendBytes($0) }
        appendByte(0x0A)
        runs = []
        for field in order ?? [] {
            if let last = runs.last?.last, field == last + 1 {
                runs[runs.count - 1].last = field
            } else {
                runs.append((field, field))
            }
        }
        rowStart = true
    }

    /// Starts a row (captured when the table has a digest order).
    @inline(__always) mutating func beginRow() {
        rowStart = true
        guard !runs.isEmpty else { return }
        capturing = true
        bufferUsed = used
        base = scratch
        used = 0
        limit = scratchCapacity - Self.room
        fieldCount = 0
    }

    /// Ends a row: a captured one is hashed in digest order first.
    @inline(__always) mutating func endRow() {
        if capturing { emitCaptured() }
        appendByte(0x0A)
        rowStart = true
    }

    /// Hashes the captured row, its runs of fields in digest order. The separators between the
    /// fields of a run are in the capture buffer already.
    private mutating func emitCaptured() {
        let rowEnd = used
        capturing = false
        base = buffer
        used = bufferUsed
        limit = Self.capacity - Self.room
        for index in runs.indices {
            if index > 0 { appendByte(0x1F) }
            let (first, last) = runs[index]
            let end = last + 1 < fieldCount ? fieldStarts[last + 1] - 1 : rowEnd
            appendBytes(UnsafeBufferPointer(start: scratch + fieldStarts[first], count: end - fieldStarts[first]))
        }
    }

    // MARK: Fields

    mutating func integer(_ value: Int64?) {
        beginField(reserving: true)
        if let value {
            used += FixedPointFormatter.writeInteger(value, to: base + used)
        }
    }

    /// A fixed-point raw value as its shortest exact decimal, or an empty field.
    mutating func decimal(_ raw: Int64?) {
        beginField(reserving: true)
        if let raw {
            used += FixedPointFormatter.write(raw, to: base + used)
        }
    }

    mutating func flag(_ value: Bool) {
        beginField(reserving: true)
        let p = base + used
        if value {
            p[0] = 0x74  // true
            p[1] = 0x72
            p[2] = 0x75
            p[3] = 0x65
            used += 4
        } else {
            p[0] = 0x66  // false
            p[1] = 0x61
            p[2] = 0x6C
            p[3] = 0x73
            p[4] = 0x65
            used += 5
        }
    }

    /// A `Double` as Swift prints it (`String(value)`), or an empty field.
    mutating func real(_ value: Double?) {
        beginField()
        if let value {
            if value.bitPattern != lastDouble.bitPattern || lastDoubleCount < 0 {
                lastDouble = value
                let text = Array(String(value).utf8.prefix(32))
                lastDoubleCount = text.count
                withUnsafeMutableBytes(of: &lastDoubleText) { $0.copyBytes(from: text) }
            }
            let count = lastDoubleCount
            withUnsafeBytes(of: lastDoubleText) {
                appendBytes(
                    UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }
    }

    /// A time as `Timestamp.iso8601` prints it, or an empty field.
    mutating func time(_ value: Timestamp?) {
        beginField(reserving: true)
        if let value {
            used += ISO8601.write(value, to: base + used, cache: &days)
        }
    }

    /// A string's UTF-8, or an empty field.
    mutating func text(_ value: String?) {
        beginField()
        if var value { value.withUTF8 { appendBytes($0) } }
    }

    // MARK: Bytes

    /// Writes the separator before a field (none at a row's start) and, while capturing, notes
    /// where the field starts; `reserving` also makes room for a fixed-width field.
    @inline(__always) private mutating func beginField(reserving: Bool = false) {
        if reserving { reserve() }
        if rowStart {
            rowStart = false
        } else if reserving {
            base[used] = 0x1F
            used &+= 1
        } else {
            appendByte(0x1F)
        }
        if capturing {
            if fieldCount == fieldCapacity { growFields() }
            fieldStarts[fieldCount] = used
            fieldCount += 1
        }
    }

    /// Makes room for a fixed-width field.
    @inline(__always) private mutating func reserve() {
        if used >= limit { makeRoom(Self.room) }
    }

    @inline(__always) private mutating func appendByte(_ byte: UInt8) {
        reserve()
        base[used] = byte
        used &+= 1
    }

    private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > limit - used {
            makeRoom(bytes.count)
            if !capturing && bytes.count > limit - used {
                hasher.update(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        (base + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    /// Hashes the buffer (or, while capturing, grows the capture buffer to take `count` bytes).
    private mutating func makeRoom(_ count: Int) {
        guard capturing else {
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: used))
            used = 0
            return
        }
        let capacity = max(2 * scratchCapacity, used + count + Self.room)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: scratch, count: used)
        scratch.deallocate()
        scratch = grown
        scratchCapacity = capacity
        base = scratch
        limit = capacity - Self.room
    }

    private mutating func growFields() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * fieldCapacity)
        grown.update(from: fieldStarts, count: fieldCount)
        fieldStarts.deallocate()
        fieldStarts = grown
        fieldCapacity *= 2
    }

    mutating func finish() -> String {
        hasher.update(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
        return hasher.hexDigest()
    }
}
