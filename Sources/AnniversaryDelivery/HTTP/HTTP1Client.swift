import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The process's HTTP client for webhooks: POSTs over HTTP/1.1 (TLS for `https`), one request at a
/// time per connection, keeping connections alive for the next request to the same origin.
///
/// Lean on purpose, because every reminder takes this path: a request is written in one flush
/// (one TCP segment for a small webhook), and costs one hop onto the event loop and one back.
/// Connections are opened as requests need them; each channel's `concurrency` bounds how many
/// are in flight. A connection left idle is closed after a while, so an idle daemon keeps no
/// timer running.
public final class HTTP1Client: Sendable {
    private let group: any EventLoopGroup
    private let tlsConfiguration: TLSConfiguration
    private let idleTimeout: TimeAmount
    private let state = Mutex(State())

    private struct State {
        var idle: [HTTPEndpoint.Origin: [HTTPConnection]] = [:]
        /// Made when an `https` origin is first connected to: loading the trust roots takes time.
        var tls: NIOSSLContext?
        var isShutDown = false
    }

    /// - Parameters:
    ///   - group: Where connections run. Default: NIO's process-wide group.
    ///   - tlsConfiguration: For `https`. Default: the system's trust roots, TLS 1.2 and up.
    ///   - idleTimeout: How long a connection is kept for the next request. Default: 60 s.
    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        idleTimeout: Duration = .seconds(60)
    ) {
        self.group = group
        self.tlsConfiguration = tlsConfiguration
        self.idleTimeout = TimeAmount(idleTimeout)
    }

    /// POSTs `body` and reads the whole response, dropping its body.
    ///
    /// - Parameter timeout: For the whole request, connecting included.
    /// - Returns: The response's status line and headers.
    /// - Throws: ``HTTP1ClientError``, or the connecting or TLS error that stopped the request.
    public func post(to endpoint: HTTPEndpoint, headers: HTTPHeaders, body: ByteBuffer, timeout: Duration) async throws -> HTTPResponseHead {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.target, headers: headers)
        head.headers.add(name: "host", value: endpoint.hostHeader)
        head.headers.add(name: "content-length", value: String(body.readableBytes))
        if let kept = try takeIdleConnection(to: endpoint.origin) {
            do {
                return try await send(head, body: body, on: kept, to: endpoint.origin, deadline: deadline)
            } catch HTTPExchangeHandler.Unanswered.closed {
                // The server closed the kept-alive connection as the request went out (its idle
                // timeout): the request goes again on a new one, under the same webhook-id;
                // unless it was cut short on purpose.
                try Task.checkCancellation()
            }
        }
        let connection = try await connect(to: endpoint.origin, deadline: deadline)
        do {
            return try await send(head, body: body, on: connection, to: endpoint.origin, deadline: deadline)
        } catch HTTPExchangeHandler.Unanswered.closed {
            throw HTTP1ClientError.connectionClosed
        }
    }

    /// Closes the idle connections; a request after this fails with ``HTTP1ClientError/shutDown``.
    public func shutdown() {
        let idle = state.withLock { state in
            state.isShutDown = true
            defer { state.idle = [:] }
            return Array(state.idle.values.joined())
        }
        for connection in idle {
            connection.channel.close(promise: nil)
        }
    }

    /// The most recently used kept-alive connection to `origin`, if any is still open.
    private func takeIdleConnection(to origin: HTTPEndpoint.Origin) throws(HTTP1ClientError) -> HTTPConnection? {
        try state.withLock { state throws(HTTP1ClientError) -> HTTPConnection? in
            guard !state.isShutDown else { throw .shutDown }
            while let connection = state.idle[origin]?.popLast() {
                if connection.isReusable { return connection }
            }
            return nil
        }
    }

    private func send(
        _ head: HTTPRequestHead, body: ByteBuffer, on connection: HTTPConnection, to origin: HTTPEndpoint.Origin, deadline: NIODeadline
    ) async throws -> HTTPResponseHead {
        let response = try await connection.send(head, body: body, deadline: deadline)
        release(connection, to: origin)
        return response
    }

    private func release(_ connection: HTTPConnection, to origin: HTTPEndpoint.Origin) {
        guard connection.isReusable else { return }
        let kept = state.withLock { state in
            guard !state.isShutDown else { return false }
            state.idle[origin, default: []].append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    private func connect(to origin: HTTPEndpoint.Origin, deadline: NIODeadline) async throws -> HTTPConnection {
        let tls = origin.usesTLS ? try tlsContext() : nil
        let idleTimeout = idleTimeout
        // Server Name Indication carries names only.
        let serverName = (try? SocketAddress(ipAddress: origin.host, port: 0)) == nil ? origin.host : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(max(deadline - .now(), .zero))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
        return try await bootstrap.connect(host: origin.host, port: origin.port) { channel in
            channel.eventLoop.makeCompletedFuture {
                let pipeline = channel.pipeline.syncOperations
                if let tls {
                    try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                }
                try pipeline.addHTTPClientHandlers()
                let handler = HTTPExchangeHandler(idleTimeout: idleTimeout)
                try pipeline.addHandler(handler)
                return HTTPConnection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
            }
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        try state.withLock { state in
            if let tls = state.tls { return tls }
            let tls = try NIOSSLContext(configuration: tlsConfiguration)
            state.tls = tls
            return tls
        }
    }
}
