import Market
import TradeEngine

extension RunResult {
    /// SHA-256 over the canonical content of every result table: decisions, orders, fills,
    /// funding, strategy positions, contributions, exchange positions and equity, each row as its
    /// fields in a fixed order (exact decimals, ISO times), never wall times. Two runs of the same
    /// scenario on the same data give the same digest on any machine, whatever the hash seed.
    public func computeDigest() -> String {
        var d = DigestWriter()
        defer { d.deallocate() }
        d.table("run")
        // The label only names the run (a compare variant or the scenario); it is not a result.
        // Files are named without their folders: the digest does not depend on where the run
        // was started from (their bytes are in the data digest).
        d.text(scenario.portableSettingsJSON)
        d.text(engineVersion)
        d.int(bars)
        d.fixed(initialBalance.raw)
        d.endRow()
        d.table("signal_decisions")
        for r in decisions {
            d.int(r.sequence)
            d.text(Scenario.fileName(r.file))
            d.int(r.line)
            d.text(r.signalID ?? "")
            d.text(r.strategyID)
            d.text(r.symbol.name)
            d.text(r.action)
            d.double(r.confidence)
            d.text(r.strategyMode)
            d.time(r.signalTime)
            d.time(r.decisionTime)
            d.text(r.stage)
            d.text(r.status)
            d.text(r.reason)
            d.fixed(r.quantity?.raw)
            d.int(r.orderID)
            d.endRow()
        }
        d.table("orders")
        for o in orders {
            d.int(o.orderID)
            d.text(o.clientOrderID ?? "")
            d.text(o.symbol.name)
            d.text(o.side.rawValue)
            d.text(o.positionSide?.rawValue ?? "")
            d.text(o.type.rawValue)
            d.text(o.timeInForce?.rawValue ?? "")
            d.text(o.workingType.rawValue)
            d.bool(o.closePosition)
            d.fixed(o.quantity?.raw)
            d.fixed(o.price?.raw)
            d.fixed(o.stopPrice?.raw)
            d.text(o.status.rawValue)
            d.int(Int(o.expiryReason.rawValue))
            d.fixed(o.executedQuantity.raw)
            d.fixed(o.averagePrice.raw)
            d.time(o.createTime)
            d.time(o.updateTime)
            d.text(o.purpose.rawValue)
            d.text(o.strategyPositionID ?? "")
            d.text(o.strategyID ?? "")
            d.int(o.rejectCode)
            d.text(o.rejectMessage ?? "")
            d.endRow()
        }
        d.table("fills")
        for r in fills {
            let f = r.fill
            d.int(f.tradeID)
            d.int(f.orderID)
            d.text(f.symbol.name)
            d.text(f.side.rawValue)
            d.text(f.positionSide.rawValue)
            d.text(f.orderType.rawValue)
            d.fixed(f.price.raw)
            d.fixed(f.quantity.raw)
            d.fixed(f.quoteQuantity.raw)
            d.fixed(f.commission.raw)
            d.text(f.commissionAsset.rawValue)
            d.fixed(f.realizedPnL.raw)
            d.bool(f.isMaker)
            d.bool(f.isLiquidation)
            d.fixed(f.liquidationFee.raw)
            d.time(f.time)
            d.time(f.barTime)
            d.text(f.pathPoint.description)
            d.bool(f.ambiguous)
            d.text(r.purpose.rawValue)
            d.text(r.strategyPositionID ?? "")
            d.endRow()
        }
        d.table("funding")
        for r in funding {
            let p = r.payment
            d.text(p.symbol.name)
            d.text(p.positionSide.rawValue)
            d.time(p.time)
            d.fixed(p.rate.raw)
            d.fixed(p.markPrice.raw)
            d.fixed(p.positionQuantity.raw)
            d.fixed(p.amount.raw)
            d.text(r.lifecycleID ?? "")
            for share in r.shares {
                d.text(share.strategyPositionID)
                d.fixed(share.amount.raw)
            }
            d.endRow()
        }
        d.table("strategy_positions")
        for p in strategyPositions {
            d.text(p.id)
            d.text(p.strategyID)
            d.text(p.signalID ?? "")
            d.int(p.signalSequence)
            d.text(p.symbol.name)
            d.text(p.side.rawValue)
            d.fixed(p.entryQuantity.raw)
            d.fixed(p.entryPrice.raw)
            d.time(p.entryTime)
            d.int(p.entryOrderID)
            d.fixed(p.takeProfitPrice?.raw)
            d.fixed(p.stopLossPrice?.raw)
            d.text(p.status.rawValue)
            d.text(p.lifecycleID)
            d.fixed(p.remainingQuantity.raw)
            d.fixed(p.exitQuantity.raw)
            d.fixed(p.exitValue.raw)
            d.time(p.exitTime)
            d.text(p.closeReason?.rawValue ?? "")
            d.fixed(p.realizedPnL.raw)
            d.fixed(p.commission.raw)
            d.fixed(p.funding.raw)
            d.fixed(p.liquidationFee.raw)
            d.bool(p.ambiguousExit)
            d.text(p.protectionNote ?? "")
            d.endRow()
        }
        d.table("position_contributions")
        for c in contributions {
            d.text(c.id)
            d.text(c.strategyPositionID)
            d.text(c.lifecycleID)
            d.int(c.sequence)
            d.fixed(c.quantity.raw)
            d.fixed(c.entryPrice.raw)
            d.time(c.time)
            d.fixed(c.exchangeQuantityBefore.raw)
            d.fixed(c.exchangeQuantityAfter.raw)
            d.bool(c.isClosed)
            d.text(c.closeReason?.rawValue ?? "")
            d.time(c.exitTime)
            d.fixed(c.exitPrice?.raw)
            d.fixed(c.pnl?.raw)
            d.endRow()
        }
        d.table("exchange_positions")
        for e in exchangePositions {
            d.text(e.lifecycleID)
            d.text(e.key.symbol.name)
            d.append(0x5F)  // the key's `BTCUSDT_LONG`, one field
            d.appendRaw(e.key.side.rawValue)
            d.fixed(e.currentQuantity.raw)
            d.fixed(e.weightedAveragePrice.raw)
            d.time(e.firstEntryTime)
            d.time(e.lastUpdateTime)
            d.time(e.closedTime)
            d.bool(e.isOpen)
            d.text(e.contributingStrategies.joined(separator: ","))
            d.int(e.totalContributions)
            d.fixed(e.peakQuantity.raw)
            d.fixed(e.realizedPnL.raw)
            d.fixed(e.commission.raw)
            d.fixed(e.funding.raw)
            d.fixed(e.liquidationFee.raw)
            d.int(e.ambiguousFills)
            d.bool(e.liquidated)
            d.endRow()
        }
        d.table("equity")
        for e in equity {
            d.time(e.time)
            d.fixed(e.wallet.raw)
            d.fixed(e.unrealized.raw)
            d.fixed(e.margin.raw)
            d.fixed(e.equity.raw)
            d.fixed(e.drawdown.raw)
            d.endRow()
        }
        return d.finish()
    }
}

/// Feeds rows to SHA-256 with unambiguous separators (unit separator between fields, newline
/// between rows, a header line per table). Fields are written straight into a byte buffer in
/// their canonical text (exact decimals as `description` prints them, ISO-8601 times), with no
/// intermediate strings; the hashed bytes are the same as joining those texts.
struct DigestWriter {
    var hasher = SHA256()
    /// The buffer (`capacity` bytes) and how much of it is filled.
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private static let capacity = 1 << 16
    /// Flushed when a field could pass this mark (the longest fixed-width field fits after it).
    private static let flushMark = capacity - 64
    /// Whether the next field starts a row (no separator before it).
    private var rowStart = true
    /// The `YYYY-MM-DDT` text of the last day written, and its day number.
    private var dayText: (UInt64, UInt64) = (0, 0)
    private var day: Int64 = .min
    /// The last time written and its 24 bytes.
    private var lastTime: Int64 = .min
    private var lastTimeText: (UInt64, UInt64, UInt64) = (0, 0, 0)
    /// The last `Double` written and its text.
    private var lastDouble: Double = .nan
    private var lastDoubleText: [UInt8] = []

    init() {
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.capacity)
    }

    /// Frees the buffer (once, when done).
    func deallocate() { buffer.deallocate() }

    mutating func table(_ name: String) {
        append(0x23)
        appendRaw(name)
        append(0x0A)
        rowStart = true
    }

    mutating func endRow() {
        append(0x0A)
        rowStart = true
    }

    @inline(__always) private mutating func separator() {
        if rowStart {
            rowStart = false
        } else {
            append(0x1F)
        }
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count >= Self.flushMark { flush() }
        buffer[count] = byte
        count &+= 1
    }

    /// Bytes of a string with no separator.
    mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            if bytes.count > Self.flushMark - count {
                flush()
                if bytes.count > Self.flushMark {
                    hasher.update(UnsafeRawBufferPointer(bytes))
                    return
                }
            }
            (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    mutating func text(_ value: String) {
        separator()
        appendRaw(value)
    }

    mutating func bool(_ value: Bool) {
        separator()
        if count >= Self.flushMark { flush() }
        let p = buffer + count
        if value {
            p[0] = 0x74  // true
            p[1] = 0x72
            p[2] = 0x75
            p[3] = 0x65
            count += 4
        } else {
            p[0] = 0x66  // false
            p[1] = 0x61
            p[2] = 0x6C
            p[3] = 0x73
            p[4] = 0x65
            count += 5
        }
    }

    /// An integer, or an empty field for nil.
    mutating func int<T: BinaryInteger>(_ value: T?) {
        separator()
        guard let value else { return }
        if count >= Self.flushMark { flush() }
        count += Self.writeDecimal(Int64(value), to: buffer + count)
    }

    /// A fixed-point raw value as its `description` (shortest exact decimal), or an empty field.
    mutating func fixed(_ raw: Int64?) {
        separator()
        guard let raw else { return }
        if count >= Self.flushMark { flush() }
        var p = buffer + count
        let magnitude = raw.magnitude
        if raw < 0 {
            p.pointee = 0x2D
            p += 1
        }
        p += Self.writeUnsigned(magnitude / 100_000_000, to: p)
        var fraction = magnitude % 100_000_000
        if fraction != 0 {
            p.pointee = 0x2E
            p += 1
            // Trailing zeros off (at most 7: the fraction is not zero).
            var digits = 8
            if fraction % 10_000 == 0 {
                fraction /= 10_000
                digits -= 4
            }
            if fraction % 100 == 0 {
                fraction /= 100
                digits -= 2
            }
            if fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            Self.writeDigits(fraction, count: digits, to: p)
            p += digits
        }
        count = p - buffer
    }

    /// A `Double` as Swift prints it (`String(value)`).
    mutating func double(_ value: Double) {
        separator()
        if value.bitPattern != lastDouble.bitPattern {
            lastDouble = value
            lastDoubleText = Array(String(value).utf8)
        }
        for byte in lastDoubleText { append(byte) }
    }

    /// A time as `Timestamp.iso8601` prints it, or an empty field for nil.
    mutating func time(_ value: Timestamp?) {
        separator()
        guard let value else { return }
        let ms = value.milliseconds
        if ms == lastTime {
            if count >= Self.flushMark { flush() }
            withUnsafeBytes(of: lastTimeText) {
                UnsafeMutableRawPointer(buffer + count).copyMemory(from: $0.baseAddress!, byteCount: 24)
            }
            count += 24
            return
        }
        let dayNumber = value.dayNumber
        // Years outside 0…9999 take the general formatter.
        guard ms >= -62_167_219_200_000 && ms < 253_402_300_800_000 else {
            var bytes: [UInt8] = []
            value.appendISO8601(to: &bytes)
            for byte in bytes { append(byte) }
            return
        }
        if dayNumber != day {
            day = dayNumber
            var bytes: [UInt8] = []
            Timestamp(milliseconds: dayNumber * 86_400_000).appendISO8601(to: &bytes)
            // `YYYY-MM-DDT`: the first 11 bytes.
            dayText = (0, 0)
            withUnsafeMutableBytes(of: &dayText) { $0.copyBytes(from: bytes[0..<11]) }
        }
        if count >= Self.flushMark { flush() }
        let p = buffer + count
        withUnsafeBytes(of: dayText) { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: 11) }
        var rest = Int(ms - dayNumber * 86_400_000)
        let milli = rest % 1000
        rest /= 1000
        let second = rest % 60
        rest /= 60
        let minute = rest % 60
        let hour = rest / 60
        p[11] = UInt8(truncatingIfNeeded: hour / 10) &+ 0x30
        p[12] = UInt8(truncatingIfNeeded: hour % 10) &+ 0x30
        p[13] = 0x3A
        p[14] = UInt8(truncatingIfNeeded: minute / 10) &+ 0x30
        p[15] = UInt8(truncatingIfNeeded: minute % 10) &+ 0x30
        p[16] = 0x3A
        p[17] = UInt8(truncatingIfNeeded: second / 10) &+ 0x30
        p[18] = UInt8(truncatingIfNeeded: second % 10) &+ 0x30
        p[19] = 0x2E
        p[20] = UInt8(truncatingIfNeeded: milli / 100) &+ 0x30
        p[21] = UInt8(truncatingIfNeeded: (milli / 10) % 10) &+ 0x30
        p[22] = UInt8(truncatingIfNeeded: milli % 10) &+ 0x30
        p[23] = 0x5A
        lastTime = ms
        withUnsafeMutableBytes(of: &lastTimeText) { $0.baseAddress!.copyMemory(from: p, byteCount: 24) }
        count += 24
    }

    /// Writes `value` in decimal at `p`; returns the bytes written.
    static func writeDecimal(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return writeUnsigned(UInt64(value), to: p) }
        p.pointee = 0x2D
        return 1 + writeUnsigned(value.magnitude, to: p + 1)
    }

    static func writeUnsigned(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power {
            digits += 1
            power = power &* 10
        }
        writeDigits(value, count: digits, to: p)
        return digits
    }

    /// Writes the last `count` decimal digits of `value` at `p` (zero-padded), two at a time.
    @inline(__always) static func writeDigits(_ value: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        var v = value
        var i = count
        while i >= 2 {
            let pair = Int(v % 100)
            v /= 100
            i -= 2
            p[i] = digitPairs[2 &* pair]
            p[i + 1] = digitPairs[2 &* pair &+ 1]
        }
        if i == 1 { p[0] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30 }
    }

    /// `00`, `01`, … `99`: two ASCII digits per value (never freed; immutable after start-up).
    nonisolated(unsafe) static let digitPairs: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        for k in 0..<100 {
            table[2 * k] = UInt8(k / 10) + 0x30
            table[2 * k + 1] = UInt8(k % 10) + 0x30
        }
        return table
    }()

    private mutating func flush() {
        hasher.update(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    mutating func finish() -> String {
        flush()
        return hasher.hexDigest()
    }
}
