import FoundationEssentials
import Glibc
import Logging
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Carries out effects and feeds their results back as messages. The loop sleeps in
/// `poll()` on the terminal, the signal pipe and the database sockets, with a timeout only
/// when a timer is due: idle, it uses no CPU at all.
///
/// Statements that need the primary (writes, notifications) run on `primary` (`--db`); the
/// panes' reads run on `reads` (`--read-db`) when one was given, else on `primary` too.
final class Runtime {
    private var state: AppState
    private let backend: any TerminalScreen
    private let signals: SignalPipe
    private let primary: QueryRunner<Message>
    private let reads: QueryRunner<Message>?
    private let listener: ChangeListener
    /// Jobs that run off the loop (imports), each answering through a pipe polled here.
    private let background = BackgroundJobs()
    /// Where background jobs (an import) connect: they write, so the primary.
    private let conninfo: String
    private let session: SessionStore
    private let recovery: RecoveryStore
    private let logger: Logger
    private let clock: any PostDeckCore.Clock
    /// Finds themes for `:theme NAME` as `--theme` does.
    private let themes: ThemeLoader
    private let symbols: Symbols
    private var timers: [String: (deadline: ContinuousClock.Instant, message: Message)] = [:]
    private var dirty = true
    private var running = true
    /// The signal that ended the loop, if one did.
    private var endingSignal: Int32?
    /// The first frame with data has been drawn.
    private var startedUp = false
    /// What the primary reported while start-up opened it (`Application.Connecting`).
    private var connectionEvents: [QueryRunner<Message>.Event]

    /// Where the three kinds of connection go.
    struct Targets {
        var primary: String
        var reads: String?
        var listen: String?
    }

    /// `primary` is the connection to `targets.primary` that start-up began opening.
    init(state: AppState, backend: any TerminalScreen, signals: SignalPipe, targets: Targets, primary: QueryRunner<Message>,
         connectionEvents: [QueryRunner<Message>.Event], statementTimeout: Duration, session: SessionStore,
         recovery: RecoveryStore, clock: any PostDeckCore.Clock, themes: ThemeLoader, logger: Logger) {
        self.state = state
        self.themes = themes
        self.backend = backend
        self.signals = signals
        self.primary = primary
        self.connectionEvents = connectionEvents
        self.reads = targets.reads.map { QueryRunner(conninfo: $0, statementTimeout: statementTimeout, greeting: Self.greeting(.reads)) }
        self.listener = ChangeListener(conninfo: targets.listen ?? targets.primary)
        self.conninfo = targets.primary
        self.session = session
        self.recovery = recovery
        self.clock = clock
        self.logger = logger
        self.symbols = backend.isUTF8 ? .unicode : .ascii
    }

    /// What each connection runs first: what the server it reached is.
    static func greeting(_ link: Link) -> QueryRunner<Message>.Job {
        .init(id: RequestID(0), slot: "greeting", query: ServerFacts.query.map { .linkChecked(link, $0) },
              onFailure: { .requestFailed($0, $1) })
    }

    func run() -> UIEnding {
        let size = backend.size
        state.width = size.width
        state.height = size.height
        StartupTrace.mark("loop starts")
        // The first queries are queued (and sent, if start-up already connected) before the
        // connection's news is handled, which starts the listener after them (and a refused
        // login is tried only once).
        execute(App.start(&state))
        handle(connectionEvents, link: .primary)
        connectionEvents = []
        if let reads { handle(reads.start(), link: .reads) }
        execute([.after(.seconds(60), key: "clock", .clockTick(clock.now().addingTimeInterval(60)))])
        while running {
            if dirty { render() }
            waitForSomething()
        }
        session.save(pane: state.pane, scope: state.scope)
        return endingSignal.map(UIEnding.signal) ?? .quit
    }

    // MARK: The loop

    private func waitForSomething() {
        var descriptors = [pollfd(fd: backend.inputFD, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: background.readEnd, events: Int16(POLLIN), revents: 0)]
        let primaryWait = primary.pollRequest
        if let primaryWait { descriptors.append(pollfd(fd: primaryWait.fd, events: primaryWait.events, revents: 0)) }
        let readsWait = reads?.pollRequest
        if let readsWait { descriptors.append(pollfd(fd: readsWait.fd, events: readsWait.events, revents: 0)) }
        let listenerWait = listener.pollRequest
        if let listenerWait { descriptors.append(pollfd(fd: listenerWait.fd, events: listenerWait.events, revents: 0)) }

        let deadlines = timers.values.map(\.deadline)
            + [primary.nextDeadline, reads?.nextDeadline, listener.nextDeadline].compactMap { $0 }
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
        if descriptors[2].revents != 0 {
            for (id, message) in background.collect() {
                state.inFlight[id] = nil
                send(message)
            }
        }
        var index = 3
        if primaryWait != nil {
            if descriptors[index].revents != 0 { handle(primary.socketReady(), link: .primary) }
            index += 1
        }
        if readsWait != nil, let reads {
            if descriptors[index].revents != 0 { handle(reads.socketReady(), link: .reads) }
            index += 1
        }
        if listenerWait != nil, descriptors[index].revents != 0 { handle(listener.socketReady()) }
        fireTimers()
    }

    private func readKeys() {
        while running {
            switch backend.readKey(timeoutMilliseconds: 0) {
            case .timeout: return
            case .terminalGone:
                logger.info("terminal gone; exiting")
                flushRecovery()
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
                endingSignal = endingSignal ?? number
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
    /// hang-up, a vanished terminal or termination, before the terminal is given back).
    private func flushRecovery() {
        guard state.composer.dirty, !state.composer.isEmpty else { return }
        do {
            try recovery.write(ComposerRecovery(state.composer, now: clock.now()))
            logger.info("composer text written to the recovery file")
        } catch {
            logger.error("cannot write the recovery file: \(error)")
        }
    }

    private func fireTimers() {
        handle(primary.timerFired(), link: .primary)
        if let reads { handle(reads.timerFired(), link: .reads) }
        handle(listener.timerFired())
        let now = ContinuousClock.now
        for (key, timer) in timers where timer.deadline <= now {
            timers[key] = nil
            send(timer.message)
        }
    }

    private func render() {
        dirty = false
        backend.draw(View.render(state, symbols: symbols), context: state.keyContext)
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

    private func handle(_ events: [ChangeListener.Event]) {
        for event in events {
            if case .unavailable(let reason) = event { logger.info("no LISTEN: \(reason)") }
            if case .changed(let tables) = event { send(.databaseChanged(tables)) } else { send(.listener(event)) }
        }
    }

    private func handle(_ events: [QueryRunner<Message>.Event], link: Link) {
        for event in events {
            switch event {
            case .connected(let label):
                StartupTrace.mark("connected")
                logger.info("connected to \(label)")
                // The first queries are on their way: now LISTEN on a connection of its own, so
                // that its start-up follows theirs instead of racing it (again after `R`).
                if link == .primary, listener.isStopped { handle(listener.start()) }
                send(.linkUp(link, label))
            case .loginRefused(let error):
                logger.warning("login refused: \(error.description)")
                send(.loginRefused(error, link: link))
            case .connectionFailed(let error, let retryIn):
                logger.warning("database link down: \(error.description)")
                send(.linkDown(error, retryIn: retryIn, link: link))
            case .completed(let id, let message):
                if !startedUp { StartupTrace.mark("a query answered") }
                state.inFlight[id] = nil
                send(message)
                if state.inFlight.isEmpty { send(.settled) }
            case .replaced(let id):
                // Otherwise the spinner would wait for it, and tick, forever.
                state.inFlight[id] = nil
                dirty = true
            }
        }
    }

    /// Starts a job off the loop; the spinner runs until it answers.
    private func startBackground<Value: Sendable>(_ id: RequestID, _ work: @escaping @Sendable () -> Value,
                                                  then: @escaping (Value) -> Message) {
        state.inFlight[id] = .now
        timers["spinner"] = timers["spinner"] ?? (.now + App.spinnerDelay, .spinnerTick)
        background.start(id, work, then: then)
    }

    /// Writes a file the user asked for (an export); the error's description, or nil.
    /// `path`, when relative, read from the working directory.
    static func absolutePath(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (directory == "/" ? "" : directory) + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

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
                let job = QueryRunner<Message>.Job(id: id, slot: slot, query: query, onFailure: { .requestFailed($0, $1) })
                if let reads, !query.needsPrimary {
                    handle(reads.enqueue(job), link: .reads)
                } else {
                    handle(primary.enqueue(job), link: .primary)
                }
            case .after(let delay, let key, let message):
                timers[key] = (.now + delay, message)
            case .writeFile(let path, let contents, let then):
                send(then(Self.write(contents, to: path)))
            case .resolvePath(let path, let then):
                let absolute = Self.absolutePath(path)
                send(then(absolute, access(absolute, F_OK) == 0))
            case .redrawAll:
                backend.invalidate()
                dirty = true
            case .applyTheme(let name):
                let loaded = themes.load(name)
                if loaded.error == nil {
                    backend.apply(theme: loaded.theme)
                    backend.invalidate()
                    dirty = true
                }
                send(.themeApplied(name, problem: loaded.error?.description))
            case .stopListening:
                listener.stop()
            case .saveSession:
                session.save(pane: state.pane, scope: state.scope)
            case .quit:
                running = false
            case .reconnect:
                handle(primary.reconnect(), link: .primary)
                if let reads { handle(reads.reconnect(), link: .reads) }
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
            case .prepareImport(let id, let request):
                let conninfo = self.conninfo
                let environment = ProcessInfo.processInfo.environment
                startBackground(id, { ImportJobs.prepare(request, conninfo: conninfo, environment: environment) }) { .importPrepared(id, $0) }
            case .writeImport(let id, let plan):
                let conninfo = self.conninfo
                startBackground(id, { ImportJobs.write(plan, conninfo: conninfo) }) { .importWritten(id, $0) }
            case .openEditor(let text):
                send(.composer(.editorReturned(ExternalEditor.edit(text, backend: backend, logger: logger))))
                let size = backend.updateSize()
                send(.resized(width: size.width, height: size.height))
                backend.invalidate()
            }
        }
    }
}
