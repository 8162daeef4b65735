internal import NIOCore

extension ConnectionCore {
    /// Registers a subscription and sends `SUB` when a connection carries it now (otherwise the
    /// next `CONNECT` does). On the loop.
    func addSubscription(subject: String, queueGroup: String?, sink: Sink) throws(NATSError) -> UInt64 {
        eventLoop.assertInEventLoop()
        guard !isClosed else { throw .connectionClosed }
        nextSID += 1
        let sid = nextSID
        subscriptions[sid] = SubscriptionRecord(sid: sid, subject: subject, queueGroup: queueGroup, sink: sink)
        if subscriptionsTravelNow {
            _ = try? outbound.append(payloadSize: nil) {
                $0.writeSubscribe(subject: subject, queueGroup: queueGroup, sid: sid)
            }
        }
        return sid
    }

    /// Ends a subscription now (`max` nil) or after `max` messages in total. On the loop.
    func removeSubscription(sid: UInt64, max: Int?) {
        eventLoop.assertInEventLoop()
        guard let record = subscriptions[sid] else { return }
        var wireMax: Int?
        if let max, record.delivered < max {
            record.max = max
            wireMax = max - record.deliveredBase
        } else {
            subscriptions[sid] = nil
            if case .queue(let queue) = record.sink { queue.finish() }
        }
        if subscriptionsTravelNow {
            _ = try? outbound.append(payloadSize: nil) { $0.writeUnsubscribe(sid: sid, max: wireMax) }
        }
    }

    // MARK: request/reply

    /// Creates the shared inbox subscription if needed and a promise for one response. On the
    /// loop.
    func registerRequest(
        subject: String, timeout: TimeAmount
    ) throws(NATSError) -> (
        inbox: String, response: EventLoopFuture<NATSMessage>, token: String
    ) {
        eventLoop.assertInEventLoop()
        if requestSID == nil {
            requestSID = try addSubscription(subject: inboxBase + ".*", queueGroup: nil, sink: .requests)
        }
        nextRequestID += 1
        let token = String(nextRequestID)
        let promise = eventLoop.makePromise(of: NATSMessage.self)
        requests[token] = promise
        let seconds = Double(timeout.nanoseconds) / 1e9
        let timer = eventLoop.scheduleTask(in: timeout) { [self] in
            requests.removeValue(forKey: token)?.fail(
                NATSError.timeout(operation: "request on \(subject)", seconds: seconds))
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return (inboxBase + "." + token, promise.futureResult, token)
    }

    /// Fails a pending request (cancellation or a failed publish). On the loop.
    func abandonRequest(token: String, error: any Error) {
        eventLoop.assertInEventLoop()
        requests.removeValue(forKey: token)?.fail(error)
    }

    func resolveRequest(_ message: NATSMessage) {
        let prefixLength = inboxBase.utf8.count + 1
        guard message.subject.utf8.count > prefixLength else { return }
        let token = String(message.subject.dropFirst(inboxBase.count + 1))
        requests.removeValue(forKey: token)?.succeed(message)
    }
}
