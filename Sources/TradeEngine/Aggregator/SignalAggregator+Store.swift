import Market

/// The aggregator's key: `"{strategy_id}_{symbol}_{timestamp.isoformat()}"` as interned ids and
/// the (instant, offset) pair that determines the ISO text.
struct ActiveKey: FlatKey {
    var strategy: Int32
    var symbol: Int32
    var microseconds: Int64
    var offset: Int32

    var hash64: UInt64 {
        let ids = UInt64(UInt32(bitPattern: strategy)) << 32 | UInt64(UInt32(bitPattern: symbol))
        return mix64(
            ids &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: microseconds) ^ UInt64(UInt32(bitPattern: offset)) << 40)
    }
}

extension SignalAggregator {
    struct Entry {
        var key: ActiveKey
        var action: SignalAction
        var mode: StrategyMode
        var alive: Bool
        /// The entry's index in its bucket's `items`.
        var bucketSlot: Int32
        var confidence: Double
    }

    /// The live and dead entries of one (symbol, action), in insertion order.
    struct Bucket {
        var items: [BucketItem] = []
        var live: Int32 = 0
    }

    struct BucketItem {
        var slot: Int32
        /// The strategy id, or −1 once the entry is gone.
        var strategy: Int32
        var confidence: Double
    }

    @inline(__always) static func bucketIndex(symbol: Int32, action: SignalAction) -> Int {
        Int(symbol) &* 4 &+ action.index
    }

    mutating func insert(_ signal: Signal, key: ActiveKey) {
        let slot = Int32(entries.count)
        let bucket = Self.bucketIndex(symbol: key.symbol, action: signal.action)
        ensureCapacity(bucket: bucket, strategy: key.strategy)
        buckets[bucket].items.append(BucketItem(slot: slot, strategy: key.strategy, confidence: signal.confidence))
        buckets[bucket].live += 1
        strategyCounts[bucket &* strategyStride &+ Int(key.strategy)] += 1
        entries.append(
            Entry(
                key: key, action: signal.action, mode: signal.strategyMode, alive: true,
                bucketSlot: Int32(buckets[bucket].items.count - 1), confidence: signal.confidence))
        keyIndex.set(slot, for: key)
        expiry.push(ExpiryQueue.Item(microseconds: key.microseconds, slot: slot))
        activeCount += 1
    }

    /// A same-key signal replaces the stored one in place (same position, same expiry).
    mutating func replace(_ slot: Int32, with signal: Signal) {
        let index = Int(slot)
        let entry = entries[index]
        if entry.action == signal.action {
            let bucket = Self.bucketIndex(symbol: entry.key.symbol, action: entry.action)
            buckets[bucket].items[Int(entry.bucketSlot)].confidence = signal.confidence
        } else {
            detach(slot)
            entries[index].action = signal.action
            attach(slot, confidence: signal.confidence)
        }
        entries[index].confidence = signal.confidence
        entries[index].mode = signal.strategyMode
    }

    /// Removes signals older than `now − signalTTL` (strictly; `now` in microseconds, exact as
    /// live's `datetime` arithmetic).
    mutating func prune(now: Int64) {
        let cutoff = now &- settings.signalTTL &* 1000
        while let top = expiry.top, top.microseconds < cutoff {
            expiry.pop()
            if entries[Int(top.slot)].alive { kill(top.slot) }
        }
    }

    mutating func kill(_ slot: Int32) {
        detach(slot)
        entries[Int(slot)].alive = false
        keyIndex.removeValue(for: entries[Int(slot)].key)
        activeCount -= 1
    }

    /// Takes an entry out of its bucket (and the strategy count).
    mutating func detach(_ slot: Int32) {
        let entry = entries[Int(slot)]
        let bucket = Self.bucketIndex(symbol: entry.key.symbol, action: entry.action)
        buckets[bucket].items[Int(entry.bucketSlot)].strategy = -1
        buckets[bucket].live -= 1
        strategyCounts[bucket &* strategyStride &+ Int(entry.key.strategy)] -= 1
        let items = buckets[bucket].items.count
        if items >= 32 && Int(buckets[bucket].live) * 2 < items { compactBucket(bucket) }
    }

    /// Puts an entry into the bucket of its (current) action at its insertion position.
    mutating func attach(_ slot: Int32, confidence: Double) {
        let entry = entries[Int(slot)]
        let bucket = Self.bucketIndex(symbol: entry.key.symbol, action: entry.action)
        ensureCapacity(bucket: bucket, strategy: entry.key.strategy)
        var low = 0
        var high = buckets[bucket].items.count
        while low < high {
            let middle = (low + high) / 2
            if buckets[bucket].items[middle].slot < slot { low = middle + 1 } else { high = middle }
        }
        buckets[bucket].items.insert(
            BucketItem(slot: slot, strategy: entry.key.strategy, confidence: confidence), at: low)
        for position in low..<buckets[bucket].items.count {
            let other = buckets[bucket].items[position]
            if other.strategy >= 0 { entries[Int(other.slot)].bucketSlot = Int32(position) }
        }
        buckets[bucket].live += 1
        strategyCounts[bucket &* strategyStride &+ Int(entry.key.strategy)] += 1
    }

    mutating func compactBucket(_ bucket: Int) {
        var kept: [BucketItem] = []
        kept.reserveCapacity(Int(buckets[bucket].live) * 2)
        for item in buckets[bucket].items where item.strategy >= 0 {
            entries[Int(item.slot)].bucketSlot = Int32(kept.count)
            kept.append(item)
        }
        buckets[bucket].items = kept
    }

    mutating func ensureCapacity(bucket: Int, strategy: Int32) {
        if bucket >= buckets.count {
            let newCount = Swift.max(bucket + 1, buckets.count * 2, 16)
            buckets.append(contentsOf: repeatElement(Bucket(), count: newCount - buckets.count))
            strategyCounts.append(contentsOf: repeatElement(0, count: newCount * strategyStride - strategyCounts.count))
        }
        if Int(strategy) >= strategyStride {
            let newStride = Swift.max(Int(strategy) + 1, strategyStride * 2, 16)
            var counts = [Int32](repeating: 0, count: buckets.count * newStride)
            for index in 0..<buckets.count {
                for s in 0..<strategyStride {
                    counts[index * newStride + s] = strategyCounts[index * strategyStride + s]
                }
            }
            strategyCounts = counts
            strategyStride = newStride
        }
    }

    /// Drops dead slots, keeping insertion order; rebuilds the key index, buckets and heap.
    mutating func compact() {
        var newSlot = [Int32](repeating: -1, count: entries.count)
        var kept: [Entry] = []
        kept.reserveCapacity(activeCount * 2)
        for (slot, entry) in entries.enumerated() where entry.alive {
            newSlot[slot] = Int32(kept.count)
            kept.append(entry)
        }
        entries = kept
        keyIndex = FlatMap(capacity: entries.count)
        var heapItems: [ExpiryQueue.Item] = []
        heapItems.reserveCapacity(entries.count)
        for (slot, entry) in entries.enumerated() {
            keyIndex.set(Int32(slot), for: entry.key)
            heapItems.append(ExpiryQueue.Item(microseconds: entry.key.microseconds, slot: Int32(slot)))
        }
        expiry.rebuild(heapItems)
        for bucket in buckets.indices {
            var items: [BucketItem] = []
            items.reserveCapacity(Int(buckets[bucket].live))
            for item in buckets[bucket].items where item.strategy >= 0 {
                let slot = newSlot[Int(item.slot)]
                entries[Int(slot)].bucketSlot = Int32(items.count)
                items.append(BucketItem(slot: slot, strategy: item.strategy, confidence: item.confidence))
            }
            buckets[bucket].items = items
        }
    }
}

/// The processors' view of the aggregator for one signal, answering from its buckets: the
/// signal's interned ids and the aggregator's index arrays, which `SignalAggregator.evaluate`
/// moves in for the call and back afterwards.
struct IndexedView: ActiveSignalView {
    let ids: SignalIDs
    let activeCount: Int
    let strategyStride: Int
    var buckets: [SignalAggregator.Bucket] = []
    var strategyCounts: [Int32] = []
    var strategyNames: [String] = []

    func sameDirection(for signal: Signal, policy: SignalSettings.SameDirectionPolicy) -> SameDirectionSummary {
        let bucket = SignalAggregator.bucketIndex(symbol: ids.symbol, action: signal.action)
        guard bucket < buckets.count else { return SameDirectionSummary(count: 0) }
        let stride = strategyStride
        let own = Int(ids.strategy) < stride ? strategyCounts[bucket &* stride &+ Int(ids.strategy)] : 0
        var summary = SameDirectionSummary(count: Int(buckets[bucket].live - own))
        guard summary.count > 0 else { return summary }
        let strategy = ids.strategy
        switch policy {
        case .accumulate:
            break
        case .strongestWins:
            var best = -Double.infinity
            for item in buckets[bucket].items
            where item.strategy >= 0 && item.strategy != strategy && item.confidence > best {
                best = item.confidence
            }
            summary.maxConfidence = best
        case .rejectDuplicates:
            if let first = buckets[bucket].items.first(where: { $0.strategy >= 0 && $0.strategy != strategy }) {
                summary.firstStrategyID = strategyNames[Int(first.strategy)]
            }
        }
        return summary
    }

    func conflicts(for signal: Signal) -> ConflictSummary {
        var summary = ConflictSummary(count: 0)
        for action in SignalAction.allCases where action != signal.action {
            let bucket = SignalAggregator.bucketIndex(symbol: ids.symbol, action: action)
            guard bucket < buckets.count, buckets[bucket].live > 0 else { continue }
            summary.count += Int(buckets[bucket].live)
            var best = summary.maxConfidence
            for item in buckets[bucket].items where item.strategy >= 0 && item.confidence > best {
                best = item.confidence
            }
            summary.maxConfidence = best
        }
        return summary
    }
}
