import Dispatch

/// Reads another byte source on a background thread, a few chunks ahead of the consumer: a
/// `.zst` file then decompresses on one core while the kline parser runs on another.
///
/// The bytes are the inner source's, in order. An error of the inner source is reported after
/// the bytes read before it, but the chunking differs from a direct reader's, so for a corrupt
/// stream the line an error is reported at can differ: callers that need the exact error read
/// the file again without prefetching (`KlineReader.readPrefetched`).
///
/// One consumer reads it (as every byte source); the hand-over between the two threads goes
/// through semaphores.
public final class PrefetchingByteSource: ByteSource {
    public let sizeHint: Int?
    private let pipe: Pipe
    // Consumer state.
    private var slot = 0
    private var position = 0
    private var holding = false
    private var ended = false
    private var pendingError: FeedError?

    /// Starts reading `inner` ahead, `slots` chunks of `chunkSize` bytes.
    public init(_ inner: any ByteSource, chunkSize: Int = 1 << 20, slots: Int = 4) {
        sizeHint = inner.sizeHint
        pipe = Pipe(inner, chunkSize: max(chunkSize, 4096), slots: max(slots, 2))
        let pipe = self.pipe
        DispatchQueue.global(qos: .userInitiated).async { pipe.produce() }
    }

    deinit { pipe.stop() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        guard let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if let error = pendingError { throw error }
            if ended { return 0 }
            if !holding {
                pipe.ready.wait()
                holding = true
                position = 0
            }
            let filled = pipe.filled[slot]
            if filled > position {
                let n = min(filled - position, buffer.count)
                target.copyMemory(from: pipe.chunk(slot) + position, byteCount: n)
                position += n
                return n
            }
            // The slot is used up: a short slot ends the content (after its error, if any).
            pendingError = pipe.errors[slot]
            holding = false
            if filled < pipe.chunkSize || pendingError != nil {
                ended = true
            } else {
                slot = (slot + 1) % pipe.slots
                pipe.free.signal()
            }
        }
    }

    /// The producer's side: the inner source, the chunks and the semaphores. The producer thread
    /// holds it, so the consumer can go away at any time (`stop`).
    private final class Pipe: @unchecked Sendable {
        let inner: any ByteSource
        let chunkSize: Int
        let slots: Int
        let memory: UnsafeMutableRawPointer
        /// Per slot: bytes filled and the error that ended the content there, if any. Written by
        /// the producer before `ready.signal()`, read by the consumer after `ready.wait()`.
        let filled: UnsafeMutablePointer<Int>
        let errors: UnsafeMutablePointer<FeedError?>
        /// Free slots the producer may fill / filled slots the consumer may read.
        let free: DispatchSemaphore
        let ready = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let lock = DispatchSemaphore(value: 1)
        private var stopping = false

        init(_ inner: any ByteSource, chunkSize: Int, slots: Int) {
            self.inner = inner
            self.chunkSize = chunkSize
            self.slots = slots
            memory = UnsafeMutableRawPointer.allocate(byteCount: chunkSize * slots, alignment: 64)
            filled = UnsafeMutablePointer<Int>.allocate(capacity: slots)
            filled.initialize(repeating: 0, count: slots)
            errors = UnsafeMutablePointer<FeedError?>.allocate(capacity: slots)
            errors.initialize(repeating: nil, count: slots)
            // Created at 0 and raised: libdispatch traps when a semaphore is freed below its
            // initial value, which a stopped pipe may be.
            free = DispatchSemaphore(value: 0)
            for _ in 0..<slots { free.signal() }
        }

        deinit {
            memory.deallocate()
            filled.deallocate()
            errors.deinitialize(count: slots)
            errors.deallocate()
        }

        func chunk(_ slot: Int) -> UnsafeMutableRawPointer { memory + slot * chunkSize }

        /// Asks the producer to stop and waits until it has.
        func stop() {
            lock.wait()
            stopping = true
            lock.signal()
            free.signal()
            finished.wait()
        }

        private var shouldStop: Bool {
            lock.wait()
            defer { lock.signal() }
            return stopping
        }

        /// Fills slot after slot until the end of the content, an error, or a stop.
        func produce() {
            var slot = 0
            while true {
                free.wait()
                if shouldStop { break }
                let base = chunk(slot)
                var count = 0
                var failure: FeedError?
                while count < chunkSize {
                    do {
                        let n = try inner.read(
                            into: UnsafeMutableRawBufferPointer(start: base + count, count: chunkSize - count))
                        if n == 0 { break }
                        count += n
                    } catch {
                        failure = error
                        break
                    }
                }
                filled[slot] = count
                errors[slot] = failure
                ready.signal()
                if count < chunkSize || failure != nil { break }
                slot = (slot + 1) % slots
            }
            finished.signal()
        }
    }
}
