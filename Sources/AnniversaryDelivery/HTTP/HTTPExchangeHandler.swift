import NIOCore
import NIOHTTP1

/// Runs one request at a time on a connection: writes it in one flush (one TCP write for a small
/// request), reads the whole response, dropping its body so the connection can be reused, and
/// completes the request's promise with the response head.
///
/// Lives on the channel's event loop; ``HTTPConnection`` hands it requests there.
final class HTTPExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// The connection closed before any of the response arrived: the request may never have
    /// reached the server, so it can go again on another connection.
    enum Unanswered: Error {
        case closed
    }

    /// How long a kept-alive connection may wait for its next request before it is closed.
    static let idleTimeout = TimeAmount.seconds(60)

    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<HTTPResponseHead>?
    private var response: HTTPResponseHead?
    private var deadline: Scheduled<Void>?
    private var idleClose: Scheduled<Void>?
    /// What broke the connection (a TLS failure, say), for a request that comes after.
    private var failure: (any Error)?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        failClosed()
    }

    /// Sends a request; `promise` gets the response head once the whole response is read, or fails
    /// when the connection closes or `deadline` passes first (the connection is closed then).
    func send(_ head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline, promise: EventLoopPromise<HTTPResponseHead>) {
        guard let context, context.channel.isActive, pending == nil else {
            promise.fail(failure ?? Unanswered.closed)
            return
        }
        idleClose?.cancel()
        idleClose = nil
        pending = promise
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.fail(HTTP1ClientError.timedOut)
            context.close(promise: nil)
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            response = head
        case .body:
            break
        case .end:
            guard let response, let pending else {
                // An answer to nothing asked: the connection cannot be trusted with the next request.
                context.close(promise: nil)
                return
            }
            self.response = nil
            self.pending = nil
            deadline?.cancel()
            deadline = nil
            if response.isKeepAlive {
                idleClose = context.eventLoop.assumeIsolated().scheduleTask(in: Self.idleTimeout) {
                    context.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
            pending.succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleClose?.cancel()
        failClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or broken pipe before any answer is the connection closing under the request.
        if error is IOError {
            failClosed()
        } else {
            failure = error
            fail(error)
        }
        context.close(promise: nil)
    }

    private func failClosed() {
        fail(failure ?? (response == nil ? Unanswered.closed : HTTP1ClientError.connectionClosed))
    }

    private func fail(_ error: any Error) {
        deadline?.cancel()
        deadline = nil
        response = nil
        if let pending {
            self.pending = nil
            pending.fail(error)
        }
    }
}
