import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// `:import PATH` in the UI: the palette hook, the report or preview with its question,
/// the write, and the calendar afterwards; and the background jobs that keep the loop free.
@Suite struct ImportFlowTests {
    static let acme = Fixtures.clients[0]

    /// A plan of `csv` against Acme's composer choices, as the background job makes it.
    static func plan(_ csv: String) -> ImportPlan {
        let context = ImportContext(now: Fixtures.now, rules: .standard, clients: ["Acme Outdoor": .success(acme)],
                                    clientsByID: [acme.id: acme], choices: [acme.id: ComposerFixtures.choices], posts: [:], keys: [:])
        return ImportPlanner.plan(ImportFile.read(Array(csv.utf8)), options: ImportOptions(source: "~/june.csv"), context: context)
    }

    static let clean = plan("""
        client,accounts,date,content,status
        Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,Trail day 🏔️,
        Acme Outdoor,linkedin:acme-outdoor,2027-06-01 15:00,Afternoon,draft
        Acme Outdoor,linkedin:acme-outdoor,2027-06-03 09:00,雪の山道へ,

        """)

    static let broken = plan("""
        client,accounts,date,content
        Acme Outdoor,linkedin:acme-outdoor,2027-06-01 09:00,Fine
        Acme Outdoor,linkedin:nobody,2027-06-02 09:00,Who?
        Acme Outdoor,linkedin:acme-outdoor,06/03/2027 09:00,Slashed

        """)

    static func type(_ text: String, into state: inout AppState) -> [Effect] {
        text.flatMap { App.update(&state, .key(.char($0))) }
    }

    /// `:import ~/june.csv` Enter, on Acme in scope; the request it starts.
    static func started(width: Int = 120, height: Int = 40) -> (AppState, RequestID, ImportRequest) {
        var state = Fixtures.loadedState(width: width, height: height)
        state.scope = .client(acme.id)
        _ = App.update(&state, .key(.char(":")))
        _ = type("import ~/june.csv", into: &state)
        let effects = App.update(&state, .key(.enter))
        for case .prepareImport(let id, let request) in effects { return (state, id, request) }
        Issue.record("no import started: \(effects)")
        return (state, RequestID(0), ImportRequest(path: "", client: nil, userZone: nil, environmentTZ: nil, rules: .standard, now: Fixtures.now))
    }

    @Test func typingImportAndAPathInThePaletteReadsTheFileOffTheLoop() {
        let (state, _, request) = Self.started()
        #expect(request.path == "~/june.csv")
        #expect(request.client == Self.acme.id, "the client in scope is the client of rows that name none")
        #expect(state.overlay == nil)
        #expect(state.importing?.stage == .reading)
        #expect(state.note?.text == "reading and checking ~/june.csv…")
    }

    @Test func thePaletteListsImportAndChoosingItAsksForThePath() {
        var state = Fixtures.loadedState()
        _ = App.update(&state, .key(.char(":")))
        _ = Self.type("impo", into: &state)
        let items = Overlays.palette(for: state, query: "impo").widget.matches(for: "impo").map(\.item.title)
        #expect(items.first == "import PATH")
        let effects = App.update(&state, .key(.enter))
        #expect(effects.isEmpty)
        guard case .palette(let query, _) = state.overlay else { Issue.record("the palette closed"); return }
        #expect(query.text == "import ")
        #expect(PaletteCommand.parse("import ") == nil && PaletteCommand.parse("  IMPORT  a b.csv ") == .importPosts(path: "a b.csv"))
    }

    @Test func aFileWithProblemsShowsTheReportAndCannotBeWritten() {
        var (state, id, _) = Self.started()
        _ = App.update(&state, .importPrepared(id, .success(Self.broken)))
        #expect(state.overlay == .importReview)
        let screen = View.render(state).textLines().joined(separator: "\n")
        #expect(screen.contains("Nothing was written: 2 problems in 2 rows of 3"))
        #expect(screen.contains("row 2, column accounts: no active account \"linkedin:nobody\" of Acme Outdoor"))
        #expect(screen.contains("row 3, column date:"))
        #expect(App.update(&state, .key(.char("y"))).isEmpty, "a file with problems is never written")
        #expect(state.overlay == .importReview)
        _ = App.update(&state, .key(.escape))
        #expect(state.overlay == nil && state.importing == nil)
        #expect(state.note?.text == "nothing imported: fix the file and import it again")
    }

    @Test func aCleanFileShowsThePreviewPerClientAndDayAndYesWritesIt() throws {
        var (state, id, _) = Self.started()
        _ = App.update(&state, .importPrepared(id, .success(Self.clean)))
        let screen = View.render(state).textLines().joined(separator: "\n")
        #expect(screen.contains("Would write: 3 new posts (2 scheduled, 1 draft), 0 updated, 0 unchanged"))
        #expect(screen.contains("Acme Outdoor  Tue 1 Jun 2027  2 new · 1 scheduled"))
        #expect(screen.contains("Acme Outdoor  Thu 3 Jun 2027  1 new · 1 scheduled"))
        let effects = App.update(&state, .key(.char("y")))
        guard case .writeImport(let writeID, let plan)? = effects.first else { Issue.record("not written: \(effects)"); return }
        #expect(plan.changing.count == 3)
        #expect(state.overlay == nil && state.importing?.stage == .writing)

        let rows = plan.rows.map { ImportWriteResult.Row(row: $0.row, post: $0.post, refusal: nil, job: $0.status == .scheduled ? .created : .none,
                                                         status: $0.status) }
        let after = App.update(&state, .importWritten(writeID, .success(ImportWriteResult(rows: rows))))
        #expect(state.importing == nil)
        #expect(state.note?.text == "imported ~/june.csv: 3 new posts (2 scheduled, 1 draft), 0 updated, 0 unchanged; 2 publish jobs added")
        #expect(state.pane == .calendar, "the calendar shows the imported posts at once")
        #expect(state.calendar.day == LocalDate(year: 2027, month: 6, day: 1))
        #expect(after.contains { if case .query(_, let slot, _) = $0 { slot.hasPrefix("calendar") } else { false } }, "and reads them")
    }

    @Test func aWriteTheDatabaseRefusedShowsItsRowsAgain() {
        var (state, id, _) = Self.started()
        _ = App.update(&state, .importPrepared(id, .success(Self.clean)))
        guard case .writeImport(let writeID, let plan)? = App.update(&state, .key(.char("y"))).first else { Issue.record("not written"); return }
        let rows = plan.rows.map { ImportWriteResult.Row(row: $0.row, post: $0.post, refusal: $0.row == 2 ? .changedElsewhere : nil,
                                                         job: .none, status: nil) }
        _ = App.update(&state, .importWritten(writeID, .success(ImportWriteResult(rows: rows))))
        #expect(state.overlay == .importReview)
        #expect(state.importing?.plan?.problems.map(\.place) == ["row 2"])
        #expect(state.pane != .calendar)
    }

    @Test func aStaleAnswerIsDroppedAndAFailureIsOneLine() {
        var (state, id, _) = Self.started()
        _ = App.update(&state, .importPrepared(RequestID(id.value + 99), .success(Self.clean)))
        #expect(state.overlay == nil && state.importing?.stage == .reading)
        _ = App.update(&state, .importPrepared(id, .failure(ImportFailure(message: "cannot read ~/june.csv: no such file or directory"))))
        #expect(state.importing == nil)
        #expect(state.note == StatusNote(text: "not imported: cannot read ~/june.csv: no such file or directory", kind: .error))
    }

    @Test(arguments: [(80, 24), (120, 40)]) func importReport(width: Int, height: Int) throws {
        var (state, id, _) = Self.started(width: width, height: height)
        _ = App.update(&state, .importPrepared(id, .success(Self.broken)))
        try assertSnapshot(View.renderPane(state), named: "importReport")
    }

    @Test(arguments: [(80, 24), (120, 40)]) func importPreview(width: Int, height: Int) throws {
        var (state, id, _) = Self.started(width: width, height: height)
        _ = App.update(&state, .importPrepared(id, .success(Self.clean)))
        try assertSnapshot(View.renderPane(state), named: "importPreview")
    }
}

/// Work off the loop: the answer comes back through the pipe, on the loop's thread.
@Suite struct BackgroundJobsTests {
    @Test func aJobRunsOnAnotherThreadAndItsAnswerWaitsForTheLoop() {
        let jobs = BackgroundJobs()
        let gate = DispatchSemaphore(value: 0)
        let loopThread = pthread_self()
        jobs.start(RequestID(7), { () -> Bool in
            gate.wait()
            return pthread_equal(pthread_self(), loopThread) == 0
        }, then: { offLoop in .writeDone(RequestID(7), offLoop ? "off the loop" : "on the loop") })
        #expect(jobs.isBusy)
        #expect(jobs.collect().isEmpty, "the loop is not held up while the job runs")
        gate.signal()
        var descriptor = pollfd(fd: jobs.readEnd, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, -1)
        let answers = jobs.collect()
        #expect(answers.count == 1)
        guard case (let id, .writeDone(_, let text))? = answers.first else { Issue.record("\(answers)"); return }
        #expect(id == RequestID(7) && text == "off the loop")
        #expect(!jobs.isBusy)
    }
}
