#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc

/// Receives the daemon's signals (SIGTERM, SIGINT, SIGHUP) through a self-pipe, read on a thread
/// of its own; SIGPIPE is ignored.
///
/// Why not Dispatch signal sources (as swift-service-lifecycle uses): their handlers run on
/// libdispatch's global queues, which then wake the process every second for the rest of its life.
/// Why not a signalfd: see `CAnniversary_installSignalPipe`.
public final class SignalReceiver: Sendable {
    /// The signals the daemon acts on.
    public enum Signal: Int32, Sendable {
        case hangup = 1 // SIGHUP
        case interrupt = 2 // SIGINT
        case terminate = 15 // SIGTERM
    }

    /// Every received signal, in order.
    public let signals: AsyncStream<Signal>

    /// Installs the handlers and starts reading. Call it once per process.
    public init() throws {
        signal(SIGPIPE, SIG_IGN)
        let numbers = [SIGHUP, SIGINT, SIGTERM]
        let descriptor = CAnniversary_installSignalPipe(numbers, Int32(numbers.count))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: -descriptor) ?? .EIO) }
        let (signals, continuation) = AsyncStream.makeStream(of: Signal.self)
        self.signals = signals
        // The thread lives as long as the process: a daemon reads its signals until it exits.
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(descriptor, &byte, 1)
                if count < 0, errno == EINTR { continue }
                guard count == 1 else { break }
                if let signal = Signal(rawValue: Int32(byte)) { continuation.yield(signal) }
            }
            continuation.finish()
        }
        thread.name = "anniversaryd-signals"
        thread.stackSize = 128 * 1024
        thread.start()
    }
}
#endif
