import HeapModule
import Market

extension SimulatedExchange {
    // MARK: Driving

    /// Step (2) for one symbol's bar: pending MARKET orders fill at the open, then the bar's
    /// path is walked and everything it triggers fills at the path point where it happens.
    ///
    /// Path points and their times (interval = bar length): O at the open time, the first
    /// extreme at open + ⌊interval/3⌋, the second at open + ⌊2·interval/3⌋, C at
    /// open + interval − 1 ms; `currentTime` follows them. A bar where nothing can trigger
    /// (heap tops, liquidation levels and pending activations all outside its range, no
    /// trailing stop) only moves the last and mark prices.
    ///
    /// Calls with an out-of-range index, or from inside an event handler, are ignored.
    public func processBar(symbolIndex s: Int, barIndex i: Int) {
        processBar(symbolIndex: s, barIndex: i, through: .max)
    }

    /// Step (2) up to an instant: walks the path points of the bar (the four-point path, or the
    /// detail klines' points when the bar is replayed) whose time is at or before `through`
    /// (milliseconds), and stops there with the clock at `through`, so that the driver can
    /// decide a signal with the state at its instant. A later call for the same bar continues
    /// the walk (with `through` past the close it finishes it); a call for another bar first
    /// finishes the suspended one. Orders placed while the walk is stopped act from the next
    /// path point later than their placement, as those placed by a fill; MARKET orders fill at
    /// a later bar's open. `through` before the bar's open walks nothing.
    ///
    /// Calls with an out-of-range index, or from inside an event handler, are ignored.
    public func processBar(symbolIndex s: Int, barIndex i: Int, through: Int64) {
        guard !state.walking, s >= 0, s < symbolCount, i >= 0, i < bars[s].count else { return }
        if state.walks[s].isSuspended {
            if state.walks[s].bar == i {
                resumeWalk(s, through: through)
                return
            }
            resumeWalk(s, through: .max)
        }
        let b = bars[s]
        guard through >= b.openTime[i] else { return }
        let open = b.open[i]
        let markOpen = b.markOpen[i]
        let last = hot[s].lastPrice
        let lastMark = hot[s].markPrice
        let previous = last != 0 ? last : open
        let previousMark = lastMark != 0 ? lastMark : markOpen
        let highC = max(b.high[i], previous)
        let lowC = min(b.low[i], previous)
        let highM = max(b.markHigh[i], previousMark)
        let lowM = min(b.markLow[i], previousMark)
        if hot[s].crossOpen { prepareCrossLevels(s, markLow: lowM, markHigh: highM) }
        let activation = latency == 0 ? b.closeTime(i) : b.openTime[i]
        let h = hot[s]
        if through >= b.closeTime(i) && h.upContract > highC && h.downContract < lowC && h.upMark > highM
            && h.downMark < lowM && h.liquidationUp > highM && h.liquidationDown < lowM && h.trailingCount == 0
            && h.pendingMin > activation
        {
            hot[s].lastPrice = b.close[i]
            hot[s].markPrice = b.markClose[i]
            hot[s].lastBar = i
            state.now = b.closeTime(i)
            return
        }
        var walk = BarWalk()
        walk.bar = i
        walk.markLow = lowM
        walk.markHigh = highM
        walk.detailPrevious = previous
        walk.clock = b.openTime[i]
        state.walking = true
        state.walkSymbol = s
        state.walkBarTime = b.openTime[i]
        state.segmentAmbiguous = false
        state.firedFirstExtreme = false
        state.firedSecondExtreme = false
        state.walkSegment = 0
        walkBar(s, &walk, previous: previous, previousMark: previousMark, through: through)
    }

    /// Whether a bar walk of the symbol is stopped inside its bar.
    public func hasSuspendedWalk(symbolIndex s: Int) -> Bool {
        s >= 0 && s < symbolCount && state.walks[s].isSuspended
    }

    /// Continues a suspended walk of symbol `s` through `through`.
    func resumeWalk(_ s: Int, through: Int64) {
        var walk = state.walks[s]
        state.walks[s].bar = -1
        state.suspendedWalks -= 1
        guard through >= walk.clock else {
            // Nothing new to walk: stay suspended.
            state.walks[s] = walk
            state.suspendedWalks += 1
            return
        }
        let i = walk.bar
        state.walking = true
        state.walkSymbol = s
        state.walkBarTime = bars[s].openTime[i]
        state.segmentAmbiguous = walk.segmentAmbiguous
        state.firedFirstExtreme = walk.firedFirstExtreme
        state.firedSecondExtreme = walk.firedSecondExtreme
        state.walkSegment = walk.walkSegment
        hot[s].lastBar = i
        // Orders and fills while the walk stood still may have moved the cross-margin levels.
        if hot[s].crossOpen { prepareCrossLevels(s, markLow: walk.markLow, markHigh: walk.markHigh) }
        walkBar(s, &walk, previous: 0, previousMark: 0, through: through)
    }

    /// Step (5): marks the symbol at the bar's close (mark kline close when given) and checks
    /// cross-margin liquidation against the account at the new marks.
    public func markToMarket(symbolIndex s: Int, barIndex i: Int) {
        guard !state.walking, s >= 0, s < symbolCount, i >= 0, i < bars[s].count else { return }
        if state.walks[s].isSuspended { resumeWalk(s, through: .max) }
        let b = bars[s]
        hot[s].markPrice = b.markClose[i]
        hot[s].lastPrice = b.close[i]
        if i > hot[s].lastBar { hot[s].lastBar = i }
        state.now = b.closeTime(i)
        guard !isolated[s], hot[s].crossOpen else { return }
        let mark = markOrLast(s)
        if mark >= hot[s].bandLow && mark <= hot[s].bandHigh {
            // Inside the bands the headroom stays positive (see `computeCrossBands`): the
            // re-booking at this mark can wait until the totals are read.
            if !hot[s].crossPending {
                hot[s].crossPending = true
                state.crossPendingCount += 1
            }
            hot[s].pendingMark = mark
            return
        }
        flushCross()
        refreshCross(s)
        invalidateCrossBands()
        if crossHeadroom <= 0 {
            state.walkBarTime = b.openTime[i]
            liquidateCross(trigger: s, price: hot[s].markPrice, point: .close, ambiguous: false)
            flushEvents()
        }
    }

    /// Steps (2) and (5) for a run of quiet bars of one symbol: from bar `i` on, while a bar can
    /// neither trigger, fill nor liquidate anything (the fast case of `processBar`, and in cross
    /// mode its marks inside the bands) and ends before `closeBefore` (its open plus its length
    /// is less), does what `processBar` followed by `markToMarket` would, for at most `maxBars`
    /// bars. Returns the index of the first bar not processed (`i` when bar `i` is not quiet).
    ///
    /// For a driver with nothing to do between those two calls (no signal due, no equity
    /// sample): the state after the run is the same as after the calls bar by bar.
    public func advanceQuietBars(symbolIndex s: Int, from i: Int, closeBefore limit: Int64, maxBars: Int = .max) -> Int
    {
        guard !state.walking, state.suspendedWalks == 0, s >= 0, s < symbolCount, i >= 0, maxBars > 0 else { return i }
        let b = bars[s]
        guard b.length > 0 else { return i }
        let hs = hot[s]
        let cross = !isolated[s] && hs.crossOpen
        // Quiet thresholds: the cached heap tops and liquidation levels (none inside the bands).
        let upC = hs.upContract
        let downC = hs.downContract
        let upM = cross ? min(hs.upMark, hs.bandHigh &+ 1) : min(hs.upMark, hs.liquidationUp)
        let downM = cross ? max(hs.downMark, hs.bandLow &- 1) : max(hs.downMark, hs.liquidationDown)
        guard hs.trailingCount == 0, !cross || hs.bandLow <= hs.bandHigh else { return i }
        let pendingMin = hs.pendingMin
        let length = b.length
        let end = maxBars < b.count - i ? i + maxBars : b.count
        var previous = hs.lastPrice
        var previousMark = hs.markPrice
        var j = i
        while j < end {
            let t0 = b.openTime[j]
            let close = t0 &+ length
            guard close < limit else { break }
            let activation = latency == 0 ? close &- 1 : t0
            let open = b.open[j]
            let markOpen = b.markOpen[j]
            let p = previous != 0 ? previous : open
            let pm = previousMark != 0 ? previousMark : markOpen
            let highC = max(b.high[j], p)
            let lowC = min(b.low[j], p)
            let highM = max(b.markHigh[j], pm)
            let lowM = min(b.markLow[j], pm)
            let markClose = b.markClose[j]
            guard upC > highC, downC < lowC, upM > highM, downM < lowM, pendingMin > activation,
                !cross || (markClose > downM && markClose < upM)
            else { break }
            previous = b.close[j]
            previousMark = markClose
            j &+= 1
        }
        guard j > i else { return i }
        let last = j &- 1
        if cross {
            hot[s].liquidationDown = .min
            hot[s].liquidationUp = .max
        }
        hot[s].lastPrice = b.close[last]
        hot[s].markPrice = b.markClose[last]
        hot[s].lastBar = last
        state.now = b.closeTime(last)
        if cross {
            // As `markToMarket`: the re-booking at the close waits (the close is inside the band).
            let mark = markOrLast(s)
            if !hot[s].crossPending {
                hot[s].crossPending = true
                state.crossPendingCount += 1
            }
            hot[s].pendingMark = mark
        }
        return j
    }

    // MARK: The walk

    /// Walks the path points of `walk`'s bar at or before `through`, from where the walk stands
    /// (`phase` 0: the open, with the gap from `previous`/`previousMark`); finishes the bar or
    /// suspends the walk in `state.walks`.
    func walkBar(_ s: Int, _ walk: inout BarWalk, previous: Int64, previousMark: Int64, through: Int64) {
        let b = bars[s]
        let i = walk.bar
        let t0 = b.openTime[i]
        let tc = b.closeTime(i)
        let length = tc + 1 - t0
        let high = b.high[i]
        let low = b.low[i]
        walking: while walk.phase < 4 {
            if walk.replay {
                guard walkDetailPoint(s, &walk, through: through) else { break walking }
                continue
            }
            switch walk.phase {
            case 0:
                let open = b.open[i]
                let markOpen = b.markOpen[i]
                hot[s].lastBar = i
                state.now = t0
                drainPending(s, time: t0, atOpen: true, open: open, low: low, high: high)
                processSegment(
                    s,
                    PathSegment(
                        c0: previous, c1: open, m0: previousMark, m1: markOpen, point: .open, gap: true, low: low,
                        high: high))
                hot[s].lastPrice = open
                hot[s].markPrice = markOpen
                walk.clock = t0
                // Orders placed at the open (a strategy's protection placed by its entry fill)
                // act from the first extreme: arm them before deciding whether the bar is
                // two-sided, so that an entry bar reaching both its stop and its target is
                // flagged (or replayed).
                if latency == 0 { drainPending(s, time: t0 + length / 3, atOpen: false, open: 0, low: 0, high: 0) }
                walk.highFirst = decideHighFirst(s, open: open, high: high, low: low)
                walk.twoSided = isTwoSided(s, highC: high, lowC: low, highM: b.markHigh[i], lowM: b.markLow[i])
                walk.phase = 1
                if walk.twoSided, let series = detail[s] {
                    let first = series.firstIndex(atOrAfter: t0)
                    let end = series.firstIndex(atOrAfter: tc + 1)
                    if first < end {
                        walk.replay = true
                        walk.detailIndex = first
                        walk.detailEnd = end
                        walk.detailPhase = 0
                        walk.detailPrevious = hot[s].lastPrice
                    }
                }
            case 1:
                let time = t0 + length / 3
                guard time <= through else { break walking }
                let first = walk.highFirst ? (high, b.markHigh[i], PathPoint.high) : (low, b.markLow[i], PathPoint.low)
                state.walkSegment = 1
                state.segmentAmbiguous = walk.twoSided
                step(
                    s, time: time,
                    PathSegment(
                        c0: b.open[i], c1: first.0, m0: b.markOpen[i], m1: first.1, point: first.2, gap: false,
                        low: low, high: high))
                walk.clock = time
                walk.phase = 2
            case 2:
                let time = t0 + 2 * length / 3
                guard time <= through else { break walking }
                let first = walk.highFirst ? (high, b.markHigh[i]) : (low, b.markLow[i])
                let second = walk.highFirst ? (low, b.markLow[i], PathPoint.low) : (high, b.markHigh[i], PathPoint.high)
                state.walkSegment = 2
                state.segmentAmbiguous = walk.twoSided || state.firedFirstExtreme
                step(
                    s, time: time,
                    PathSegment(
                        c0: first.0, c1: second.0, m0: first.1, m1: second.1, point: second.2, gap: false, low: low,
                        high: high))
                walk.clock = time
                walk.phase = 3
            default:
                guard tc <= through else { break walking }
                let second = walk.highFirst ? (low, b.markLow[i]) : (high, b.markHigh[i])
                state.walkSegment = 3
                state.segmentAmbiguous = walk.twoSided || state.firedFirstExtreme || state.firedSecondExtreme
                step(
                    s, time: tc,
                    PathSegment(
                        c0: second.0, c1: b.close[i], m0: second.1, m1: b.markClose[i], point: .close, gap: false,
                        low: low, high: high))
                walk.clock = tc
                walk.phase = 4
            }
        }
        if walk.phase < 4 {
            // Stopped at `through`: the state at that instant, events delivered.
            walk.segmentAmbiguous = state.segmentAmbiguous
            walk.firedFirstExtreme = state.firedFirstExtreme
            walk.firedSecondExtreme = state.firedSecondExtreme
            walk.walkSegment = state.walkSegment
            state.walks[s] = walk
            state.suspendedWalks += 1
            state.now = max(through, walk.clock)
        } else {
            hot[s].lastPrice = b.close[i]
            hot[s].markPrice = b.markClose[i]
            hot[s].lastBar = i
            state.now = tc
        }
        state.walking = false
        state.walkSymbol = -1
        state.walkSegment = 0
        flushEvents()
    }

    /// Moves the clock to a path point, arms what became active, and walks the segment.
    @inline(__always) func step(_ s: Int, time: Int64, _ segment: PathSegment) {
        state.now = time
        if latency == 0 { drainPending(s, time: time, atOpen: false, open: 0, low: 0, high: 0) }
        processSegment(s, segment)
        hot[s].lastPrice = segment.c1
        hot[s].markPrice = segment.m1
    }

    /// Walks the next point of an ambiguous bar's replay on its detail klines (same rules inside
    /// each detail bar; the mark follows the detail kline path) when its time is at or before
    /// `through`; returns false otherwise. After the last detail kline the bar's path is done.
    func walkDetailPoint(_ s: Int, _ walk: inout BarWalk, through: Int64) -> Bool {
        guard let series = detail[s], walk.detailIndex < walk.detailEnd else {
            // After the last detail kline only the bar's close is left.
            guard bars[s].closeTime(walk.bar) <= through else { return false }
            walk.replay = false
            walk.phase = 4
            return true
        }
        let j = walk.detailIndex
        let dt0 = series.openTime(j)
        let length = series.interval.next(after: Timestamp(milliseconds: dt0)).milliseconds - dt0
        let o = series.open(j)
        let h = series.high(j)
        let l = series.low(j)
        let c = series.close(j)
        let e1 = walk.highFirst ? h : l
        let e2 = walk.highFirst ? l : h
        switch walk.detailPhase {
        case 0:
            let time = max(dt0, walk.clock)
            guard time <= through else { return false }
            state.walkSegment = 0
            state.segmentAmbiguous = false
            state.firedFirstExtreme = false
            state.firedSecondExtreme = false
            step(
                s, time: time,
                PathSegment(
                    c0: walk.detailPrevious, c1: o, m0: walk.detailPrevious, m1: o, point: .detail, gap: true, low: l,
                    high: h))
            if latency == 0 { drainPending(s, time: dt0 + length / 3, atOpen: false, open: 0, low: 0, high: 0) }
            walk.highFirst = decideHighFirst(s, open: o, high: h, low: l)
            walk.twoSided = isTwoSided(s, highC: h, lowC: l, highM: h, lowM: l)
            walk.clock = time
            walk.detailPhase = 1
        case 1:
            let time = dt0 + length / 3
            guard time <= through else { return false }
            state.walkSegment = 1
            state.segmentAmbiguous = walk.twoSided
            step(s, time: time, PathSegment(c0: o, c1: e1, m0: o, m1: e1, point: .detail, gap: false, low: l, high: h))
            walk.clock = time
            walk.detailPhase = 2
        case 2:
            let time = dt0 + 2 * length / 3
            guard time <= through else { return false }
            state.walkSegment = 2
            state.segmentAmbiguous = walk.twoSided || state.firedFirstExtreme
            step(
                s, time: time, PathSegment(c0: e1, c1: e2, m0: e1, m1: e2, point: .detail, gap: false, low: l, high: h))
            walk.clock = time
            walk.detailPhase = 3
        default:
            let time = dt0 + length - 1
            guard time <= through else { return false }
            state.walkSegment = 3
            state.segmentAmbiguous = walk.twoSided || state.firedFirstExtreme || state.firedSecondExtreme
            step(s, time: time, PathSegment(c0: e2, c1: c, m0: e2, m1: c, point: .detail, gap: false, low: l, high: h))
            walk.clock = time
            walk.detailPrevious = c
            walk.detailIndex += 1
            walk.detailPhase = 0
        }
        return true
    }

    /// The extreme visited first under the configured policy.
    func decideHighFirst(_ s: Int, open: Int64, high: Int64, low: Int64) -> Bool {
        let adaptive = high - open <= open - low
        switch configuration.pricePath {
        case .ohlc: return true
        case .olhc: return false
        case .adaptive: return adaptive
        case .pessimistic:
            let long = legs[s * 2].quantity
            let short = legs[s * 2 + 1].quantity
            if long > short { return false }
            if short > long { return true }
            return adaptive
        }
    }

    /// True when, at the start of a bar's extremes, something would trigger at the high and
    /// something at the low: armed orders on either price source, the liquidation levels, and
    /// trailing stops (one that could trigger on the bar and whose level the opposite extreme
    /// would move). Fills decided inside such a bar's extremes are flagged ambiguous.
    func isTwoSided(_ s: Int, highC: Int64, lowC: Int64, highM: Int64, lowM: Int64) -> Bool {
        let h = hot[s]
        var up = h.upContract <= highC || h.upMark <= highM || h.liquidationUp <= highM
        var down = h.downContract >= lowC || h.downMark >= lowM || h.liquidationDown >= lowM
        if h.trailingCount > 0 {
            for member in state.trailing[s] {
                let o = state.orders[Int(member)]
                let (hi, lo) = o.workingType == .markPrice ? (highM, lowM) : (highC, lowC)
                if o.side == .sell {
                    let watermark = max(o.watermark, hi)
                    let active = o.activated || watermark >= o.activationPrice
                    if active && lo <= trailingLevel(o, watermark: watermark) {
                        down = true
                        if hi > o.watermark { up = true }
                    }
                } else {
                    let watermark = min(o.watermark, lo)
                    let active = o.activated || watermark <= o.activationPrice
                    if active && hi >= trailingLevel(o, watermark: watermark) {
                        up = true
                        if lo < o.watermark { down = true }
                    }
                }
            }
        }
        return up && down
    }

    /// A trailing stop's trigger level: watermark × (1 ∓ callback %), rounded to the tick away
    /// from the watermark.
    func trailingLevel(_ o: SimulatedOrder, watermark: Int64) -> Int64 {
        let hundred = 100 * fixedPointOne
        let tick = filters[o.symbol].tickSize
        if o.side == .sell {
            let level = FixedPointMath.mulDiv(watermark, hundred - o.callbackRate, hundred, .down)
            return tick > 0 ? FixedPointMath.roundToMultiple(level, tick, .down) : level
        }
        let level = FixedPointMath.mulDiv(watermark, hundred + o.callbackRate, hundred, .up)
        return tick > 0 ? FixedPointMath.roundToMultiple(level, tick, .up) : level
    }

    // MARK: Activation

    /// Activates the symbol's pending orders due at `time`: LIMIT and conditional orders go to
    /// their heaps or lists; at a bar's open, due MARKET orders fill at the open (taker, with
    /// slippage), in id order.
    func drainPending(_ s: Int, time: Int64, atOpen: Bool, open: Int64, low: Int64, high: Int64) {
        guard hot[s].pendingMin <= time else { return }
        state.drainBuffer.removeAll(keepingCapacity: true)
        var kept = 0
        for k in state.pending[s].indices {
            let index = state.pending[s][k]
            let due =
                state.orders[Int(index)].activeFrom <= time
                && (atOpen || (state.orders[Int(index)].type != .market && latency == 0))
            if due {
                state.drainBuffer.append(index)
            } else {
                state.pending[s][kept] = index
                kept += 1
            }
        }
        state.pending[s].removeLast(state.pending[s].count - kept)
        recomputePendingMin(s)
        let batch = state.drainBuffer
        for member in batch where state.orders[Int(member)].type != .market {
            let index = Int(member)
            guard state.orders[index].stage == .pending else { continue }
            state.orders[index].stage = activeStage(state.orders[index])
            arm(index)
        }
        for member in batch where state.orders[Int(member)].type == .market {
            let index = Int(member)
            guard state.orders[index].stage == .pending else { continue }
            state.orders[index].stage = .triggering
            let price = slipped(open, side: state.orders[index].side, s, low: low, high: high)
            fill(
                index, quantity: state.orders[index].quantity, price: price, maker: false, point: .open,
                ambiguous: false)
            flushEvents()
        }
    }

    /// A taker price after slippage, rounded to the tick away from the taker's favour and
    /// clamped into the bar's [low, high].
    @inline(__always) func slipped(_ price: Int64, side: Side, _ s: Int, low: Int64, high: Int64) -> Int64 {
        var p = price
        let buy = side == .buy
        if slippageBasisPoints != 0 {
            let factor: Int64 = 10_000 + (buy ? slippageBasisPoints : -slippageBasisPoints)
            p = FixedPointMath.mulDiv(p, factor, 10_000, buy ? .up : .down)
        }
        let tick = filters[s].tickSize
        if slippageTicks != 0 {
            // A move past the fixed-point range (a huge tick size) ends at the bar's extreme below.
            let (move, overflow) = slippageTicks.multipliedReportingOverflow(by: tick)
            let (moved, outside) = buy ? p.addingReportingOverflow(move) : p.subtractingReportingOverflow(move)
            p = overflow || outside ? (buy ? .max : .min) : moved
        }
        if tick > 0 { p = FixedPointMath.roundToMultiple(p, tick, buy ? .up : .down) }
        if high > 0 { p = min(max(p, low), high) }
        return p
    }

    // MARK: Segments

    /// Fraction of a rise `a → b` at which `key` is reached (0 when it is already reached).
    @inline(__always) func riseFraction(_ key: Int64, _ a: Int64, _ b: Int64) -> (Int64, Int64) {
        b > a ? (max(0, key - a), b - a) : (0, 1)
    }

    /// Fraction of a fall `a → b` at which `key` is reached.
    @inline(__always) func fallFraction(_ key: Int64, _ a: Int64, _ b: Int64) -> (Int64, Int64) {
        b < a ? (max(0, a - key), a - b) : (0, 1)
    }

    @inline(__always) func interpolate(_ a: Int64, _ b: Int64, _ numerator: Int64, _ denominator: Int64) -> Int64 {
        numerator == 0 ? a : a + FixedPointMath.mulDiv(b - a, numerator, denominator, .towardZero)
    }

    /// Walks one segment: repeatedly takes the event reached first (by fraction of the segment;
    /// ties: orders by id, then liquidation) and executes it, until nothing more is reached.
    /// An order triggers when its condition holds at the segment's end (it was crossed on the way,
    /// or already held at the start); a condition that held only at the start (where the previous
    /// segment ended) does not count, so an order armed after a fill never acts on the price
    /// point of that fill. Liquidation counts anywhere on the segment. Trailing watermarks move to
    /// the segment's end afterwards.
    func processSegment(_ s: Int, _ segment: PathSegment) {
        state.walkPoint = segment.point
        let highM = max(segment.m0, segment.m1)
        let lowM = min(segment.m0, segment.m1)
        while true {
            let h = hot[s]
            var best = PathEvent()
            if h.upContract <= segment.c1, let top = state.upContract[s].min {
                let (n, d) = riseFraction(top.key, segment.c0, segment.c1)
                consider(&best, .contractUp, n, d, top, level: top.key)
            }
            if h.downContract >= segment.c1, let top = state.downContract[s].max {
                let (n, d) = fallFraction(top.key, segment.c0, segment.c1)
                consider(&best, .contractDown, n, d, top, level: top.key)
            }
            if h.upMark <= segment.m1, let top = state.upMark[s].min {
                let (n, d) = riseFraction(top.key, segment.m0, segment.m1)
                consider(&best, .markUp, n, d, top, level: top.key)
            }
            if h.downMark >= segment.m1, let top = state.downMark[s].max {
                let (n, d) = fallFraction(top.key, segment.m0, segment.m1)
                consider(&best, .markDown, n, d, top, level: top.key)
            }
            if h.trailingCount > 0 {
                for member in state.trailing[s] {
                    let o = state.orders[Int(member)]
                    guard o.activated else { continue }
                    let level = trailingLevel(o, watermark: o.watermark)
                    let (a, b) = o.workingType == .markPrice ? (segment.m0, segment.m1) : (segment.c0, segment.c1)
                    let (n, d): (Int64, Int64)
                    if o.side == .sell {
                        guard level >= b else { continue }
                        (n, d) = fallFraction(level, a, b)
                    } else {
                        guard level <= b else { continue }
                        (n, d) = riseFraction(level, a, b)
                    }
                    let candidate = PathEvent(
                        kind: .trailing, numerator: n, denominator: d, rank: o.id, index: Int(member), level: level)
                    if candidate.precedes(best) { best = candidate }
                }
            }
            if h.liquidationDown >= lowM {
                let (n, d) = fallFraction(h.liquidationDown, segment.m0, segment.m1)
                let candidate = PathEvent(
                    kind: .liquidationDown, numerator: n, denominator: d, rank: .max, index: -1,
                    level: h.liquidationDown)
                if candidate.precedes(best) { best = candidate }
            }
            if h.liquidationUp <= highM {
                let (n, d) = riseFraction(h.liquidationUp, segment.m0, segment.m1)
                let candidate = PathEvent(
                    kind: .liquidationUp, numerator: n, denominator: d, rank: .max, index: -1,
                    level: h.liquidationUp)
                if candidate.precedes(best) { best = candidate }
            }
            if best.kind == .none { break }
            execute(s, best, segment)
            if state.walkSegment == 1 { state.firedFirstExtreme = true }
            if state.walkSegment == 2 { state.firedSecondExtreme = true }
            flushEvents()
        }
        if hot[s].trailingCount > 0 { moveWatermarks(s, segment) }
    }

    @inline(__always) func consider(
        _ best: inout PathEvent, _ kind: PathEvent.Kind, _ n: Int64, _ d: Int64, _ entry: TriggerEntry, level: Int64
    ) {
        let candidate = PathEvent(
            kind: kind, numerator: n, denominator: d, rank: state.orders[Int(entry.index)].id, index: Int(entry.index),
            level: level)
        if candidate.precedes(best) { best = candidate }
    }

    func moveWatermarks(_ s: Int, _ segment: PathSegment) {
        for member in state.trailing[s] {
            let index = Int(member)
            let end = state.orders[index].workingType == .markPrice ? segment.m1 : segment.c1
            if state.orders[index].side == .sell {
                if end > state.orders[index].watermark { state.orders[index].watermark = end }
                if !state.orders[index].activated
                    && state.orders[index].watermark >= state.orders[index].activationPrice
                {
                    state.orders[index].activated = true
                }
            } else {
                if end < state.orders[index].watermark { state.orders[index].watermark = end }
                if !state.orders[index].activated
                    && state.orders[index].watermark <= state.orders[index].activationPrice
                {
                    state.orders[index].activated = true
                }
            }
        }
    }

    /// Executes the event reached first on the segment.
    func execute(_ s: Int, _ event: PathEvent, _ segment: PathSegment) {
        let gap = segment.gap
        let ambiguous = gap ? false : state.segmentAmbiguous
        let onMark: Bool
        switch event.kind {
        case .markUp, .markDown, .liquidationDown, .liquidationUp: onMark = true
        case .trailing: onMark = state.orders[event.index].workingType == .markPrice
        default: onMark = false
        }
        // The contract and mark prices at the moment of the event.
        let contractNow: Int64
        let markNow: Int64
        if gap {
            contractNow = segment.c1
            markNow = segment.m1
        } else if onMark {
            markNow = event.numerator == 0 ? segment.m0 : event.level
            contractNow = interpolate(segment.c0, segment.c1, event.numerator, event.denominator)
        } else {
            contractNow = event.numerator == 0 ? segment.c0 : event.level
            markNow = interpolate(segment.m0, segment.m1, event.numerator, event.denominator)
        }
        switch event.kind {
        case .none:
            return
        case .liquidationDown, .liquidationUp:
            hot[s].markPrice = markNow
            hot[s].lastPrice = contractNow
            if isolated[s] {
                liquidateIsolated(
                    legIndex(s, event.kind == .liquidationDown ? .long : .short), price: event.level,
                    point: segment.point, ambiguous: ambiguous)
            } else {
                liquidateCross(trigger: s, price: event.level, point: segment.point, ambiguous: ambiguous)
            }
            return
        case .trailing:
            let index = event.index
            unbook(index)
            state.orders[index].stage = .triggering
            let price = gap || event.numerator == 0 || onMark ? contractNow : event.level
            hot[s].lastPrice = contractNow
            hot[s].markPrice = markNow
            trigger(
                index, price: tradable(price, state.orders[index].side, s, segment), mark: markNow, segment, ambiguous)
        case .contractUp, .markUp, .contractDown, .markDown:
            let index = event.index
            switch event.kind {
            case .contractUp: _ = state.upContract[s].popMin()
            case .contractDown: _ = state.downContract[s].popMax()
            case .markUp: _ = state.upMark[s].popMin()
            default: _ = state.downMark[s].popMax()
            }
            let wasResting = state.orders[index].stage == .resting
            state.orders[index].stage = .triggering
            refreshTops(s)
            hot[s].lastPrice = contractNow
            hot[s].markPrice = markNow
            if wasResting {
                let o = state.orders[index]
                let better: (Int64, Int64) -> Int64 = o.side == .buy ? { min($0, $1) } : { max($0, $1) }
                let price =
                    gap ? better(o.price, segment.c1) : (event.numerator == 0 ? better(o.price, segment.c0) : o.price)
                fill(
                    index, quantity: o.quantity - o.executed, price: price, maker: true, point: segment.point,
                    ambiguous: ambiguous)
            } else {
                let price = gap || event.numerator == 0 || onMark ? contractNow : state.orders[index].stopPrice
                trigger(
                    index, price: tradable(price, state.orders[index].side, s, segment), mark: markNow, segment,
                    ambiguous)
            }
        }
    }

    /// A contract price as a fill price: on the tick (away from the taker's favour) and inside
    /// the segment.
    @inline(__always) func tradable(_ price: Int64, _ side: Side, _ s: Int, _ segment: PathSegment) -> Int64 {
        let tick = filters[s].tickSize
        var p = price
        if tick > 0 { p = FixedPointMath.roundToMultiple(p, tick, side == .buy ? .up : .down) }
        let high = max(segment.c0, segment.c1)
        let low = min(segment.c0, segment.c1)
        return segment.gap ? p : min(max(p, low), high)
    }

    // MARK: Triggers

    /// A conditional order's trigger: priceProtect, the trigger-time margin check for opening
    /// orders (the algo service checks margin only now), the trigger update, OCO siblings
    /// canceled, then a taker fill (*_MARKET, trailing) or a LIMIT at the order's price
    /// (STOP / TAKE_PROFIT: taker when marketable at `price`, else resting from the next point).
    func trigger(_ index: Int, price: Int64, mark: Int64, _ segment: PathSegment, _ ambiguous: Bool) {
        let o = state.orders[index]
        let s = o.symbol
        let protect = filters[s].triggerProtect
        if o.priceProtect && protect > 0 && mark > 0 {
            let difference = (mark - price).magnitude
            let lhs = difference.multipliedFullWidth(by: UInt64(fixedPointOne))
            let rhs = UInt64(protect).multipliedFullWidth(by: UInt64(mark))
            if lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low) {
                schedule(index, activeFrom: state.now + 1)
                return
            }
        }
        releaseConditionalSlot(index)
        let toMarket = o.originalType.triggersToMarket
        let leg = legIndex(s, o.positionSide)
        if o.closePosition { state.orders[index].quantity = legs[leg].quantity }
        let quantity = state.orders[index].quantity
        state.orders[index].type = toMarket ? .market : .limit
        if !o.isCloseSide {
            let marginPrice = toMarket ? price : o.price
            if let rejection = openingRejection(
                s, side: o.side, positionSide: o.positionSide,
                quantity: quantity, price: marginPrice, referencePrice: marginPrice)
            {
                finish(index, status: .rejected)
                emitOrder(index, .expired, rejectMessage: rejection.message)
                return
            }
        }
        emitOrder(index, .new)
        cancelGroupSiblings(of: index)
        if toMarket {
            let fillPrice = slipped(price, side: o.side, s, low: segment.low, high: segment.high)
            fill(index, quantity: quantity, price: fillPrice, maker: false, point: segment.point, ambiguous: ambiguous)
            return
        }
        let marketable = o.side == .buy ? price <= o.price : price >= o.price
        if marketable {
            if o.timeInForce == .gtx {
                finish(index, status: .rejected)
                emitOrder(index, .expired, rejectMessage: BinanceError.postOnlyRejected.message)
                return
            }
            fill(index, quantity: quantity, price: price, maker: false, point: segment.point, ambiguous: ambiguous)
            return
        }
        switch o.timeInForce {
        case .ioc:
            terminate(index, .expired, reason: .iocRemainder)
        case .fok:
            terminate(index, .expired)
        default:
            if !o.isCloseSide {
                reserveMargin(index, cost: openingCost(s, side: o.side, quantity: quantity, price: o.price))
            }
            schedule(index, activeFrom: state.now + 1)
        }
    }

    func reserveMargin(_ index: Int, cost: Int64) {
        state.orders[index].reservedMargin = cost
        state.openOrderMargin += cost
    }

    // MARK: Liquidation

    /// Creates the exchange's own LIQUIDATION order record (client id `autoclose-<id>`).
    func liquidationOrder(_ leg: Int, quantity: Int64, price: Int64, quote: Int64) -> Int {
        let s = leg >> 1
        let side: PositionSide = leg & 1 == 0 ? .long : .short
        let id = OrderID(state.orders.count + 1)
        var o = SimulatedOrder(
            id: id, symbol: s, side: side.closingSide, positionSide: side, type: .liquidation,
            originalType: .liquidation, timeInForce: .ioc, workingType: .markPrice, closePosition: false,
            priceProtect: false, quantity: quantity, price: price, stopPrice: 0, activationPrice: 0, callbackRate: 0,
            ocoGroup: nil, referencePrice: nil)
        o.status = .filled
        o.stage = .done
        o.executed = quantity
        o.cumulativeQuote = quote
        o.createTime = state.now
        o.updateTime = state.now
        state.orders.append(o)
        state.clientOrderIDs.append("autoclose-\(id)")
        state.rejectMessages.append(nil)
        return state.orders.count - 1
    }

    func emitLiquidation(
        _ index: Int, realized: Int64, fee: Int64, point: PathPoint, ambiguous: Bool
    ) {
        guard state.onEvent != nil else { return }
        let o = state.orders[index]
        let tradeID = state.nextTradeID
        state.nextTradeID += 1
        emit(
            .fill(
                Fill(
                    tradeID: tradeID, orderID: o.id, clientOrderID: state.clientOrderIDs[index],
                    symbol: symbols[o.symbol],
                    side: o.side, positionSide: o.positionSide, orderType: .liquidation, price: Price(raw: o.price),
                    quantity: Quantity(raw: o.executed), quoteQuantity: Money(raw: o.cumulativeQuote),
                    commission: .zero, commissionAsset: commissionAsset, realizedPnL: Money(raw: realized),
                    isMaker: false, isLiquidation: true, liquidationFee: Money(raw: fee),
                    time: Timestamp(milliseconds: state.now), barTime: Timestamp(milliseconds: fillBarTime(o.symbol)),
                    pathPoint: point, ambiguous: ambiguous, cumulativeQuantity: Quantity(raw: o.executed),
                    orderStatus: .filled)))
        emitOrder(index, .calculated)
    }

    /// Liquidates an isolated leg at its liquidation price: the leg's working orders expire
    /// (reason 5), the leg closes at the price, and the clearance fee (`liquidationFee` ×
    /// notional) is capped at what is left of the isolated wallet, so the leg loses at most it.
    func liquidateIsolated(_ leg: Int, price: Int64, point: PathPoint, ambiguous: Bool) {
        let s = leg >> 1
        for member in state.legOrders[leg] { terminate(Int(member), .expired, reason: .liquidation) }
        let quantity = legs[leg].quantity
        guard quantity > 0 else { return }
        let isolatedWallet = legs[leg].isolatedWallet
        let quote = notional(quantity, price)
        let realized = closeLeg(leg, quantity: quantity, quote: quote)
        let clearance = FixedPointMath.mulScaled(quote, filters[s].liquidationFee, .nearest)
        let fee = min(clearance, max(0, isolatedWallet + realized))
        state.wallet += realized - fee
        invalidateCrossBands()
        state.realizedTotal += realized
        state.liquidationFeeTotal += fee
        let index = liquidationOrder(leg, quantity: quantity, price: price, quote: quote)
        emitLiquidation(index, realized: realized, fee: fee, point: point, ambiguous: ambiguous)
        refreshLiquidation(s)
        legWentFlat(leg)
        checkInvariants()
    }

    /// Liquidates every cross leg of the account: working orders on cross symbols expire
    /// (reason 5), the triggering symbol's legs close at its liquidation price and the other
    /// cross legs at their current marks; clearance fees are capped, in leg order, at the
    /// cross wallet left after the closes.
    func liquidateCross(trigger s: Int, price: Int64, point: PathPoint, ambiguous: Bool) {
        var doomed: [Int32] = []
        for c in symbols.indices where !isolated[c] {
            doomed.append(contentsOf: state.legOrders[c * 2])
            doomed.append(contentsOf: state.legOrders[c * 2 + 1])
        }
        doomed.sort()
        for member in doomed { terminate(Int(member), .expired, reason: .liquidation) }
        var closes: [(leg: Int, quantity: Int64, price: Int64, quote: Int64, realized: Int64)] = []
        var realizedSum: Int64 = 0
        for c in symbols.indices where !isolated[c] {
            for leg in (c * 2)...(c * 2 + 1) where legs[leg].quantity > 0 {
                let legPrice = c == s ? price : markOrLast(c)
                let quantity = legs[leg].quantity
                let quote = notional(quantity, legPrice)
                let realized = closeLeg(leg, quantity: quantity, quote: quote)
                realizedSum += realized
                closes.append((leg, quantity, legPrice, quote, realized))
            }
        }
        var remaining = max(0, state.wallet - state.isolatedTotal + realizedSum)
        state.wallet += realizedSum
        invalidateCrossBands()
        state.realizedTotal += realizedSum
        for close in closes {
            let c = close.leg >> 1
            let clearance = FixedPointMath.mulScaled(close.quote, filters[c].liquidationFee, .nearest)
            let fee = min(clearance, remaining)
            remaining -= fee
            state.wallet -= fee
            state.liquidationFeeTotal += fee
            let index = liquidationOrder(close.leg, quantity: close.quantity, price: close.price, quote: close.quote)
            emitLiquidation(
                index, realized: close.realized, fee: fee, point: c == s ? point : .none,
                ambiguous: c == s ? ambiguous : false)
        }
        for c in symbols.indices where !isolated[c] {
            refreshCross(c)
            hot[c].liquidationDown = .min
            hot[c].liquidationUp = .max
        }
        checkInvariants()
    }
}
