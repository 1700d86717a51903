import FoundationEssentials
import Glibc
import PostDeckCore

/// The figures of one `postdeck bench` run, as the Markdown of a docs/PERFORMANCE.md section.
struct BenchReport {
    let title: String
    let dataSet: String
    var loadBefore = MachineLoad.now
    var loadAfter: MachineLoad?
    var queries: [QueryBench.Row] = []
    var rowSecurity: [RowSecurityBench.Row] = []
    var ui: UIBench.Figures?
    var terminal: TerminalBench.Figures?
    var commands: (postdeck: Measurement, psql: Measurement)?
    var worker: [WorkerBench.Run] = []
    var workerIdle: WorkerBench.Idle?
    var imports: ImportBench.Figures?
    var binary = BinaryFacts.current

    static var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingSpaces() ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(memory / 1_048_576) GiB"
    }

    var markdown: String {
        var text = "## \(title): measured \(Date().formatted(.iso8601.year().month().day()))\n\n"
        text += "Machine: \(Self.machine). Data: \(dataSet). Binary: \(binary.description).\n\n"
        text += "Load: \(loadBefore.description) before, \(loadAfter?.description ?? "?") after"
        text += (loadAfter.map { max($0.oneMinute, loadBefore.oneMinute) } ?? loadBefore.oneMinute) >= 1
            ? " — **the machine was busy with other work**: times are slower than on a quiet machine, and p95 most of all.\n\n"
            : " (a quiet machine).\n\n"
        text += "### Pane queries\n\n"
        text += "p50 / p95 over repeated runs on one connection; the seed's original view on the same data; the psql binary running the same SQL (and `SET jit = off` where postdeck turns JIT off) as a new process each time, connection included.\n\n"
        text += "| pane | query | postdeck p50 | p95 | seed view p50 | p95 | psql p50 | p95 |\n|---|---|--:|--:|--:|--:|--:|--:|\n"
        for row in queries {
            func pair(_ m: Measurement?) -> String {
                guard let m else { return "— | —" }
                if m.timedOut { return "> \(Int(QueryBench.seedViewTimeout.milliseconds / 1000)) s (cancelled) | —" }
                return "\(m.p50.formattedMilliseconds) | \(m.p95.formattedMilliseconds)"
            }
            text += "| \(row.pane) | \(row.name) | \(pair(row.postdeck)) | \(pair(row.seedView)) | \(pair(row.psql)) |\n"
        }
        text += RowSecurityBench.markdown(rowSecurity)
        if let imports, !imports.check.samples.isEmpty {
            text += "\n### Import of \(MetricFormat.grouped(ImportBench.rows)) rows\n\n"
            text += "One client (\(imports.account)), every fifth row a draft; each run's posts deleted afterwards. Target: the whole command within 10 s.\n\n"
            text += "| step | runs | p50 | worst |\n|---|--:|--:|--:|\n"
            for m in [imports.check, imports.write, imports.recheck, imports.command] {
                text += "| \(m.name) | \(m.samples.count) | \(m.p50.formattedMilliseconds) | \(m.percentile(1).formattedMilliseconds) |\n"
            }
        }
        if let ui {
            text += "\n### Start-up and keys (the real loop on the memory backend, in process, all clients in scope)\n\n"
            text += "- First full frame with live data, from the start of the UI (connection included): \(ui.firstFrame.formattedMilliseconds)\n"
            text += "\n| keys | frames | p50 | p95 |\n|---|--:|--:|--:|\n"
            for entry in ui.keys {
                text += "| \(entry.label) | \(entry.measurement.samples.count) | \(entry.measurement.p50.formattedMilliseconds) | \(entry.measurement.p95.formattedMilliseconds) |\n"
            }
        }
        if let terminal {
            text += "\n### The binary in a real terminal (tmux, 120 x 40, all clients in scope)\n\n"
            text += "- First full frame with live data, from the moment before `exec` (the binary's own start-up trace): p50 \(terminal.firstFrame.p50.formattedMilliseconds), worst \(terminal.firstFrame.percentile(1).formattedMilliseconds) over \(terminal.firstFrame.samples.count) starts\n"
            text += "- Resident memory: \(Self.megabytes(terminal.residentKilobytesAtFirstFrame)) at the first frame, \(Self.megabytes(terminal.residentKilobytesAfterAllPanes)) after visiting every pane\n"
            text += "- Idle for \(terminal.idleSeconds) s: \(terminal.idleCPUTicks) CPU ticks (1 tick = 10 ms), \(terminal.idleWakeups) context switches\n"
            text += "\nStart-up profile (p50 over the starts, from the moment before `exec`):\n\n| mark | p50 | worst |\n|---|--:|--:|\n"
            for mark in terminal.profile {
                text += "| \(mark.label) | \(mark.measurement.p50.formattedMilliseconds) | \(mark.measurement.percentile(1).formattedMilliseconds) |\n"
            }
        }
        if !worker.isEmpty {
            text += "\n### Publishing worker\n\n"
            text += "Publish jobs (one post on one account each, all due) claimed, sent to a local HTTP endpoint and completed by `postdeck-worker` processes (`--publisher webhook --exit-when-idle`); the endpoint runs in the bench's process on the same machine. Wall time from starting the workers to the last one exiting; busy time from the first send to the last completion, as the database recorded them.\n\n"
            text += "CPU per job adds up the worker processes, the database server and the endpoint; the ceiling is what the machine's cores would do at that cost if they did nothing else.\n\n"
            text += "| workers | calls in flight each | jobs | wall time | jobs/s | jobs/s while busy | CPU per job | ceiling jobs/s | requests | sent twice |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            for run in worker {
                let cpu = run.cpuMillisecondsPerJob.map { MetricFormat.fixed($0, places: 2) + " ms" } ?? "—"
                let ceiling = run.ceilingJobsPerSecond.map { MetricFormat.grouped(Int($0)) } ?? "—"
                text += "| \(run.workers) | \(run.concurrency) | \(MetricFormat.grouped(run.jobs)) | \(MetricFormat.fixed(run.wall.milliseconds / 1000, places: 2) + " s") | \(MetricFormat.grouped(Int(run.jobsPerSecond))) | \(MetricFormat.grouped(Int(run.busyJobsPerSecond))) | \(cpu) | \(ceiling) | \(MetricFormat.grouped(run.requests)) | \(run.sentTwice) |\n"
            }
            if let idle = workerIdle {
                text += "\nAn idle worker (nothing due, LISTENing) for \(idle.seconds) s: \(idle.cpuTicks) CPU ticks (1 tick = 10 ms), \(idle.wakeups) context switches over all its threads.\n"
            }
        }
        if let commands {
            let ratio = commands.postdeck.p50.milliseconds / max(0.001, commands.psql.p50.milliseconds)
            text += "\n### One-shot commands\n\n"
            text += "| command | p50 | p95 |\n|---|--:|--:|\n"
            text += "| `postdeck health --client ID --format csv` | \(commands.postdeck.p50.formattedMilliseconds) | \(commands.postdeck.p95.formattedMilliseconds) |\n"
            text += "| the psql binary (`\(PsqlBinary.path)`) with the same SQL | \(commands.psql.p50.formattedMilliseconds) | \(commands.psql.p95.formattedMilliseconds) |\n"
            text += "\npostdeck / psql at p50: \(MetricFormat.fixed(ratio, places: 2))x\n"
        }
        return text
    }

    static func megabytes(_ kilobytes: Int) -> String { MetricFormat.fixed(Double(kilobytes) / 1024, places: 1) + " MB" }

    /// Puts `section` between the markers named `key` in `document`, or at its end.
    static func replacingSection(_ key: String, in document: String, with section: String) -> String {
        let start = "<!-- bench:\(key) -->", end = "<!-- /bench:\(key) -->"
        let block = "\(start)\n\(section)\(end)"
        guard let from = document.firstRange(of: start), let to = document[from.upperBound...].firstRange(of: end) else {
            return document + (document.hasSuffix("\n") ? "\n" : "\n\n") + block + "\n"
        }
        return String(document[..<from.lowerBound]) + block + String(document[to.upperBound...])
    }
}

/// The machine's load average (`/proc/loadavg`): more than about 1 on this 2-core machine
/// means other work competed with the measurements.
struct MachineLoad {
    let oneMinute: Double
    let fiveMinutes: Double

    static var now: MachineLoad {
        let fields = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ")
        return MachineLoad(oneMinute: fields.first.flatMap { Double($0) } ?? 0,
                           fiveMinutes: fields.dropFirst().first.flatMap { Double($0) } ?? 0)
    }

    var description: String { "load average \(MetricFormat.fixed(oneMinute, places: 2)) (1 min), \(MetricFormat.fixed(fiveMinutes, places: 2)) (5 min)" }
}

/// What the measured binary is: its size, and whether the Swift runtime is linked in.
struct BinaryFacts {
    let bytes: Int
    let staticRuntime: Bool

    static var current: BinaryFacts {
        let path = SelfExecutable.path ?? CommandLine.arguments[0]
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        return BinaryFacts(bytes: size, staticRuntime: !maps.contains("libswiftCore.so"))
    }

    var description: String {
        MetricFormat.fixed(Double(bytes) / 1_048_576, places: 1) + " MB, "
            + (staticRuntime ? "Swift runtime and Foundation linked in (`swift build -c release --static-swift-stdlib`)"
                             : "**Swift runtime as shared libraries** (not the release build the targets are measured on)")
    }
}
