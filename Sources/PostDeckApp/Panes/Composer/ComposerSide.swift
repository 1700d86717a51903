import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The composer's right-hand column: per-network counters, the problems found, and the
/// preview of the network on show; or a template's question, or the other manager's version.
enum ComposerSide {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let composer = state.composer
        if let theirs = composer.conflict {
            conflict(theirs, state: state, into: &buffer, area: area, symbols: symbols)
            return
        }
        let block = Block(title: "Checks", symbols: symbols)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        var lines: [[Span]] = []
        if let prompt = composer.placeholders, let name = prompt.names.first {
            lines.append([Span("Template needs {{\(name)}}:", style: Style(.accent).bold())])
            lines.append([Span("type it, Enter; Esc cancels", style: Style(.muted))])
            var input = prompt.input
            let rows = Paragraph(lines: lines).height(width: inner.width)
            Paragraph(lines: lines).render(into: &buffer, area: inner)
            TextInput(focused: true).render(into: &buffer, area: Rect(x: inner.x, y: inner.y + rows, width: inner.width, height: 1), state: &input)
            return
        }
        let draft = composer.draftContent
        for platform in composer.platforms {
            var spans = [Span(platform.displayName.padded(to: 10), style: Style(.text).bold())]
            for counter in state.rules.counters(draft, for: platform) {
                let role: Role = counter.state == .error ? .error : counter.state == .warning ? .warning : .muted
                let name = counter.kind == .caption ? "" : counter.kind == .hashtags ? "#" : counter.kind == .firstComment ? "comment\u{A0}" : "media\u{A0}"
                spans.append(Span(" \(name)\(counter.text)", style: Style(role)))
            }
            lines.append(spans)
        }
        let problems = ComposerPane.issues(state)
        if !problems.isEmpty { lines.append([]) }
        for problem in problems {
            let role: Role = problem.severity == .error ? .error : .warning
            lines.append([Span(problem.severity == .error ? "✖ " : "! ", style: Style(role)),
                          Span(Sanitizer.singleLine(problem.message), style: Style(role))])
        }
        if let error = composer.saveError {
            lines.append([Span("✖ not saved: \(error)", style: Style(.error))])
        }
        if let platform = composer.tab ?? composer.platforms.first {
            let preview = state.rules.preview(draft, for: platform)
            lines.append([])
            lines.append([Span("Preview · \(platform.displayName)", style: Style(.title).bold())])
            for (index, line) in preview.visible.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var spans = [Span(String(line), style: Style(.text))]
                if preview.isFolded, index == preview.visible.split(separator: "\n", omittingEmptySubsequences: false).count - 1 {
                    spans.append(Span("… more", style: Style(.muted)))
                }
                lines.append(spans)
            }
            let media = composer.media.count
            let unchecked = composer.media.filter { $0.info == nil }.count
            lines.append([Span(media == 0 ? "no media" : "\(media) media file\(media == 1 ? "" : "s")"
                                + (unchecked > 0 ? " (\(unchecked) of a type the rules cannot check)" : ""), style: Style(.muted))])
            if let comment = draft.firstComment, state.rules[platform].hasFirstComment {
                lines.append([Span("1st comment: ", style: Style(.muted)), Span(comment, style: Style(.text))])
            }
        } else if problems.isEmpty {
            lines.append([Span("Choose accounts to see each network's limits and preview.", style: Style(.muted))])
        }
        Paragraph(lines: lines).render(into: &buffer, area: inner)
    }

    private static func conflict(_ theirs: PostSnapshot, state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let block = Block(title: "Changed by someone else", focused: true, symbols: symbols)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        var lines: [[Span]] = ComposerPane.conflictKeys.filter { $0.action != .quit && $0.action != .redraw }.map { row in
            [Span(row.keys[0].description, style: Style(.key)), Span(" " + row.description)]
        }
        lines += [
            [],
            [Span("Theirs (\(theirs.status.rawValue)):", style: Style(.title).bold())],
        ]
        lines += Sanitizer.multiLine(theirs.content).map { [Span($0, style: Style(.text))] }
        lines.append([])
        lines.append([Span("Mine: in the editor", style: Style(.muted))])
        Paragraph(lines: lines).render(into: &buffer, area: inner)
    }
}
