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
    private let idleTimeout: TimeAmount

    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<HTTPResponseHead>?
    private var response: HTTPResponseHead?
    /// When the request in flight times out.
    private var deadline: NIODeadline?
    /// When the connection last finished a request, while it waits for the next.
    private var idleSince: NIODeadline?
    /// One timer for both the deadline and the idle close, re-armed when it fires early rather
    /// than per request: scheduling and cancelling two per request was 4 % of a burst.
    private var timer: (task: Scheduled<Void>, at: NIODeadline)?
    /// What broke the connection (a TLS failure, say), for a request that comes after.
    private var failure: (any Error)?

    init(idleTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
    }

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
        pending = promise
        idleSince = nil
        self.deadline = deadline
        arm(at: deadline, context: context)
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
            deadline = nil
            if response.isKeepAlive {
                let now = NIODeadline.now()
                idleSince = now
                arm(at: now + idleTimeout, context: context)
            } else {
                context.close(promise: nil)
            }
            pending.succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.task.cancel()
        timer = nil
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

    /// Makes sure the timer fires by `at`.
    private func arm(at deadline: NIODeadline, context: ChannelHandlerContext) {
        if let timer {
            guard deadline < timer.at else { return }
            timer.task.cancel()
        }
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            self.timerFired(context: context)
        }
        timer = (task, deadline)
    }

    private func timerFired(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        if let deadline {
            if now >= deadline {
                fail(HTTP1ClientError.timedOut)
                context.close(promise: nil)
            } else {
                arm(at: deadline, context: context)
            }
        } else if let idleSince {
            if now >= idleSince + idleTimeout {
                context.close(promise: nil)
            } else {
                arm(at: idleSince + idleTimeout, context: context)
            }
        }
    }

    private func fail(_ error: any Error) {
        deadline = nil
        response = nil
        if let pending {
            self.pending = nil
            pending.fail(error)
        }
    }
}
