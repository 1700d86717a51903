import Foundation
import Testing
@testable import PostDeckCore

@Suite struct TemplateFillerTests {
    @Test func fillsKnownPlaceholdersWithOrWithoutSpaces() {
        let result = TemplateFiller.fill("Hi {{client_name}}, see you {{ date }} on {{platform}}!",
                                         with: ["client_name": "Acme", "date": "2026-11-25", "platform": "LinkedIn"])
        #expect(result.text == "Hi Acme, see you 2026-11-25 on LinkedIn!")
        #expect(result.missing.isEmpty)
    }

    @Test func unknownPlaceholdersStayAndAreReportedOnceInOrder() {
        let result = TemplateFiller.fill("{{offer}} for {{client_name}} until {{ deadline }}. {{offer}} again",
                                         with: ["client_name": "Acme"])
        #expect(result.text == "{{offer}} for Acme until {{ deadline }}. {{offer}} again")
        #expect(result.missing == ["offer", "deadline"])
    }

    @Test func namesMatchIgnoringCase() {
        #expect(TemplateFiller.fill("{{Client_Name}}", with: ["client_name": "Acme"]).text == "Acme")
    }

    @Test func malformedBracesAreLeftAlone() {
        let template = "{{}} {{two words}} {{name} {name}} { {x} } {{ 9lives }} }}{{"
        let result = TemplateFiller.fill(template, with: ["name": "N", "two": "T", "x": "X", "9lives": "L"])
        #expect(result.text == template)
        #expect(result.missing.isEmpty)
        #expect(TemplateFiller.placeholders(in: template).isEmpty)
    }

    @Test func tripleBracesFillTheInnerPlaceholder() {
        #expect(TemplateFiller.fill("{{{name}}}", with: ["name": "N"]).text == "{N}")
    }

    @Test func valuesAreNotFilledAgain() {
        let result = TemplateFiller.fill("{{a}} {{b}}", with: ["a": "{{b}}", "b": "B"])
        #expect(result.text == "{{b}} B")
        #expect(result.missing.isEmpty)
    }

    @Test func unicodeAroundAndInsideValuesSurvives() {
        let result = TemplateFiller.fill("🎉 {{client_name}} 日本 e\u{301}", with: ["client_name": "Café 👨‍👩‍👧‍👦"])
        #expect(result.text == "🎉 Café 👨‍👩‍👧‍👦 日本 e\u{301}")
    }

    @Test func listsPlaceholdersForTheForm() {
        #expect(TemplateFiller.placeholders(in: "{{date}} {{ Offer }} {{date}} {{offer}} {{a.b-c}}") == ["date", "Offer", "a.b-c"])
    }

    @Test func standardValuesReadTheDateInTheDisplayZone() throws {
        let tokyo = try DisplayZone(named: "Asia/Tokyo")
        let values = TemplateFiller.standardValues(clientName: "Acme", platform: .instagram,
                                                   at: instant("2026-11-24T15:30:00Z"), in: tokyo)
        #expect(values["date"] == "2026-11-25" && values["time"] == "00:30" && values["day"] == "Wed 25 Nov")
        #expect(values["platform"] == "Instagram" && values["client_name"] == "Acme" && values["month"] == "November 2026")
    }
}
