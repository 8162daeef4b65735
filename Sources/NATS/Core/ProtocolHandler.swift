internal import NIOCore
internal import NIOTLS

/// The channel handler of one connection: parses what the server sends and hands each
/// operation to the ``ConnectionCore``, tagged with the connection's generation.
final class ProtocolHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var parser = ProtocolParser()
    private let core: ConnectionCore
    private let generation: Int

    init(core: ConnectionCore, generation: Int) {
        self.core = core
        self.generation = generation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        parser.append(unwrapInboundIn(data))
        do {
            while let operation = try parser.next() {
                core.handle(operation, generation: generation)
            }
        } catch {
            core.channelError(error, generation: generation)
            context.close(promise: nil)
        }
        core.endOfReadBatch()
    }

    func channelInactive(context: ChannelHandlerContext) {
        core.endOfReadBatch()
        core.channelInactive(generation: generation)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        core.channelError(error, generation: generation)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            core.tlsHandshakeCompleted(generation: generation)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            core.flushOutbound()
        }
        context.fireChannelWritabilityChanged()
    }
}
