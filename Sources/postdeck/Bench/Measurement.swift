import FoundationEssentials
import Glibc
import PostDeckCore

/// Repeated timings of one thing, summarised as percentiles.
struct Measurement {
    let name: String
    var samples: [Duration] = []
    /// True when a run was cancelled at its timeout (the figures then read "> timeout").
    var timedOut = false

    init(_ name: String) { self.name = name }

    mutating func time(_ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        samples.append(ContinuousClock.now - start)
    }

    /// The value below which `fraction` of the samples fall (nearest rank).
    func percentile(_ fraction: Double) -> Duration {
        guard !samples.isEmpty else { return .zero }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }

    var p50: Duration { percentile(0.5) }
    var p95: Duration { percentile(0.95) }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// `0.42 ms`, `12.3 ms`, `1,234 ms`.
    var formattedMilliseconds: String {
        let ms = milliseconds
        if ms < 10 { return MetricFormat.fixed(ms, places: 2) + " ms" }
        if ms < 100 { return MetricFormat.fixed(ms, places: 1) + " ms" }
        return "\(Int(ms.rounded())) ms"
    }
}

/// CPU time, context switches and memory of a process, from /proc.
struct ProcessSample {
    let cpuTicks: Int
    let voluntarySwitches: Int
    let involuntarySwitches: Int
    let residentKilobytes: Int

    init?(pid: pid_t) {
        self.init(path: "/proc/\(pid)")
    }

    /// From a process's or a thread's directory (`/proc/PID` or `/proc/PID/task/TID`).
    init?(path: String) {
        guard let stat = try? String(contentsOfFile: path + "/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: path + "/status", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        cpuTicks = user + system
        func value(_ key: String) -> Int {
            status.split(separator: "\n").first { $0.hasPrefix(key) }
                .flatMap { $0.split(separator: ":").last?.trimmingSpaces().split(separator: " ").first }
                .flatMap { Int($0) } ?? 0
        }
        voluntarySwitches = value("voluntary_ctxt_switches")
        involuntarySwitches = value("nonvoluntary_ctxt_switches")
        residentKilobytes = value("VmRSS")
    }
}
