#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc

/// A descriptor to wait on in `poll(2)` on a thread of its own, with an `eventfd` that interrupts
/// the wait from any thread: what the timer and the database watcher block on.
// @unchecked: both descriptors are set in `init` and never change; writing to an eventfd from any
// thread is safe.
final class InterruptibleWait: @unchecked Sendable {
    let descriptor: Int32
    private let interruption: Int32

    /// - Parameter open: Makes the descriptor (closed with this value), or returns -1 with `errno` set.
    init(opening open: () -> Int32) throws {
        descriptor = open()
        interruption = eventfd(0, Int32(EFD_CLOEXEC))
        guard descriptor >= 0, interruption >= 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if descriptor >= 0 { close(descriptor) }
            if interruption >= 0 { close(interruption) }
            throw error
        }
    }

    deinit {
        close(descriptor)
        close(interruption)
    }

    /// Ends the wait with `CancellationError`, before or during it.
    func interrupt() {
        var one: UInt64 = 1
        _ = write(interruption, &one, MemoryLayout<UInt64>.size)
    }

    /// Blocks until the descriptor is readable, or fails with `CancellationError` once interrupted.
    func waitUntilReadable() -> Result<Void, any Error> {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)]
        while poll(&descriptors, 2, -1) < 0 {
            guard errno == EINTR else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        }
        return descriptors[1].revents != 0 ? .failure(CancellationError()) : .success(())
    }

    /// Runs `body` on a new thread and waits for it; cancelling the task interrupts the wait.
    func run(threadName: String, _ body: @escaping @Sendable () -> Result<Void, any Error>) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    continuation.resume(with: body())
                }
                thread.name = threadName
                thread.stackSize = 256 * 1024
                thread.start()
            }
        } onCancel: {
            interrupt()
        }
    }
}
#endif
