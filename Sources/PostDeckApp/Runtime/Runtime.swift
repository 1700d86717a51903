import FoundationEssentials
import Glibc
import Logging
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Carries out effects and feeds their results back as messages. The loop sleeps in
/// `poll()` on the terminal, the signal pipe and the database sockets, with a timeout only
/// when a timer is due: idle, it uses no CPU at all.
final class Runtime {
    private var state: AppState
    private let backend: any TerminalScreen
    private let signals: SignalPipe
    private let runner: QueryRunner<Message>
    private let listener: ChangeListener
    private let session: SessionStore
    private let recovery: RecoveryStore
    private let logger: Logger
    private let symbols: Symbols
    private var timers: [String: (deadline: ContinuousClock.Instant, message: Message)] = [:]
    private var dirty = true
    private var running = true
    /// The first frame with data has been drawn.
    private var startedUp = false
    /// What the runner reported while start-up opened its connection.
    private var connectionEvents: [QueryRunner<Message>.Event]
    private var listening = false

    init(state: AppState, backend: any TerminalScreen, signals: SignalPipe, conninfo: String, runner: QueryRunner<Message>,
         connectionEvents: [QueryRunner<Message>.Event], session: SessionStore, recovery: RecoveryStore, logger: Logger) {
        self.state = state
        self.backend = backend
        self.signals = signals
        self.runner = runner
        self.connectionEvents = connectionEvents
        self.listener = ChangeListener(conninfo: conninfo)
        self.session = session
        self.recovery = recovery
        self.logger = logger
        self.symbols = backend.isUTF8 ? .unicode : .ascii
    }

    func run() {
        let size = backend.size
        state.width = size.width
        state.height = size.height
        StartupTrace.mark("loop starts")
        // The first queries are queued (and sent, if start-up already connected) before the
        // connection's news is handled, which starts the listener after them.
        execute(App.start(&state))
        handle(connectionEvents)
        connectionEvents = []
        execute([.after(.seconds(60), key: "clock", .clockTick(Date().addingTimeInterval(60)))])
        while running {
            if dirty { render() }
            waitForSomething()
        }
        session.save(pane: state.pane, scope: state.scope)
    }

    // MARK: The loop

    private func waitForSomething() {
        var descriptors = [pollfd(fd: backend.inputFD, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
        let runnerWait = runner.pollRequest
        if let runnerWait { descriptors.append(pollfd(fd: runnerWait.fd, events: runnerWait.events, revents: 0)) }
        let listenerWait = listener.pollRequest
        if let listenerWait { descriptors.append(pollfd(fd: listenerWait.fd, events: listenerWait.events, revents: 0)) }

        let deadlines = timers.values.map(\.deadline) + [runner.nextDeadline, listener.nextDeadline].compactMap { $0 }
        var timeout: Int32 = -1
        if let next = deadlines.min() {
            let left = next - .now
            timeout = left <= .zero ? 0 : Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        if ready < 0 && errno != EINTR { running = false; return }

        if descriptors[1].revents != 0 { handleSignals() }
        // Always look for keys: curses buffers input, and a SIGWINCH interrupts poll with a
        // KEY_RESIZE waiting in curses rather than on the descriptor.
        readKeys()
        var index = 2
        if runnerWait != nil {
            if descriptors[index].revents != 0 { handle(runner.socketReady()) }
            index += 1
        }
        if listenerWait != nil, descriptors[index].revents != 0 {
            let tables = listener.socketReady()
            if !tables.isEmpty { send(.databaseChanged(tables)) }
        }
        fireTimers()
    }

    private func readKeys() {
        while running {
            switch backend.readKey(timeoutMilliseconds: 0) {
            case .timeout: return
            case .terminalGone:
                logger.info("terminal gone; exiting")
                running = false
                return
            case .key(.resize):
                let size = backend.size
                send(.resized(width: size.width, height: size.height))
                backend.invalidate()
            case .key(.ctrl("z")):
                suspend()
            case .key(let key):
                send(.key(key))
            }
        }
    }

    private func handleSignals() {
        for number in signals.drain() {
            switch number {
            case SIGINT, SIGTERM, SIGHUP:
                logger.info("signal \(number); exiting")
                flushRecovery()
                running = false
            case SIGWINCH:
                let size = backend.updateSize()
                send(.resized(width: size.width, height: size.height))
            case SIGCONT:
                backend.resume()
                dirty = true
            default: break
            }
        }
    }

    /// Ctrl-z: give the terminal back, stop, and take it again on `fg`.
    private func suspend() {
        backend.suspend()
        signal(SIGTSTP, SIG_DFL)
        kill(getpid(), SIGTSTP)
        backend.resume()
        let size = backend.updateSize()
        send(.resized(width: size.width, height: size.height))
    }

    /// Writes the composer's text to its recovery file if it has unsaved changes (on a
    /// hang-up or termination, before the terminal is given back).
    private func flushRecovery() {
        guard state.composer.dirty, !state.composer.isEmpty else { return }
        do {
            try recovery.write(ComposerRecovery(state.composer, now: Date()))
            logger.info("composer text written to the recovery file")
        } catch {
            logger.error("cannot write the recovery file: \(error)")
        }
    }

    private func fireTimers() {
        handle(runner.timerFired())
        listener.timerFired()
        let now = ContinuousClock.now
        for (key, timer) in timers where timer.deadline <= now {
            timers[key] = nil
            send(timer.message)
        }
    }

    private func render() {
        dirty = false
        backend.draw(View.render(state, symbols: symbols))
        backend.flush()
        if !startedUp && state.visiblePaneHasData {
            startedUp = true
            StartupTrace.mark("first frame with data")
            StartupTrace.finish()
        }

    }

    // MARK: Messages and effects

    private func send(_ message: Message) {
        execute(App.update(&state, message))
        dirty = true
        if state.quitRequested { running = false }
    }

    private func handle(_ events: [QueryRunner<Message>.Event]) {
        for event in events {
            switch event {
            case .connected(let label):
                StartupTrace.mark("connected")
                logger.info("connected to \(label)")
                // The first queries are on their way: now LISTEN on a connection of its own,
                // so that its start-up follows theirs instead of racing it.
                if !listening {
                    listening = true
                    listener.start()
                }
                send(.linkUp(label))
            case .connectionFailed(let error, let retryIn):
                logger.warning("database link down: \(error.description)")
                send(.linkDown(error, retryIn: retryIn))
            case .completed(let id, let message):
                if !startedUp { StartupTrace.mark("a query answered") }
                state.inFlight[id] = nil
                send(message)
            case .replaced(let id):
                // Otherwise the spinner would wait for it, and tick, forever.
                state.inFlight[id] = nil
                dirty = true
            }
        }
    }

    /// Writes a file the user asked for (an export); the error's description, or nil.
    static func write(_ contents: String, to path: String) -> String? {
        let expanded = FilePaths.expandingTilde(path)
        do {
            try FilePaths.writeAtomically(Array(contents.utf8), to: expanded)
            return nil
        } catch {
            return "\(expanded): \(error)"
        }
    }

    private func execute(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .query(let id, let slot, let query):
                // The spinner's clock: a request counts as loading from when it is sent.
                state.inFlight[id] = .now
                timers["spinner"] = timers["spinner"] ?? (.now + App.spinnerDelay, .spinnerTick)
                handle(runner.enqueue(.init(id: id, slot: slot, query: query, onFailure: { .requestFailed($0, $1) })))
            case .after(let delay, let key, let message):
                timers[key] = (.now + delay, message)
            case .writeFile(let path, let contents, let then):
                send(then(Self.write(contents, to: path)))
            case .redrawAll:
                backend.invalidate()
                dirty = true
            case .saveSession:
                session.save(pane: state.pane, scope: state.scope)
            case .quit:
                running = false
            case .writeRecovery(let draft):
                do { try recovery.write(draft) } catch { logger.error("cannot write the recovery file: \(error)") }
            case .removeRecovery(let id):
                recovery.remove(id)
            case .setAsideRecovery(let id):
                recovery.setAside(id)
            case .inspectMedia(let path):
                let result: Result<MediaInfo, MediaError>
                do { result = .success(try MediaSniffer.inspect(path: path)) } catch { result = .failure(error) }
                send(.composer(.mediaInspected(path, result)))
            case .openEditor(let text):
                send(.composer(.editorReturned(ExternalEditor.edit(text, backend: backend, logger: logger))))
                let size = backend.updateSize()
                send(.resized(width: size.width, height: size.height))
                backend.invalidate()
            }
        }
    }
}
