internal import Foundation
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOPosix
internal import NIOSSL

extension ConnectionCore {
    /// Opens a TCP connection to the current server and starts the handshake timer.
    func attempt() {
        generation += 1
        let attemptGeneration = generation
        let server = servers[serverIndex % servers.count]
        currentServer = server
        phase = .connecting
        let timeout = TimeAmount.of(options.connectTimeout)
        handshakeTimeout?.cancel()
        handshakeTimeout = eventLoop.scheduleTask(in: timeout) { [self] in
            handshakeTimedOut(attemptGeneration)
        }
        ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ProtocolHandler(core: self, generation: attemptGeneration))
                }
            }
            .connect(host: server.host, port: server.port)
            .whenComplete { [self] result in
                tcpConnectCompleted(result, generation: attemptGeneration)
            }
    }

    private func tcpConnectCompleted(_ result: Result<any Channel, any Error>, generation attemptGeneration: Int) {
        guard attemptGeneration == generation, case .connecting = phase else {
            if case .success(let channel) = result { channel.close(promise: nil) }
            return
        }
        switch result {
        case .success(let channel):
            phase = .awaitingInfo(channel)
        case .failure(let error):
            attemptFailed(.connectionFailed(server: currentServer.description, reason: Self.describe(error)))
        }
    }

    private func handshakeTimedOut(_ attemptGeneration: Int) {
        guard attemptGeneration == generation else { return }
        switch phase {
        case .connecting, .awaitingInfo, .tlsHandshake, .awaitingPong:
            attemptFailed(.connectTimeout(server: currentServer.description, seconds: options.connectTimeout.seconds))
        default:
            break
        }
    }

    /// A connection attempt failed before its handshake completed.
    func attemptFailed(_ error: NATSError) {
        let channel = currentChannel
        generation += 1
        handshakeTimeout?.cancel()
        handshakeTimeout = nil
        lastError = nil
        channel?.close(promise: nil)
        if !everConnected {
            serverIndex += 1
            if serverIndex < servers.count {
                attempt()
            } else {
                let promise = connectPromise
                connectPromise = nil
                _ = shutdown(error)
                promise?.fail(error)
            }
            return
        }
        events.emit(
            .reconnectAttemptFailed(server: currentServer.description, attempt: reconnectAttempts, error: error))
        serverIndex += 1
        scheduleReconnect()
    }

    func scheduleReconnect() {
        let policy = options.reconnect
        guard policy.enabled else {
            _ = shutdown(lastError ?? .connectionLost(reason: "reconnect disabled"))
            return
        }
        reconnectAttempts += 1
        if let maxAttempts = policy.maxAttempts, reconnectAttempts > maxAttempts {
            _ = shutdown(.reconnectAttemptsExhausted(attempts: maxAttempts))
            return
        }
        let delay = policy.delay(forAttempt: reconnectAttempts, unit: Double.random(in: 0..<1))
        phase = .waitingToReconnect
        reconnectTask = eventLoop.scheduleTask(in: .of(delay)) { [self] in
            guard case .waitingToReconnect = phase else { return }
            attempt()
        }
    }

    /// The established connection closed.
    func connectionLost() {
        let reason = lastError ?? .connectionLost(reason: "closed by the server")
        lastError = nil
        generation += 1
        pingTask?.cancel()
        pingTask = nil
        keepalivePingsOutstanding = 0
        outbound.setLive(false)
        shared.withLockedValue {
            $0.connected = false
            $0.connectedServer = nil
        }
        for _ in 0..<sentPings {
            guard let waiter = pongWaiters.popFirst() else { break }
            waiter.promise?.fail(NATSError.connectionLost(reason: reason.description))
        }
        sentPings = 0
        events.emit(.disconnected(server: currentServer.description, reason: reason))
        if options.reconnect.enabled {
            scheduleReconnect()
        } else {
            _ = shutdown(reason)
        }
    }

    // MARK: events from the channel handler

    func handle(_ operation: ServerOperation, generation eventGeneration: Int) {
        guard eventGeneration == generation else { return }
        switch operation {
        case .message(let sid, let message):
            deliver(sid: sid, message)
        case .ping:
            if let channel = currentChannel {
                var pong = channel.allocator.buffer(capacity: 6)
                pong.writeStaticString("PONG\r\n")
                channel.writeAndFlush(pong, promise: nil)
            }
        case .pong:
            handlePong()
        case .ok:
            break
        case .info(let info):
            handleInfo(info)
        case .error(let text):
            handleServerError(text)
        }
    }

    func channelInactive(generation eventGeneration: Int) {
        guard eventGeneration == generation else { return }
        switch phase {
        case .awaitingInfo, .tlsHandshake, .awaitingPong:
            attemptFailed(lastError ?? .connectionLost(reason: "closed by the server during the handshake"))
        case .connected:
            connectionLost()
        default:
            break
        }
    }

    func channelError(_ error: any Error, generation eventGeneration: Int) {
        guard eventGeneration == generation else { return }
        if let error = error as? NATSError {
            lastError = error
        } else if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            lastError = .tlsFailure(reason: Self.describe(error))
        } else if lastError == nil {
            lastError = .connectionLost(reason: Self.describe(error))
        }
    }

    func tlsHandshakeCompleted(generation eventGeneration: Int) {
        guard eventGeneration == generation, case .tlsHandshake(let channel) = phase else { return }
        sendConnect(on: channel)
    }

    // MARK: handshake

    private func handleInfo(_ info: NATSServerInfo) {
        shared.withLockedValue { $0.serverInfo = info }
        outbound.maxPayload = info.maxPayload
        switch phase {
        case .awaitingInfo(let channel):
            let wantTLS = currentServer.tls || options.tls?.required == true
            guard info.tlsRequired || wantTLS else {
                sendConnect(on: channel)
                return
            }
            if !info.tlsRequired, !info.tlsAvailable {
                attemptFailed(.tlsMismatch(server: currentServer.description, reason: "the server does not offer TLS"))
                return
            }
            do {
                let context = try tlsContext()
                let serverName = options.tls?.serverName ?? (currentServer.hostIsIPAddress ? nil : currentServer.host)
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                phase = .tlsHandshake(channel)
            } catch let error as NATSError {
                attemptFailed(error)
            } catch {
                attemptFailed(.tlsFailure(reason: Self.describe(error)))
            }
        case .connected:
            if info.lameDuckMode {
                events.emit(.lameDuckMode(server: currentServer.description))
            }
        default:
            break
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        if let sslContext { return sslContext }
        var configuration = TLSConfiguration.makeClientConfiguration()
        let tls = options.tls ?? NATSTLSOptions()
        do {
            if let caFile = tls.caFile {
                configuration.trustRoots = .file(caFile)
            }
            if let certificateFile = tls.certificateFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map {
                    .certificate($0)
                }
            }
            if let keyFile = tls.keyFile {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
            if !tls.verifyServer {
                configuration.certificateVerification = .none
            }
            let context = try NIOSSLContext(configuration: configuration)
            sslContext = context
            return context
        } catch {
            throw NATSError.tlsFailure(reason: Self.describe(error))
        }
    }

    private func sendConnect(on channel: any Channel) {
        let request: ConnectRequest
        do {
            request = try makeConnectRequest()
        } catch let error as NATSError {
            attemptFailed(error)
            return
        } catch {
            attemptFailed(.missingCredentials(Self.describe(error)))
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = channel.allocator.buffer(capacity: 1024)
        buffer.writeStaticString("CONNECT ")
        // Encoding a struct of strings, numbers and booleans cannot fail.
        buffer.writeBytes(try! encoder.encode(request))
        buffer.writeStaticString("\r\n")
        for record in subscriptions.values.sorted(by: { $0.sid < $1.sid }) {
            buffer.writeSubscribe(subject: record.subject, queueGroup: record.queueGroup, sid: record.sid)
            record.deliveredBase = record.delivered
            if let max = record.max {
                buffer.writeUnsubscribe(sid: record.sid, max: Swift.max(1, max - record.delivered))
            }
        }
        buffer.writeStaticString("PING\r\n")
        channel.writeAndFlush(buffer, promise: nil)
        phase = .awaitingPong(channel)
    }

    private func makeConnectRequest() throws -> ConnectRequest {
        let info = shared.withLockedValue { $0.serverInfo }
        var request = ConnectRequest(
            tlsRequired: currentServer.tls || options.tls?.required == true, echo: options.echo)
        request.name = options.name
        if let user = currentServer.user {
            if let password = currentServer.password {
                request.user = user
                request.pass = password
            } else {
                request.authToken = user
            }
        }
        var signer: NKeyPair?
        switch options.authentication {
        case .none:
            break
        case .userPassword(let user, let password):
            request.user = user
            request.pass = password
        case .token(let token):
            request.authToken = token
        case .nkey(let seed):
            let pair = try NKeyPair(seed: seed)
            request.nkey = pair.publicKey
            signer = pair
        case .credentials(let credentials):
            request.jwt = credentials.jwt
            signer = try NKeyPair(seed: credentials.seed)
        case .credentialsFile(let path):
            let credentials = try NATSCredentials(contentsOfFile: path)
            request.jwt = credentials.jwt
            signer = try NKeyPair(seed: credentials.seed)
        }
        if let nonce = info?.nonce, let signer {
            request.sig = Self.base64URL(signer.sign(Array(nonce.utf8)))
        } else if info?.nonce != nil, info?.authRequired == true, case .none = options.authentication,
            currentServer.user == nil
        {
            throw NATSError.missingCredentials("the server asks for a signed nonce (nkey or JWT credentials)")
        }
        return request
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func handshakeCompleted(_ channel: any Channel) {
        handshakeTimeout?.cancel()
        handshakeTimeout = nil
        phase = .connected(channel)
        lastError = nil
        shared.withLockedValue {
            $0.connected = true
            $0.connectedServer = currentServer.description
        }
        startKeepalive()
        outbound.setLive(true)
        flushOutbound()
        if !everConnected {
            everConnected = true
            events.emit(.connected(server: currentServer.description))
            let promise = connectPromise
            connectPromise = nil
            promise?.succeed()
            return
        }
        events.emit(.reconnected(server: currentServer.description, attempts: reconnectAttempts))
        reconnectAttempts = 0
        for record in subscriptions.values.sorted(by: { $0.sid < $1.sid }) {
            guard case .queue(let queue) = record.sink, queue.wantsConnectionMarkers else { continue }
            _ = queue.enqueue(.reconnected)
            queue.signal()
        }
    }

    private func handleServerError(_ text: String) {
        let lower = text.lowercased()
        let server = currentServer.description
        if lower.contains("authorization") || lower.contains("authentication") {
            let error = NATSError.authorizationViolation(server: server, message: text)
            lastError = error
            if case .connected = phase { events.emit(.serverError(error)) }
            return
        }
        if lower.hasPrefix("permissions violation for subscription to") {
            let subject = Self.quotedSubject(in: text)
            let affected = subscriptions.values.filter { $0.subject == subject }.sorted { $0.sid < $1.sid }
            for record in affected {
                subscriptions[record.sid] = nil
                if case .queue(let queue) = record.sink { queue.finish(.permissionsViolation(text)) }
            }
            events.emit(.serverError(.permissionsViolation(text)))
            return
        }
        if lower.hasPrefix("permissions violation") {
            events.emit(.serverError(.permissionsViolation(text)))
            return
        }
        let error = NATSError.serverError(text)
        lastError = error
        if case .connected = phase { events.emit(.serverError(error)) }
    }

    private static func quotedSubject(in text: String) -> String {
        let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
        if parts.count >= 3 { return String(parts[1]) }
        return String(text.split(separator: " ").last ?? "")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NATSError { return error.description }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return describe(first.error) }
            if error.dnsAAAAError != nil || error.dnsAError != nil { return "cannot resolve host \(error.host)" }
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "connect timed out"
        }
        return String(describing: error)
    }
}
