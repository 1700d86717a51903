import Testing
@testable import TerminalUINCurses

@Suite struct ClusterWidthProbeTests {
    @Test func cursorReportsAreSeparatedFromTypedKeys() {
        let input = Array("\u{1B}[12;2Rj\u{1B}[12;5R\u{1B}[A\u{1B}[12;3R\u{1B}[12;3Rx".utf8)
        let (columns, rest) = ClusterWidthProbe.parseReports(input)
        #expect(columns == [2, 5, 3, 3])
        #expect(rest == Array("j\u{1B}[Ax".utf8))
    }

    @Test func theMeasuredWidthsChooseTheRules() {
        #expect(ClusterWidthProbe.rules(fromWidths: [2, 2, 2, 2]) == .unicode)
        #expect(ClusterWidthProbe.rules(fromWidths: [1, 4, 2, 2]) == .tmux33)
        #expect(ClusterWidthProbe.rules(fromWidths: [1, 4, 4, 2]) == .scalars)
        #expect(ClusterWidthProbe.rules(fromWidths: [1, 4, 2]) == nil)
        #expect(ClusterWidthProbe.rules(fromWidths: [0, 4, 2, 2]) == nil)
    }

    @Test func theRequestDrawsEachSampleFromColumnOneAndClearsTheLine() {
        let request = ClusterWidthProbe.request
        #expect(request.split(separator: "\u{1B}[6n", omittingEmptySubsequences: false).count == ClusterWidthProbe.samples.count + 1)
        #expect(request.hasSuffix("\r\u{1B}[2K"))
    }
}
