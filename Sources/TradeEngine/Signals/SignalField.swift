/// The fields of the live signal model in declaration order (the order errors are reported in),
/// with their JSON names.
enum SignalField: Int, CaseIterable {
    case id, strategyID, signalID, decisionID, strategyMode, symbol, signalType, action, confidence, strength
    case price, quantity, currentPrice, targetPrice, source, strategy, metadata, timeframe, orderType, timeInForce
    case positionSizePct, quoteQuantity, stopLoss, stopLossPct, takeProfit, takeProfitPct, conditionalPrice
    case conditionalDirection, conditionalTimeout, icebergQuantity, clientOrderID, modelConfidence, modelFeatures
    case llmReasoning, llmAlternatives, indicators, rationale, meta, timestamp

    static let count = allCases.count

    /// The JSON key.
    var name: String { staticName.description }

    /// The JSON key as static text.
    var staticName: StaticString {
        switch self {
        case .id: "id"
        case .strategyID: "strategy_id"
        case .signalID: "signal_id"
        case .decisionID: "decision_id"
        case .strategyMode: "strategy_mode"
        case .symbol: "symbol"
        case .signalType: "signal_type"
        case .action: "action"
        case .confidence: "confidence"
        case .strength: "strength"
        case .price: "price"
        case .quantity: "quantity"
        case .currentPrice: "current_price"
        case .targetPrice: "target_price"
        case .source: "source"
        case .strategy: "strategy"
        case .metadata: "metadata"
        case .timeframe: "timeframe"
        case .orderType: "order_type"
        case .timeInForce: "time_in_force"
        case .positionSizePct: "position_size_pct"
        case .quoteQuantity: "quote_quantity"
        case .stopLoss: "stop_loss"
        case .stopLossPct: "stop_loss_pct"
        case .takeProfit: "take_profit"
        case .takeProfitPct: "take_profit_pct"
        case .conditionalPrice: "conditional_price"
        case .conditionalDirection: "conditional_direction"
        case .conditionalTimeout: "conditional_timeout"
        case .icebergQuantity: "iceberg_quantity"
        case .clientOrderID: "client_order_id"
        case .modelConfidence: "model_confidence"
        case .modelFeatures: "model_features"
        case .llmReasoning: "llm_reasoning"
        case .llmAlternatives: "llm_alternatives"
        case .indicators: "indicators"
        case .rationale: "rationale"
        case .meta: "meta"
        case .timestamp: "timestamp"
        }
    }

    /// The field whose JSON key is exactly `key` (unescaped bytes): a switch on the length and
    /// the first byte, then one comparison.
    static func matching(_ key: UnsafeRawBufferPointer) -> SignalField? {
        guard key.count >= 2 else { return nil }
        let first = key[0]
        let candidate: SignalField?
        switch key.count {
        case 2: candidate = .id
        case 4: candidate = .meta
        case 5: candidate = .price
        case 6: candidate = first == UInt8(ascii: "s") ? (key[1] == UInt8(ascii: "y") ? .symbol : .source) : .action
        case 8:
            switch first {
            case UInt8(ascii: "s"):
                candidate = key[1] == UInt8(ascii: "t") && key[3] == UInt8(ascii: "e") ? .strength : .strategy
            case UInt8(ascii: "q"): candidate = .quantity
            default: candidate = .metadata
            }
        case 9:
            switch first {
            case UInt8(ascii: "s"): candidate = key[1] == UInt8(ascii: "i") ? .signalID : .stopLoss
            case UInt8(ascii: "t"): candidate = key[4] == UInt8(ascii: "f") ? .timeframe : .timestamp
            default: candidate = .rationale
            }
        case 10:
            switch first {
            case UInt8(ascii: "c"): candidate = .confidence
            case UInt8(ascii: "o"): candidate = .orderType
            default: candidate = .indicators
            }
        case 11:
            switch first {
            case UInt8(ascii: "s"): candidate = key[1] == UInt8(ascii: "t") ? .strategyID : .signalType
            case UInt8(ascii: "d"): candidate = .decisionID
            default: candidate = .takeProfit
            }
        case 12: candidate = .targetPrice
        case 13:
            switch first {
            case UInt8(ascii: "s"):
                candidate = key[1] == UInt8(ascii: "t") && key[2] == UInt8(ascii: "r") ? .strategyMode : .stopLossPct
            case UInt8(ascii: "c"): candidate = .currentPrice
            case UInt8(ascii: "t"): candidate = .timeInForce
            default: candidate = .llmReasoning
            }
        case 14: candidate = first == UInt8(ascii: "q") ? .quoteQuantity : .modelFeatures
        case 15: candidate = first == UInt8(ascii: "t") ? .takeProfitPct : .clientOrderID
        case 16:
            switch first {
            case UInt8(ascii: "i"): candidate = .icebergQuantity
            case UInt8(ascii: "m"): candidate = .modelConfidence
            default: candidate = .llmAlternatives
            }
        case 17: candidate = first == UInt8(ascii: "p") ? .positionSizePct : .conditionalPrice
        case 19: candidate = .conditionalTimeout
        case 21: candidate = .conditionalDirection
        default: candidate = nil
        }
        guard let candidate else { return nil }
        return patterns[candidate.rawValue].matches(key) ? candidate : nil
    }

    /// Every key as words for a two- or three-load comparison.
    static let patterns: [KeyPattern] = allCases.map { field in
        let name = field.staticName
        return KeyPattern(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}

/// A short byte string (at most 24 bytes) as three overlapping words, compared without a loop.
struct KeyPattern {
    let length: Int
    let first: UInt64
    let middle: UInt64
    let last: UInt64

    init(_ bytes: UnsafeRawBufferPointer) {
        length = bytes.count
        first = KeyPattern.word(bytes, 0)
        middle = length > 16 ? KeyPattern.word(bytes, 8) : 0
        last = length >= 8 ? KeyPattern.word(bytes, length - 8) : 0
    }

    /// Eight bytes at `offset`; when fewer are left, the rest as two overlapping four-byte
    /// loads (four to seven bytes) or zero-padded bytes (fewer than four). Equal words at equal
    /// lengths mean equal bytes.
    @inline(__always) static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        let count = bytes.count
        if offset + 8 <= count { return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        if offset + 4 <= count {
            let low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            let high = bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            return UInt64(low) | UInt64(high) << 32
        }
        var value: UInt64 = 0
        var index = bytes.count - 1
        while index >= offset {
            value = value << 8 | UInt64(bytes[index])
            index -= 1
        }
        return value
    }

    @inline(__always) func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count == length else { return false }
        guard KeyPattern.word(key, 0) == first else { return false }
        if length > 16 && KeyPattern.word(key, 8) != middle { return false }
        return length < 8 || KeyPattern.word(key, length - 8) == last
    }
}

/// Byte equality of two buffers, a word at a time.
@inline(__always) func bytesEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    let count = a.count
    guard count == b.count else { return false }
    var index = 0
    while index + 8 <= count {
        if a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        {
            return false
        }
        index += 8
    }
    while index < count {
        if a[index] != b[index] { return false }
        index += 1
    }
    return true
}
