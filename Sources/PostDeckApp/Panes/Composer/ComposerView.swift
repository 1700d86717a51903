import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// Draws the composer: the fields and the editor on the left; counters, problems and the
/// preview of the network on show on the right (or the other manager's version after a
/// refused save).
enum ComposerView {
    static let labelWidth = 13

    /// The editor's area for a screen size, so `update` can wrap and page exactly as drawn.
    static func layout(_ state: AppState, area: Rect) -> (fields: Rect, side: Rect) {
        let sideWidth = area.width >= 110 ? 44 : 30
        let columns = split(area, .horizontal, [.fill(1), .fixed(sideWidth)], spacing: 1)
        return (columns[0], columns[1])
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        let composer = state.composer
        let (fieldsArea, side) = layout(state, area: area)
        let title = composer.loaded == nil ? "New post" : "Post \(composer.status.rawValue)\(composer.readOnly ? " (read-only)" : "")"
        let block = Block(title: title + (composer.dirty ? " •" : ""), focused: true, symbols: symbols)
        block.render(into: &buffer, area: fieldsArea)
        let inner = block.inner(fieldsArea)
        guard !inner.isEmpty else { return }
        var y = inner.y
        let zone = ComposerPane.zone(state)

        func label(_ field: ComposerState.Field) {
            let focused = composer.focus == field
            let style = focused ? Style(.accent).bold() : Style(.muted)
            buffer.put((focused ? symbols.selectionMarker : " ") + field.title, x: inner.x, y: y, style: style, maxWidth: labelWidth)
        }
        let valueX = inner.x + labelWidth, valueWidth = max(0, inner.width - labelWidth)

        // Client
        label(.client)
        let clientName = state.clients.first { $0.id == composer.clientID }.map { "\($0.name) · \(zone.name)" } ?? "none — press c to choose"
        buffer.put(clientName, x: valueX, y: y, style: Style(composer.clientID == nil ? .warning : .text), maxWidth: valueWidth)
        y += 1

        // Accounts, grouped by platform
        label(.accounts)
        y = accounts(composer, into: &buffer, x: valueX, y: y, width: valueWidth, maxRows: composer.focus == .accounts ? 6 : 2,
                     symbols: symbols, bottom: inner.bottom)

        // Campaign and template
        for field in [ComposerState.Field.campaign, .template] {
            label(field)
            y = choiceList(state, field, into: &buffer, x: valueX, y: y, width: valueWidth, bottom: inner.bottom)
        }

        // Time
        label(.time)
        var timeState = composer.time
        let timeWidth = min(17, valueWidth)
        TextInput(placeholder: TimeExpression.examples(now: state.now, zone: zone)[0], focused: composer.focus == .time && !composer.readOnly)
            .render(into: &buffer, area: Rect(x: valueX, y: y, width: timeWidth, height: 1), state: &timeState)
        let hint: Span
        switch ComposerPane.typedTime(state) {
        case .success(nil): hint = Span(" \(zone.name)", style: Style(.muted))
        case .failure(.malformed): hint = Span(" e.g. " + TimeExpression.examples(now: state.now, zone: zone).prefix(3).joined(separator: ", "), style: Style(.error))
        case .failure(.doesNotExist(let gap)):
            hint = Span(" does not exist (clocks jump); \(zone.format(gap.shiftedForward, .time))?", style: Style(.error))
        case .failure(.happensTwice): hint = Span(" happens twice: ↑ first, ↓ second", style: Style(.warning))
        case .success(let at?):
            let twice = composer.timePick.map { $0 == .earlier ? " (first)" : " (second)" } ?? ""
            let long = " = \(DisplayZone.utc.format(at, .dateTime)) UTC\(twice)"
            let text = displayWidth(long) <= valueWidth - timeWidth ? long : " = \(DisplayZone.utc.format(at, .time)) UTC\(twice)"
            hint = Span(text, style: Style(at <= state.now ? .error : .muted))
        }
        buffer.put([hint], x: valueX + timeWidth, y: y, maxWidth: valueWidth - timeWidth)
        y += 1

        // Network tabs and the editor
        let bottomRows = 4
        let editorBottom = inner.bottom - bottomRows
        if y < editorBottom {
            let tabs: [Platform?] = [nil] + composer.platforms
            let draft = composer.draftContent
            let titles = tabs.map { platform -> String in
                guard let platform else { return "Base" }
                let caption = state.rules.counters(draft, for: platform).first!
                return "\(platform.displayName)\(composer.variations[platform].map { $0.isEmpty ? "" : "*" } ?? "") \(caption.text)"
            }
            label(.content)
            Tabs(titles, selected: tabs.firstIndex(of: composer.tab) ?? 0, symbols: symbols)
                .render(into: &buffer, area: Rect(x: valueX, y: y, width: valueWidth, height: 1))
            y += 1
            var editor = composer.editor
            let editorArea = Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: max(0, editorBottom - y))
            TextArea(placeholder: composer.tab == nil ? "Write the post…" : "Same as the base text until edited",
                     focused: composer.focus == .content && !composer.readOnly && state.overlay == nil)
                .render(into: &buffer, area: editorArea, state: &editor)
            if state.overlay != nil || composer.focus != .content { buffer.cursor = nil }
            y = editorBottom
        }

        // Media, first comment, hashtags, mentions
        for field in [ComposerState.Field.media, .firstComment, .hashtags, .mentions] where y < inner.bottom {
            label(field)
            var input: TextInputState
            switch field {
            case .media: input = composer.mediaPath
            case .firstComment: input = composer.firstComment
            case .hashtags: input = composer.hashtags
            default: input = composer.mentions
            }
            var width = valueWidth
            if field == .media, !composer.media.isEmpty {
                let names = composer.media.map { Sanitizer.singleLine($0.fileName) + ($0.isRemote ? " (remote)" : "") }
                    .joined(separator: ", ")
                let summary = " \(composer.media.count) attached: \(names)"
                let used = min(valueWidth / 2, displayWidth(summary))
                buffer.put(summary, x: valueX + valueWidth - used, y: y, style: Style(.info), maxWidth: used)
                width -= used
            }
            let placeholder = field == .media ? "path, then Enter" : field == .hashtags ? "#tag #tag" : field == .mentions ? "@name" : ""
            TextInput(placeholder: placeholder, focused: composer.focus == field && !composer.readOnly && state.overlay == nil)
                .render(into: &buffer, area: Rect(x: valueX, y: y, width: width, height: 1), state: &input)
            y += 1
        }

        ComposerSide.render(state, into: &buffer, area: side, symbols: symbols)
    }

    private static func accounts(_ composer: ComposerState, into buffer: inout Buffer, x: Int, y start: Int, width: Int,
                                 maxRows: Int, symbols: Symbols, bottom: Int) -> Int {
        var y = start
        let accounts = composer.accounts
        guard !accounts.isEmpty else {
            buffer.put(composer.clientID == nil ? "—" : composer.choices == nil ? "loading…" : "no active accounts",
                       x: x, y: y, style: Style(.muted), maxWidth: width)
            return y + 1
        }
        let focused = composer.focus == .accounts
        let rows = min(maxRows, accounts.count)
        let first = focused ? max(0, min(composer.listCursor - rows + 1, accounts.count - rows)) : 0
        if !focused {
            // One summary line: the chosen ones, by network.
            let chosen = composer.chosenAccounts
            let text = chosen.isEmpty ? "none chosen (Tab here, Space to choose)"
                : chosen.map { "\($0.platform.mark) \(Sanitizer.singleLine($0.label))\(!$0.active ? " (inactive)" : $0.tokenStatus == .expired ? " !" : "")" }
                    .joined(separator: ", ")
            buffer.put(text, x: x, y: y, style: Style(chosen.isEmpty ? .warning : .text), maxWidth: width)
            return y + 1
        }
        for index in first..<(first + rows) where y < bottom {
            let account = accounts[index]
            let chosen = composer.selectedAccounts.contains(account.id)
            let mark = chosen ? "[x]" : "[ ]"
            let status: Span
            switch account.tokenStatus {
            case .expired: status = Span(" ✖ no valid token", style: Style(.tokenExpired))
            case .expiringSoon: status = Span(" ! token expiring", style: Style(.tokenExpiringSoon))
            case .healthy: status = Span("")
            }
            var spans = [Span("\(mark) ", style: Style(.text)), Span(account.platform.displayName.padded(to: 10), style: Style(.muted)),
                         Span(Sanitizer.singleLine(account.label), style: Style(.text)), status]
            if index == composer.listCursor { spans = spans.map { Span($0.text, style: $0.style.role(.selection)) } }
            buffer.put(spans, x: x, y: y, maxWidth: width)
            y += 1
        }
        return y
    }

    private static func choiceList(_ state: AppState, _ field: ComposerState.Field, into buffer: inout Buffer,
                                   x: Int, y start: Int, width: Int, bottom: Int) -> Int {
        let composer = state.composer
        var names = ["none"]
        var chosenIndex = 0
        if field == .campaign {
            for (index, campaign) in ComposerPane.campaignList(composer).enumerated() {
                let dates = "\(campaign.startDate?.description ?? "…") – \(campaign.endDate?.description ?? "…")"
                names.append("\(Sanitizer.singleLine(campaign.name)) (\(campaign.status.rawValue), \(dates))")
                if campaign.id == composer.campaignID { chosenIndex = index + 1 }
            }
            if composer.campaignID != nil, chosenIndex == 0 { names.append("a campaign of another client"); chosenIndex = names.count - 1 }
        } else {
            for (index, template) in (composer.choices?.templates ?? []).enumerated() {
                names.append(Sanitizer.singleLine(template.name))
                if template.id == composer.templateID { chosenIndex = index + 1 }
            }
        }
        guard composer.focus == field else {
            buffer.put(names[chosenIndex], x: x, y: start, style: Style(chosenIndex == 0 ? .muted : .text), maxWidth: width)
            return start + 1
        }
        var y = start
        let rows = min(4, names.count)
        let first = max(0, min(composer.listCursor - rows + 1, names.count - rows))
        for index in first..<(first + rows) where y < bottom {
            let style = index == composer.listCursor ? Style(.selection) : Style(.text)
            buffer.put((index == chosenIndex ? "(•) " : "( ) ") + names[index], x: x, y: y, style: style, maxWidth: width)
            y += 1
        }
        return y
    }
}
