import Foundation
import PostDeckCore

/// The figures of one `postdeck bench` run, as the Markdown of docs/PERFORMANCE.md.
struct BenchReport {
    let dataSet: String
    var queries: [QueryBench.Row] = []
    var rowSecurity: [RowSecurityBench.Row] = []
    var ui: UIBench.Figures?
    var terminal: TerminalBench.Figures?
    var commands: (postdeck: Measurement, psql: Measurement)?
    var worker: [WorkerBench.Run] = []
    var workerIdle: WorkerBench.Idle?
    var imports: ImportBench.Figures?

    static var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(memory / 1_048_576) GiB"
    }

    var markdown: String {
        var text = "## Measured \(Date().formatted(.iso8601.year().month().day()))\n\n"
        text += "Machine: \(Self.machine). Data: \(dataSet). Build: release (`swift build -c release`).\n\n"
        text += "### Pane queries\n\n"
        text += "p50 / p95 over repeated runs on one connection; the seed's original view on the same data; `psql` running the same SQL as a new process each time (connection included).\n\n"
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
            text += "\n### Start-up and keys (memory backend, in process)\n\n"
            text += "- First full frame with live data, from the start of the UI (connection included): \(ui.firstFrame.formattedMilliseconds)\n"
            text += "\n| keys | frames | p50 | p95 |\n|---|--:|--:|--:|\n"
            for entry in ui.keys {
                text += "| \(entry.label) | \(entry.measurement.samples.count) | \(entry.measurement.p50.formattedMilliseconds) | \(entry.measurement.p95.formattedMilliseconds) |\n"
            }
        }
        if let terminal {
            text += "\n### The binary in a real terminal (tmux, 120 x 40)\n\n"
            text += "- First full frame with live data after starting the process (tmux polled every 2 ms, so this is an upper bound): p50 \(terminal.firstFrame.p50.formattedMilliseconds), worst \(terminal.firstFrame.percentile(1).formattedMilliseconds) over \(terminal.firstFrame.samples.count) starts\n"
            text += "- Resident memory after visiting every pane: \(MetricFormat.grouped(terminal.residentKilobytesAfterAllPanes / 1024)) MB\n"
            text += "- Idle for \(terminal.idleSeconds) s: \(terminal.idleCPUTicks) CPU ticks (1 tick = 10 ms), \(terminal.idleWakeups) context switches\n"
        }
        if !worker.isEmpty {
            text += "\n### Publishing worker\n\n"
            text += "Publish jobs (one post on one account each, all due) claimed, sent to a local HTTP endpoint and completed by `postdeck-worker` processes (`--publisher webhook --exit-when-idle`); the endpoint runs in the bench's process on the same machine. Wall time from starting the workers to the last one exiting; busy time from the first send to the last completion, as the database recorded them.\n\n"
            text += "CPU per job adds up the worker processes, the database server and the endpoint; the ceiling is what the machine's cores would do at that cost if they did nothing else.\n\n"
            text += "| workers | calls in flight each | jobs | wall time | jobs/s | jobs/s while busy | CPU per job | ceiling jobs/s | requests | sent twice |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            for run in worker {
                let cpu = run.cpuMillisecondsPerJob.map { String(format: "%.2f ms", $0) } ?? "—"
                let ceiling = run.ceilingJobsPerSecond.map { MetricFormat.grouped(Int($0)) } ?? "—"
                text += "| \(run.workers) | \(run.concurrency) | \(MetricFormat.grouped(run.jobs)) | \(String(format: "%.2f s", run.wall.milliseconds / 1000)) | \(MetricFormat.grouped(Int(run.jobsPerSecond))) | \(MetricFormat.grouped(Int(run.busyJobsPerSecond))) | \(cpu) | \(ceiling) | \(MetricFormat.grouped(run.requests)) | \(run.sentTwice) |\n"
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
            text += "| `psql -c` with the same SQL | \(commands.psql.p50.formattedMilliseconds) | \(commands.psql.p95.formattedMilliseconds) |\n"
            text += "\npostdeck / psql at p50: \(String(format: "%.2f", ratio))x\n"
        }
        return text
    }
}
