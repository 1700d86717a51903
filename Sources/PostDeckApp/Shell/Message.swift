import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Everything that can happen to the app: keys, answers from the database, timers.
enum Message {
    case key(Key)
    case resized(width: Int, height: Int)
    case spinnerTick
    case clockTick(Date)
    case clientsLoaded(RequestID, [ClientSummary])
    case health(HealthMessage)
    case calendar(CalendarMessage)
    case composer(ComposerMessage)
    case performance(PerformanceMessage)
    /// The answer to a write of a post (`PostWriting`).
    case postWritten(RequestID, PostWriteOutcome)
    case requestFailed(RequestID, StoreError)
    case databaseChanged(Set<String>)
    /// Re-read what is shown (after a burst of notifications settles).
    case refresh
    /// A connection opened (again), to this host.
    case linkUp(Link, ConnectionLabel)
    case linkDown(StoreError, retryIn: Duration, link: Link = .primary)
    /// What a connection is (its greeting, or the change check on an interval).
    case linkChecked(Link, ServerFacts)
    case agenciesLoaded(RequestID, [ManagedAgency])
    /// News from the LISTEN connection (changed tables arrive as `databaseChanged`).
    case listener(ChangeListener.Event)
    /// The LISTEN connection did not hear this probe in time.
    case probeTimedOut(String)
    /// Time for the change check (no LISTEN, or reads from a standby).
    case checkChanges
    /// The server refused the login: nothing is retried until the user presses `R`.
    case loginRefused(StoreError, link: Link)
    case writeDone(RequestID, String)
    case noteExpired(StatusNote)
    /// `:theme NAME` was applied, or why not.
    case themeApplied(String, problem: String?)
    /// Every query sent has been answered (the runtime says so when the last one comes back).
    case settled
    /// An import file read and checked (`Importing`).
    case importPrepared(RequestID, Result<ImportPlan, ImportFailure>)
    /// An import written, or refused as a whole.
    case importWritten(RequestID, Result<ImportWriteResult, ImportFailure>)
}

/// What `update` asks the runtime to do. Effects run outside `update` and come back as messages.
enum Effect {
    /// Run a query; a newer query in the same slot replaces it.
    case query(RequestID, slot: String, Query<Message>)
    /// Send `message` after `delay` (a newer timer with the same key replaces it).
    case after(Duration, key: String, Message)
    case redrawAll
    /// Load the theme `NAME` (as `--theme` does) and draw with it; answers `.themeApplied`.
    case applyTheme(String)
    /// Write `contents` to `path` (a leading `~/` is the home directory); `then` gets the
    /// error's description, or nil when the file was written.
    case writeFile(path: String, contents: String, then: (String?) -> Message)
    /// Make `path` absolute (a relative path is read from the working directory); `then` gets
    /// it and whether something is there already.
    case resolvePath(String, then: (_ absolute: String, _ exists: Bool) -> Message)
    case saveSession
    case quit
    /// Connect again now (after a refused login).
    case reconnect
    /// Write the composer's recovery file (0600) now.
    case writeRecovery(ComposerRecovery)
    /// The post was saved: its recovery file is no longer needed.
    case removeRecovery(String)
    /// A declined recovery file is moved aside, never deleted.
    case setAsideRecovery(String)
    /// Read a file's header for attaching; answers `.composer(.mediaInspected)`.
    case inspectMedia(String)
    /// Suspend the UI, edit `text` in $VISUAL/$EDITOR, resume; answers `.composer(.editorReturned)`.
    case openEditor(String)
    /// Close the LISTEN connection for good (the UI polls instead).
    case stopListening
    /// Read and check an import file off the loop; answers `.importPrepared`.
    case prepareImport(RequestID, ImportRequest)
    /// Write a checked import off the loop; answers `.importWritten`.
    case writeImport(RequestID, ImportPlan)
}
