import Dispatch
import Synchronization

/// Wakes a sleeping loop: `wait(timeout:)` returns when someone rings, when the timeout
/// passes, or at once if it was rung since the last wait. Rings while nobody waits collapse
/// into one. The timeout is one Dispatch timer, re-armed by each wait: it fires even when
/// every thread of Swift's cooperative pool is busy, and a busy loop leaves no timers behind.
/// A wait that ends a moment early is harmless: the loops look again and wait again.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let timer: Timer

    init() {
        timer = Timer()
        timer.onFire { [weak self] in self?.wake() }
    }

    deinit { timer.cancel() }

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        if waiter != nil { timer.disarm() }
        waiter?.resume()
    }

    /// Waits for a ring or `timeout` (nil: no timeout). Only one caller may wait at a time.
    func wait(timeout: Duration?) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state -> Bool in
                if state.rung {
                    state.rung = false
                    return false
                }
                state.waiter = continuation
                return true
            }
            guard waiting else { return continuation.resume() }
            if let timeout { timer.arm(after: timeout) }
        }
    }

    private func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// One Dispatch timer source, re-armed for each wait.
    /// `@unchecked Sendable`: a Dispatch source may be scheduled and cancelled from any thread
    /// (Dispatch documents its sources as thread-safe); the handler is set once, before it is
    /// first armed.
    private final class Timer: @unchecked Sendable {
        private let source = DispatchSource.makeTimerSource(queue: .global())

        init() {
            source.schedule(deadline: .distantFuture)
            source.resume()
        }

        func onFire(_ handler: @escaping @Sendable () -> Void) { source.setEventHandler(handler: handler) }

        func arm(after timeout: Duration) {
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            source.schedule(deadline: .now() + .nanoseconds(Int(clamping: max(0, nanoseconds))))
        }

        func disarm() { source.schedule(deadline: .distantFuture) }

        func cancel() { source.cancel() }
    }
}
