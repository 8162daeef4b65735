import Market

/// Decodes one JSON line of a recorded signal file into a `Signal`, validating it as the live
/// Pydantic model does (reference §1.2–1.3), with one deliberate difference: a missing or
/// unparseable `timestamp` is an error (live substitutes the wall clock).
///
/// Rules, as live: unknown keys are ignored; a duplicated key keeps its last value; the required
/// fields are `strategy_id`, `symbol`, `action`, `confidence`, `price`, `quantity`,
/// `current_price`, `source`, `strategy` (and `timestamp`); numbers may be given as numeric
/// strings (Pydantic's lax mode) but not as booleans; `null` is accepted only for optional
/// fields; `confidence`, `model_confidence` and the `*_pct` fields must lie in [0, 1].
/// Timestamps: ISO-8601 (`Z`, offsets, naive ⇒ UTC, fractions kept to the microsecond) or epoch
/// seconds (a number or numeric string) within [946 684 800, 4 102 444 800].
///
/// A decoder keeps a scratch buffer between lines; use one per reading thread.
public struct SignalDecoder {
    var tokens: [JSONToken]
    var present: UInt64 = 0
    var strings = StringCache()
    /// The line being decoded (valid only inside `decode`).
    var reader = JSONReader(UnsafeRawBufferPointer(start: nil, count: 0))
    var file = ""
    var line = 0

    public init() {
        tokens = [JSONToken](repeating: JSONToken(kind: .null, start: 0, end: 0), count: SignalField.count)
    }

    /// Decodes one line (without its line terminator).
    /// - Parameters:
    ///   - line: the line's bytes.
    ///   - file: the file name for errors and the signal's origin.
    ///   - number: the 1-based line number.
    /// - Throws: `SignalDecodingError` describing the first problem found.
    public mutating func decode(
        _ line: UnsafeRawBufferPointer, file: String, line number: Int
    )
        throws(SignalDecodingError) -> Signal
    {
        present = 0
        var reader = JSONReader(line)
        do {
            reader.skipWhitespace()
            guard reader.peekKind() == .object else {
                if reader.peekKind() != nil {
                    let token = try reader.readToken()
                    try reader.expectEnd()
                    throw SignalDecodingError(
                        file: file, line: number, message: "expected a JSON object",
                        value: SignalDecoder.shorten(reader.text(token)))
                }
                _ = try reader.readToken()  // throws the syntax error
                throw SignalDecodingError(file: file, line: number, message: "expected a JSON object", value: "")
            }
            if try reader.beginObject() {
                var found: UInt64 = 0
                try tokens.withUnsafeMutableBufferPointer { tokens in
                    repeat {
                        let key = try reader.readKey()
                        let value = try reader.readToken()
                        let field: SignalField?
                        if key.hasEscapes {
                            var name = reader.string(key)
                            field = name.withUTF8 { SignalField.matching(UnsafeRawBufferPointer($0)) }
                        } else {
                            field = SignalField.matching(reader.contents(key))
                        }
                        if let field {
                            tokens[field.rawValue] = value
                            found |= 1 << UInt64(field.rawValue)
                        }
                    } while try reader.nextMember()
                }
                present = found
            }
            try reader.expectEnd()
        } catch let error as SignalDecodingError {
            throw error
        } catch let error as JSONError {
            throw SignalDecodingError(
                file: file, line: number, message: "invalid JSON: \(error.message)", value: "column \(error.column)")
        } catch {
            throw SignalDecodingError(file: file, line: number, message: "invalid JSON", value: "\(error)")
        }
        self.reader = reader
        self.file = file
        self.line = number
        defer { self.reader = JSONReader(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try signal()
    }

    /// Decodes one line given as text.
    public mutating func decode(_ line: String, file: String, line number: Int) throws(SignalDecodingError) -> Signal {
        var copy = line
        let result: Result<Signal, SignalDecodingError> = copy.withUTF8 { buffer in
            Result { () throws(SignalDecodingError) in
                try decode(UnsafeRawBufferPointer(buffer), file: file, line: number)
            }
        }
        return try result.get()
    }

    /// Decodes one line with a fresh decoder.
    public static func decode(_ line: String, file: String, line number: Int) throws(SignalDecodingError) -> Signal {
        var decoder = SignalDecoder()
        return try decoder.decode(line, file: file, line: number)
    }

    /// Raw JSON text for an error message, shortened to 60 characters.
    static func shorten(_ text: String) -> String {
        guard text.count > 60 else { return text }
        return String(text.prefix(59)) + "…"
    }
}

extension SignalDecoder {
    /// Decimal text as a raw fixed-point value, rounded to nearest at 10⁻⁸. A fast path for the
    /// common `[-]d{1,10}[.d{0,8}]`; anything else goes through `FixedPointParser`.
    @inline(__always) static func decimal(_ text: UnsafeRawBufferPointer) -> Int64? {
        let count = text.count
        var index = 0
        var negative = false
        if count > 0 && text[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        let integerStart = index
        var value: Int64 = 0
        while index < count, text[index] &- 0x30 < 10 {
            value = value &* 10 &+ Int64(text[index] &- 0x30)
            index += 1
        }
        let integerDigits = index - integerStart
        var scale = fixedPointOne
        if index < count && text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, text[index] &- 0x30 < 10, index - fractionStart < 8 {
                value = value &* 10 &+ Int64(text[index] &- 0x30)
                scale /= 10
                index += 1
            }
            if index == fractionStart { return FixedPointParser.parse(text, rounding: .nearest) }
        }
        guard index == count, integerDigits > 0, integerDigits <= 10 else {
            return FixedPointParser.parse(text, rounding: .nearest)
        }
        let raw = value &* scale
        return negative ? -raw : raw
    }
}

/// Converting the located member tokens of one line into a `Signal`, in field declaration order.
extension SignalDecoder {
    @inline(__always) func token(_ field: SignalField) -> JSONToken? {
        present & (1 << UInt64(field.rawValue)) != 0 ? tokens[field.rawValue] : nil
    }

    func fail(_ message: String, _ value: String) -> SignalDecodingError {
        SignalDecodingError(file: file, line: line, message: message, value: value)
    }

    func raw(_ token: JSONToken) -> String { SignalDecoder.shorten(reader.text(token)) }

    func missing(_ field: SignalField) -> SignalDecodingError { fail("missing required field", field.name) }

    // MARK: Strings and enums

    func optionalString(_ field: SignalField) throws(SignalDecodingError) -> String? {
        guard let token = token(field) else { return nil }
        switch token.kind {
        case .string: return reader.string(token)
        case .null: return nil
        default: throw fail("expected a string for \(field.name)", raw(token))
        }
    }

    /// A required categorical string, shared through the cache.
    mutating func requiredCategory(_ field: SignalField) throws(SignalDecodingError) -> String {
        guard let token = token(field) else { throw missing(field) }
        guard token.kind == .string else { throw fail("expected a string for \(field.name)", raw(token)) }
        return token.hasEscapes ? reader.string(token) : strings.string(reader.contents(token))
    }

    /// A string-valued enum; `defaultValue` applies when the key is absent (nil: required).
    func enumeration<E: RawRepresentable<String> & CaseIterable>(
        _ field: SignalField, _ type: E.Type, optional: Bool = false, default defaultValue: E? = nil
    ) throws(SignalDecodingError) -> E? {
        guard let token = token(field) else {
            if defaultValue == nil && !optional { throw missing(field) }
            return defaultValue
        }
        if token.kind == .null && optional { return nil }
        guard token.kind == .string else { throw fail("expected a string for \(field.name)", raw(token)) }
        if !token.hasEscapes {
            let contents = reader.contents(token)
            for candidate in E.allCases {
                let equal = candidate.rawValue.utf8.withContiguousStorageIfAvailable {
                    bytesEqual(UnsafeRawBufferPointer($0), contents)
                }
                if equal == true { return candidate }
            }
        } else if let value = E(rawValue: reader.string(token)) {
            return value
        }
        throw fail("unknown \(field.name)", SignalDecoder.shorten(reader.string(token)))
    }

    // MARK: Numbers

    /// The number text of a number token, or of a string token holding a number (Pydantic's
    /// lax mode); nil for null; throws for anything else.
    func numberText(_ field: SignalField, _ token: JSONToken) throws(SignalDecodingError) -> UnsafeRawBufferPointer {
        switch token.kind {
        case .number:
            return reader.raw(token)
        case .string where !token.hasEscapes:
            var contents = reader.contents(token)
            while let first = contents.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
                contents = UnsafeRawBufferPointer(rebasing: contents[1...])
            }
            while let last = contents.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
                contents = UnsafeRawBufferPointer(rebasing: contents[..<(contents.count - 1)])
            }
            let value = JSONNumber.parseDouble(contents)
            if !value.isNaN && value.isFinite { return contents }
            throw fail("expected a number for \(field.name)", raw(token))
        default:
            throw fail("expected a number for \(field.name)", raw(token))
        }
    }

    func fixedPoint<T: FixedPoint>(_ field: SignalField, _ token: JSONToken) throws(SignalDecodingError) -> T {
        let text = try numberText(field, token)
        guard let value = SignalDecoder.decimal(text) else {
            throw fail("number out of range for \(field.name)", raw(token))
        }
        return T(raw: value)
    }

    func required<T: FixedPoint>(_ field: SignalField) throws(SignalDecodingError) -> T {
        guard let token = token(field) else { throw missing(field) }
        return try fixedPoint(field, token)
    }

    func optional<T: FixedPoint>(_ field: SignalField) throws(SignalDecodingError) -> T? {
        guard let token = token(field), token.kind != .null else { return nil }
        return try fixedPoint(field, token) as T
    }

    /// A float that must lie in [0, 1] (confidence, model confidence).
    func unitFloat(_ field: SignalField, _ token: JSONToken) throws(SignalDecodingError) -> Double {
        let value = JSONNumber.parseDouble(try numberText(field, token))
        guard value >= 0 && value <= 1 else { throw fail("\(field.name) out of range [0, 1]", raw(token)) }
        return value
    }

    /// A number in [0, 1] as both a float and an exact rate.
    func unitFraction(_ field: SignalField, _ token: JSONToken) throws(SignalDecodingError) -> (Double, Rate) {
        let text = try numberText(field, token)
        let value = JSONNumber.parseDouble(text)
        guard value >= 0 && value <= 1, let raw = SignalDecoder.decimal(text) else {
            throw fail("\(field.name) out of range [0, 1]", raw(token))
        }
        return (value, Rate(raw: raw))
    }

    func fraction(_ field: SignalField) throws(SignalDecodingError) -> SignalFraction? {
        guard let token = token(field), token.kind != .null else { return nil }
        let (float, rate) = try unitFraction(field, token)
        return SignalFraction(rate: rate, float: float)
    }

    func integer(_ field: SignalField) throws(SignalDecodingError) -> Int64? {
        guard let token = token(field), token.kind != .null else { return nil }
        let text = try numberText(field, token)
        let value = JSONNumber.parseDouble(text)
        let isIntegerText = !text.contains {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
        }
        if isIntegerText, let exact = Int64(String(decoding: text, as: UTF8.self)) { return exact }
        guard token.kind == .number, value == value.rounded(), value.magnitude < 9.0e18 else {
            throw fail("expected an integer for \(field.name)", raw(token))
        }
        return Int64(value)
    }

    // MARK: Containers

    func object(_ field: SignalField, optional: Bool) throws(SignalDecodingError) -> RawJSON? {
        guard let token = token(field) else { return optional ? nil : .emptyObject }
        if token.kind == .null && optional { return nil }
        guard token.kind == .object else { throw fail("expected an object for \(field.name)", raw(token)) }
        return RawJSON(text: reader.text(token))
    }

    func arrayOfObjects(_ field: SignalField) throws(SignalDecodingError) -> RawJSON? {
        guard let token = token(field), token.kind != .null else { return nil }
        guard token.kind == .array else { throw fail("expected an array of objects for \(field.name)", raw(token)) }
        var sub = reader
        sub.offset = token.start
        do {
            if try sub.beginArray() {
                repeat {
                    guard sub.peekKind() == .object else {
                        throw fail("expected an array of objects for \(field.name)", raw(token))
                    }
                    _ = try sub.readToken()
                } while try sub.nextElement()
            }
        } catch let error as SignalDecodingError {
            throw error
        } catch {
            throw fail("expected an array of objects for \(field.name)", raw(token))
        }
        return RawJSON(text: reader.text(token))
    }

    /// The value of the last top-level member named `key` of an object token.
    func member(_ key: StaticString, of token: JSONToken) -> JSONValue? {
        var sub = reader
        sub.offset = token.start
        var found: Int?
        do {
            if try sub.beginObject() {
                repeat {
                    let name = try sub.readKey()
                    if sub.string(name, equals: key) { found = sub.offset }
                    _ = try sub.readToken()
                } while try sub.nextMember()
            }
            guard let found else { return nil }
            sub.offset = found
            return try sub.readValue()
        } catch {
            return nil  // unreachable: the token was validated
        }
    }

    // MARK: Timestamp

    func timestamp() throws(SignalDecodingError) -> SignalTime {
        guard let token = token(.timestamp) else { throw missing(.timestamp) }
        switch token.kind {
        case .string:
            if !token.hasEscapes, let time = SignalTime.parseISO8601(reader.contents(token)) { return time }
            if token.hasEscapes {
                var text = reader.string(token)
                if let time = text.withUTF8({ SignalTime.parseISO8601(UnsafeRawBufferPointer($0)) }) { return time }
            }
            let numeric: UnsafeRawBufferPointer
            do { numeric = try numberText(.timestamp, token) } catch { throw fail("invalid timestamp", raw(token)) }
            return try epoch(numeric, token)
        case .number:
            return try epoch(reader.raw(token), token)
        default:
            throw fail("invalid timestamp", raw(token))
        }
    }

    func epoch(_ text: UnsafeRawBufferPointer, _ token: JSONToken) throws(SignalDecodingError) -> SignalTime {
        let isIntegerText = !text.contains {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
        }
        let time: SignalTime?
        if isIntegerText, let seconds = Int64(String(decoding: text, as: UTF8.self)) {
            time = SignalTime.fromEpochSeconds(seconds)
        } else {
            time = SignalTime.fromEpochSeconds(JSONNumber.parseDouble(text))
        }
        guard let time else { throw fail("timestamp out of range [946684800, 4102444800]", raw(token)) }
        return time
    }

    // MARK: The signal

    mutating func signal() throws(SignalDecodingError) -> Signal {
        let id = try optionalString(.id)
        let strategyID = try requiredCategory(.strategyID)
        let signalID = try optionalString(.signalID)
        let decisionID = try optionalString(.decisionID)
        let strategyMode = try enumeration(.strategyMode, StrategyMode.self, default: .deterministic)!
        let symbol = try requiredCategory(.symbol)
        let signalType = try enumeration(.signalType, SignalType.self, optional: true)
        let action = try enumeration(.action, SignalAction.self)!
        guard let confidenceToken = token(.confidence) else { throw missing(.confidence) }
        let (confidence, confidenceRate) = try unitFraction(.confidence, confidenceToken)
        let strength = try enumeration(.strength, SignalStrength.self, default: .medium)!
        let price: Price = try required(.price)
        let quantity: Quantity = try required(.quantity)
        let currentPrice: Price = try required(.currentPrice)
        let targetPrice: Price? = try optional(.targetPrice)
        let source = try requiredCategory(.source)
        let strategy = try requiredCategory(.strategy)
        let metadata = try object(.metadata, optional: false)!
        let timeframe = try timeframeValue()
        let orderType = try enumeration(.orderType, SignalOrderType.self, default: .market)!
        let timeInForce = try enumeration(.timeInForce, SignalTimeInForce.self, default: .gtc)!
        let positionSizePct = try fraction(.positionSizePct)
        let quoteQuantity: Quantity? = try optional(.quoteQuantity)
        let stopLoss: Price? = try optional(.stopLoss)
        let stopLossPct = try fraction(.stopLossPct)
        let takeProfit: Price? = try optional(.takeProfit)
        let takeProfitPct = try fraction(.takeProfitPct)
        let conditionalPrice: Price? = try optional(.conditionalPrice)
        let conditionalDirection = try enumeration(.conditionalDirection, ConditionalDirection.self, optional: true)
        let conditionalTimeout = try integer(.conditionalTimeout)
        let icebergQuantity: Quantity? = try optional(.icebergQuantity)
        let clientOrderID = try optionalString(.clientOrderID)
        var modelConfidence: Double?
        if let token = token(.modelConfidence), token.kind != .null {
            modelConfidence = try unitFloat(.modelConfidence, token)
        }
        let modelFeatures = try object(.modelFeatures, optional: true)
        let llmReasoning = try optionalString(.llmReasoning)
        let llmAlternatives = try arrayOfObjects(.llmAlternatives)
        let indicators = try object(.indicators, optional: true)
        let rationale = try optionalString(.rationale)
        let meta = try object(.meta, optional: false)!
        let timestamp = try timestamp()

        let box = SignalDetailsBox(
            SignalDetails(price: price, quantity: quantity, currentPrice: currentPrice, strategy: strategy))
        box.value.decisionID = decisionID
        box.value.signalType = signalType
        box.value.strength = strength
        box.value.targetPrice = targetPrice
        box.value.metadata = metadata
        box.value.timeframe = timeframe
        box.value.positionSizePct = positionSizePct
        box.value.quoteQuantity = quoteQuantity
        box.value.stopLoss = stopLoss
        box.value.stopLossPct = stopLossPct
        box.value.takeProfit = takeProfit
        box.value.takeProfitPct = takeProfitPct
        box.value.conditionalPrice = conditionalPrice
        box.value.conditionalDirection = conditionalDirection
        box.value.conditionalTimeout = conditionalTimeout
        box.value.icebergQuantity = icebergQuantity
        box.value.clientOrderID = clientOrderID
        box.value.modelConfidence = modelConfidence
        box.value.modelFeatures = modelFeatures
        box.value.llmReasoning = llmReasoning
        box.value.llmAlternatives = llmAlternatives
        box.value.indicators = indicators
        if let token = token(.indicators), token.kind == .object {
            box.value.indicatorConfidence = member("confidence", of: token)
        }
        box.value.rationale = rationale
        box.value.meta = meta
        if let token = token(.meta), token.kind == .object {
            box.value.metaSimulate = member("simulate", of: token)
        }
        return Signal(
            origin: SignalOrigin(file: file, line: line), strategyID: strategyID, strategyMode: strategyMode,
            symbol: Symbol(symbol), action: action, confidence: confidence, confidenceRate: confidenceRate,
            source: source, orderType: orderType, timeInForce: timeInForce, timestamp: timestamp, id: id,
            signalID: signalID,
            details: box)
    }

    mutating func timeframeValue() throws(SignalDecodingError) -> String {
        guard token(.timeframe) != nil else { return "1h" }
        return try requiredCategory(.timeframe)
    }
}

@available(*, unavailable, message: "a decoder holds per-thread scratch state")
extension SignalDecoder: Sendable {}
