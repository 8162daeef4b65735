import Market

/// Dense ids for the strategy ids and symbols one run has seen, in first-seen order, so the
/// gates and the aggregator key their tables by integers instead of hashing strings again.
struct SignalInterner {
    /// A direct-mapped cache by the strings' raw representation: equal bits mean equal strings
    /// (the same storage, or the same small-string contents), which the decoder's shared
    /// strings make the common case.
    private var recentStrategies = [RecentString](repeating: RecentString(), count: 64)
    private var recentSymbols = [RecentString](repeating: RecentString(), count: 64)
    private var strategyIDs = FlatMap<InternKey, Int32>()
    var strategyNames: [String] = []
    private var symbolIDs = FlatMap<InternKey, Int32>()
    private(set) var symbols: [Symbol] = []

    mutating func strategyID(_ name: String) -> Int32 {
        let bits = unsafeBitCast(name, to: (UInt64, UInt64).self)
        let slot = Int(truncatingIfNeeded: mix64(bits.0 ^ bits.1)) & 63
        if recentStrategies[slot].bits == bits && recentStrategies[slot].id >= 0 { return recentStrategies[slot].id }
        let id = internStrategy(name)
        recentStrategies[slot] = RecentString(bits: bits, id: id, text: name)
        return id
    }

    private mutating func internStrategy(_ name: String) -> Int32 {
        let key = InternKey(name)
        if let id = strategyIDs[key] { return id }
        let id = Int32(strategyNames.count)
        strategyIDs.set(id, for: key)
        strategyNames.append(name)
        return id
    }

    mutating func symbolID(_ symbol: Symbol) -> Int32 {
        let bits = unsafeBitCast(symbol.name, to: (UInt64, UInt64).self)
        let slot = Int(truncatingIfNeeded: mix64(bits.0 ^ bits.1)) & 63
        if recentSymbols[slot].bits == bits && recentSymbols[slot].id >= 0 { return recentSymbols[slot].id }
        let id = internSymbol(symbol)
        recentSymbols[slot] = RecentString(bits: bits, id: id, text: symbol.name)
        return id
    }

    private mutating func internSymbol(_ symbol: Symbol) -> Int32 {
        let key = InternKey(symbol.name)
        if let id = symbolIDs[key] { return id }
        let id = Int32(symbols.count)
        symbolIDs.set(id, for: key)
        symbols.append(symbol)
        return id
    }

    func existingSymbolID(_ symbol: Symbol) -> Int32? { symbolIDs[InternKey(symbol.name)] }

    mutating func ids(for signal: Signal) -> SignalIDs {
        SignalIDs(strategy: strategyID(signal.strategyID), symbol: symbolID(signal.symbol))
    }
}

/// A cache entry: a string's raw bits and its id. `text` keeps the string alive so its storage
/// (and thus its bits) cannot be reused by another string while cached.
struct RecentString {
    var bits: (UInt64, UInt64) = (0, 0)
    var id: Int32 = -1
    var text = ""
}

/// A signal's interned strategy and symbol.
struct SignalIDs: Hashable {
    var strategy: Int32
    var symbol: Int32
}

/// A string with a fixed hash of its UTF-8 bytes.
struct InternKey: FlatKey {
    let text: String
    let hash64: UInt64

    init(_ text: String) {
        self.text = text
        hash64 = InternKey.hash(text)
    }

    static func == (lhs: InternKey, rhs: InternKey) -> Bool { lhs.hash64 == rhs.hash64 && lhs.text == rhs.text }

    static func hash(_ text: String) -> UInt64 {
        if let hash = text.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return hash }
        return Array(text.utf8).withUnsafeBytes { hash($0) }
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
        var index = 0
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return mix64((h ^ tail) &* 0x9E37_79B9_7F4A_7C15)
    }
}
