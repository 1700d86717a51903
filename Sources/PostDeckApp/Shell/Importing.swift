import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// An import started with `:import PATH`, from reading the file to writing it.
struct ImportFlow {
    enum Stage: Equatable {
        /// The file is read and checked off the loop.
        case reading
        /// The report (problems) or the preview (and the question) is shown.
        case review
        case writing
    }

    let path: String
    var request: RequestID
    var stage: Stage
    var plan: ImportPlan?
    /// Lines skipped at the top of the review.
    var scroll = 0
}

/// What the runtime needs to read and check an import file off the loop.
struct ImportRequest: Sendable {
    let path: String
    /// The client in scope: the client of rows that name none.
    let client: ClientID?
    let userZone: String?
    let environmentTZ: String?
    let rules: PlatformRules
    let now: Date
}

/// Why an import could not be read, checked or written as a whole (a file that cannot be
/// read, a lost connection); problems of rows are in the plan instead.
struct ImportFailure: Error, Sendable, Equatable {
    let message: String
}

/// `:import PATH`: the file is read and checked by the scheduling model off the UI loop
/// (a background job: the screen never freezes); the report of problems, or a preview of
/// the rows to be written per client and day, is shown and the user asked; a yes writes it
/// in one transaction, and the calendar shows the imported posts at once.
enum Importing {
    static func start(_ state: inout AppState, path: String) -> [Effect] {
        if let flow = state.importing, flow.stage != .review {
            state.note = StatusNote(text: "an import of \(flow.path) is still running", kind: .info)
            return []
        }
        let id = state.nextRequest()
        state.importing = ImportFlow(path: path, request: id, stage: .reading)
        state.note = StatusNote(text: "reading and checking \(path)…", kind: .info)
        let request = ImportRequest(path: path, client: state.scope.clientID, userZone: state.zoneSettings.commandLine,
                                    environmentTZ: state.zoneSettings.environmentTZ, rules: state.rules, now: state.now)
        return [.prepareImport(id, request)]
    }

    static func prepared(_ state: inout AppState, _ id: RequestID, _ result: Result<ImportPlan, ImportFailure>) -> [Effect] {
        guard var flow = state.importing, flow.request == id, flow.stage == .reading else { return [] }
        switch result {
        case .failure(let failure):
            state.importing = nil
            state.note = StatusNote(text: "not imported: \(failure.message)", kind: .error)
        case .success(let plan) where plan.isClean && plan.changing.isEmpty:
            state.importing = nil
            state.note = StatusNote(text: "nothing to import: the posts already say what \(flow.path) says (\(plan.summary))", kind: .info)
        case .success(let plan):
            flow.plan = plan
            flow.stage = .review
            flow.scroll = 0
            state.importing = flow
            state.overlay = .importReview
            state.note = nil
        }
        return []
    }

    /// Keys while the review is open: scroll, `y` writes a clean file, `n`/Esc closes.
    /// The review's rows of the key table (it takes every key while it is open).
    static let keys: [KeyBinding] = [
        KeyBinding(["j", "Down"], .importReview, .moveDown, "scroll down"),
        KeyBinding(["k", "Up"], .importReview, .moveUp, "scroll up"),
        KeyBinding(["Ctrl-d", "PgDn", "Space"], .importReview, .halfPageDown, "ten lines down"),
        KeyBinding(["Ctrl-u", "PgUp"], .importReview, .halfPageUp, "ten lines up"),
        KeyBinding(["g", "Home"], .importReview, .top, "the first line"),
        KeyBinding(["G", "End"], .importReview, .bottom, "the last line"),
        KeyBinding(["y", "Y"], .importReview, .yes, "write the posts (only when every row is clean)"),
        KeyBinding(["n", "N", "q", "Esc", "Enter"], .importReview, .no, "close: nothing is imported"),
    ]

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var flow = state.importing, let plan = flow.plan else { state.overlay = nil; return [] }
        let last = box(flow, plan, symbols: .unicode).maxScroll(in: View.body(state))
        switch Keymap.action(for: key, in: .importReview) {
        case .moveDown: flow.scroll += 1
        case .moveUp: flow.scroll = max(0, flow.scroll - 1)
        case .halfPageDown: flow.scroll += 10
        case .halfPageUp: flow.scroll = max(0, flow.scroll - 10)
        case .top: flow.scroll = 0
        case .bottom: flow.scroll = last
        case .yes:
            guard plan.isClean else { break }
            let id = state.nextRequest()
            flow.request = id
            flow.stage = .writing
            state.importing = flow
            state.overlay = nil
            state.note = StatusNote(text: "writing \(MetricFormat.grouped(plan.changing.count)) posts from \(flow.path)…", kind: .info)
            return [.writeImport(id, plan)]
        case .no:
            state.overlay = nil
            state.importing = nil
            state.note = StatusNote(text: plan.isClean ? "nothing imported" : "nothing imported: fix the file and import it again", kind: .info)
            return []
        default: break
        }
        flow.scroll = min(flow.scroll, last)
        state.importing = flow
        return []
    }

    static func written(_ state: inout AppState, _ id: RequestID, _ result: Result<ImportWriteResult, ImportFailure>) -> [Effect] {
        guard var flow = state.importing, flow.request == id, flow.stage == .writing, var plan = flow.plan else { return [] }
        switch result {
        case .failure(let failure):
            state.importing = nil
            state.note = StatusNote(text: "not imported: \(failure.message)", kind: .error)
            return []
        case .success(let written) where !written.written:
            plan.add(problems: written.problems)
            flow.plan = plan
            flow.stage = .review
            flow.scroll = 0
            state.importing = flow
            state.overlay = .importReview
            return []
        case .success(let written):
            state.importing = nil
            let jobs = written.jobsCreated
            state.note = StatusNote(text: "imported \(flow.path): \(plan.summary); \(MetricFormat.grouped(jobs)) publish job\(jobs == 1 ? "" : "s") added",
                                    kind: .info)
            return showInCalendar(&state, plan)
        }
    }

    /// The calendar, on the day of the first post written, read again.
    private static func showInCalendar(_ state: inout AppState, _ plan: ImportPlan) -> [Effect] {
        if let first = plan.changing.compactMap(\.time).min() {
            state.calendar.day = state.calendar.displayZone.localDate(of: first)
            state.calendar.selectedPost = nil
        }
        // The composer keeps its place (it may hold unsaved text); elsewhere the calendar opens.
        if state.pane != .composer, state.pane != .calendar {
            state.pane = .calendar
            if !state.loadedPanes.contains(.calendar) { return [.saveSession] }
        }
        return (state.loadedPanes.contains(.calendar) ? CalendarPane.load(&state) : []) + [.saveSession]
    }

    // MARK: Drawing

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard let flow = state.importing, let plan = flow.plan else { return }
        box(flow, plan, symbols: symbols).render(into: &buffer, area: area)
    }

    static func box(_ flow: ImportFlow, _ plan: ImportPlan, symbols: Symbols) -> ReportBox {
        var lines: [[Span]] = []
        let footer: [Span]
        if plan.isClean {
            lines.append([Span("Would write: ", .title), Span(plan.summary, .dialog)])
            lines.append([])
            for line in plan.preview {
                lines.append([Span(line.client, .accent), Span("  \(line.dayText)  ", .dialog), Span(line.counts, .muted)])
            }
            let notes = plan.confirmations + plan.warnings
            if !notes.isEmpty {
                lines.append([])
                lines.append([Span("Warnings (written anyway)", .warning)])
                for note in notes { lines.append([Span(note.place + ": ", .key), Span(note.message, .dialog)]) }
            }
            footer = [Span(" y ", .statusKey), Span(" write  ", .dialog), Span(" n ", .statusKey), Span(" cancel  ", .dialog),
                      Span(" j k ", .statusKey), Span(" scroll", .dialog)]
        } else {
            let rows = Set(plan.problems.compactMap(\.row)).count
            lines.append([Span("Nothing was written: ", .error),
                          Span("\(plan.problems.count) problem\(plan.problems.count == 1 ? "" : "s")"
                               + (rows > 0 ? " in \(rows) row\(rows == 1 ? "" : "s")" : "") + " of \(plan.rowCount)", .dialog)])
            lines.append([])
            for problem in plan.problems { lines.append([Span(problem.place + ": ", .key), Span(problem.message, .dialog)]) }
            footer = [Span(" Esc ", .statusKey), Span(" close  ", .dialog), Span(" j k ", .statusKey), Span(" scroll", .dialog)]
        }
        return ReportBox(title: "Import \(flow.path)", lines: lines, footer: footer, scroll: flow.scroll, symbols: symbols)
    }
}
