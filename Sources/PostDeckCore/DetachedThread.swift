import Glibc

/// A detached POSIX thread: Foundation's `Thread` lives in the full Foundation library, which
/// one use links (with ICU) into the release binary (see Text+Essentials.swift).
public enum DetachedThread {
    /// Runs `body` on a new detached thread. False (and `body` not run) when the system
    /// has no thread to give; the caller decides what to do then.
    @discardableResult
    public static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Job: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, job)
        guard started == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
