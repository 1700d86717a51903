import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// One post in full: content (sanitized, wrapped), variations, each account's state with
/// its platform post id and error, media, campaign, template, times and the publish job.
enum PostDetailView {
    static func render(_ detail: CalendarDetail, zone: DisplayZone, now: Date, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        guard !area.isEmpty else { return }
        guard let post = detail.detail else {
            let text = detail.missing ? "  this post no longer exists (Esc goes back)" : "  loading the post…"
            buffer.put(text, x: area.x, y: area.y, style: Style(detail.missing ? .warning : .muted), maxWidth: area.width)
            return
        }
        Paragraph(lines: lines(post, zone: zone, now: now, symbols: symbols), wrap: true, scroll: detail.scroll)
            .render(into: &buffer, area: area.inset(top: 0, left: 1, bottom: 0, right: 1))
    }

    /// A time in the zone and in UTC, with how far it is from now; `happened` for events that
    /// are past by nature (created, updated, went out), which never read as ahead.
    static func when(_ date: Date?, zone: DisplayZone, now: Date, happened: Bool = false) -> String {
        guard let date else { return "—" }
        let relative = happened ? RelativeTime(past: date, relativeTo: now) : RelativeTime(date, relativeTo: now)
        return "\(zone.format(date, .dayAndTime)) \(zone.offsetText(at: date)) · \(DisplayZone.utc.format(date, .dateTime)) UTC"
            + " (\(relative.words))"
    }

    /// The label of the planned time: a cancelled post never "goes out".
    static func dueLabel(_ post: PostDetail, now: Date) -> String {
        if post.publishedAt != nil { return "scheduled" }
        if post.status == .cancelled { return "planned" }
        return (post.scheduledAt.map { $0 > now } ?? true) ? "goes out" : "was due"
    }

    static func lines(_ post: PostDetail, zone: DisplayZone, now: Date, symbols: Symbols) -> [[Span]] {
        var lines: [[Span]] = []
        func heading(_ text: String) { lines.append([]); lines.append([Span(text, style: Style(.header).bold())]) }
        func field(_ name: String, _ value: String, _ role: Role = .text) {
            lines.append([Span(name.padded(to: 10), .muted), Span(value, role)])
        }
        lines.append([Span(CalendarView.glyph(post.status, symbols) + " " + post.status.rawValue, style: Style(CalendarView.role(post.status)).bold()),
                      Span("  \(post.clientName)", .title), Span("  post \(post.id)", .muted)])
        if let published = post.publishedAt {
            field("went out", when(published, zone: zone, now: now, happened: true))
        }
        field(dueLabel(post, now: now), post.scheduledAt.map { when($0, zone: zone, now: now) } ?? "unscheduled",
              post.scheduledAt == nil ? .muted : .text)
        field("campaign", post.campaignName ?? "—", post.campaignName == nil ? .muted : .text)
        field("template", post.templateName ?? "—", post.templateName == nil ? .muted : .text)
        field("created", when(post.createdAt, zone: zone, now: now, happened: true), .muted)
        field("updated", when(post.updatedAt, zone: zone, now: now, happened: true), .muted)

        heading("Content")
        lines += Sanitizer.multiLine(post.content).map { [Span($0, .text)] }
        if !post.variations.isEmpty {
            heading("Variations")
            for variation in post.variations {
                let name = Platform(rawValue: variation.key)?.displayName ?? variation.key
                let text = Sanitizer.multiLine(variation.text)
                lines.append([Span("\(name): ", .accent), Span(text.first ?? "", .text)])
                lines += text.dropFirst().map { [Span("  " + $0, .text)] }
            }
        }
        heading("Accounts (\(post.accounts.count))")
        if post.accounts.isEmpty {
            lines.append(post.status == .cancelled ? [Span("none", .muted)] : [Span("none: the post goes out nowhere yet", .warning)])
        }
        for account in post.accounts {
            let token: Span = switch account.tokenStatus {
            case .expired: Span("  token expired or missing", .tokenExpired)
            case .expiringSoon: Span("  token expiring soon", .tokenExpiringSoon)
            case .healthy: Span("", .muted)
            }
            let status: Role = switch account.status {
            case .published: .postPublished
            case .failed: .postFailed
            case .processing: .postPublishing
            case .pending: .postScheduled
            case .deleted: .postCancelled
            }
            lines.append([Span("\(account.platform.mark) ", .accent), Span(account.username ?? "—", .text),
                          Span("  \(account.status.rawValue)", status),
                          Span(account.platformPostID.map { "  id \($0)" } ?? "", .muted),
                          Span(account.publishedAt.map { "  at \(zone.format($0, .dayAndTime))" } ?? "", .muted), token])
            if let error = account.errorMessage {
                lines.append([Span("   \(glyph(symbols)) ", .error), Span(Sanitizer.singleLine(error), .error)])
            }
        }
        if !post.media.isEmpty {
            heading("Media (\(post.media.count))")
            for media in post.media {
                var text = "\(media.mediaType.rawValue)  \(media.filename)  \(media.mimeType)  \(MetricFormat.bytes(Int64(media.fileSize)))"
                if let seconds = media.durationSeconds { text += "  " + MetricFormat.duration(Double(seconds)) }
                lines.append([Span(text, .text)])
            }
        }
        heading("Publish job")
        if let job = post.job {
            let role: Role = job.status == .failed ? .error : job.status == .completed ? .success : .text
            lines.append([Span(job.status.rawValue, role), Span(" · for \(zone.format(job.scheduledFor, .dayAndTime))", .muted),
                          Span(" · attempt \(job.attempts) of \(job.maxAttempts)", .muted)])
            if let error = job.errorMessage { lines.append([Span("last error: ", .muted), Span(Sanitizer.singleLine(error), .error)]) }
        } else {
            lines.append([Span(post.status == .draft ? "none yet: drafts get one when scheduled" : "none", .muted)])
        }
        if let settings = post.settings {
            heading("Settings")
            lines.append([Span(Sanitizer.singleLine(settings), .muted)])
        }
        return lines
    }

    private static func glyph(_ symbols: Symbols) -> String { symbols == .ascii ? "x" : "✖" }
}
