import NIOCore
import NIOHTTP1

/// One kept-alive connection to an origin, carrying one request at a time.
struct HTTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<HTTPExchangeHandler>

    init(channel: any Channel, handler: NIOLoopBound<HTTPExchangeHandler>) {
        self.channel = channel
        self.handler = handler
    }

    /// Whether it can take another request: the peer has not closed it.
    var isReusable: Bool { channel.isActive }

    /// Sends a request and waits for the whole response. Cancelling the task closes the
    /// connection, cutting the request short.
    func send(_ head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline) async throws -> HTTPResponseHead {
        let promise = channel.eventLoop.makePromise(of: HTTPResponseHead.self)
        let handler = handler
        channel.eventLoop.execute {
            handler.value.send(head, body: body, deadline: deadline, promise: promise)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: { [channel] in
            channel.close(promise: nil)
        }
    }
}
