import Testing
@testable import TerminalUI

@Suite struct MemoryBackendTests {
    @Test func onlyChangedCellsAreWritten() {
        let backend = MemoryBackend(width: 10, height: 3)
        var frame = Buffer(width: 10, height: 3)
        frame.put("hello", x: 0, y: 0, style: .plain)
        backend.draw(frame)
        #expect(backend.cellsWrittenLastFrame == 30)
        backend.draw(frame)
        #expect(backend.cellsWrittenLastFrame == 0)
        frame.put("J", x: 0, y: 0, style: .plain)
        frame.put("!", x: 9, y: 2, style: Style(.error))
        backend.draw(frame)
        #expect(backend.cellsWrittenLastFrame == 2)
        #expect(backend.screen == frame)
    }

    @Test func invalidateAndResizeRepaintEverything() {
        let backend = MemoryBackend(width: 4, height: 2)
        let frame = Buffer(width: 4, height: 2)
        backend.draw(frame)
        backend.invalidate()
        backend.draw(frame)
        #expect(backend.cellsWrittenLastFrame == 8)
        backend.resize(width: 3, height: 1)
        backend.draw(Buffer(width: 3, height: 1))
        #expect(backend.cellsWrittenLastFrame == 3)
    }

    @Test func wideCharactersAreWrittenOnceAndScreenMatchesFrame() {
        let backend = MemoryBackend(width: 6, height: 1)
        var frame = Buffer(width: 6, height: 1)
        frame.put("ab", x: 0, y: 0, style: .plain)
        backend.draw(frame)
        frame.put("日本", x: 1, y: 0, style: .plain)
        backend.draw(frame)
        #expect(backend.screen.rowText(0) == "a日本 ")
        #expect(backend.cellsWrittenLastFrame == 2)
        frame.put("xyz", x: 1, y: 0, style: .plain)
        backend.draw(frame)
        #expect(backend.screen == frame)
    }

    @Test func randomFramesAlwaysLeaveTheScreenEqualToTheLastFrame() {
        var rng = SeededRandom(seed: 5)
        let backend = MemoryBackend(width: 8, height: 3)
        let pieces = ["a", "日", "👍🏽", "x", " ", "\u{1B}[1m"]
        var frame = Buffer(width: 8, height: 3)
        for _ in 0..<500 {
            let text = (0..<rng.next(upTo: 6)).map { _ in pieces[rng.next(upTo: pieces.count)] }.joined()
            frame.put(text, x: rng.next(upTo: 9) - 1, y: rng.next(upTo: 3), style: Style(RoleCatalog.widgets.roles[rng.next(upTo: 5)]))
            backend.draw(frame)
            #expect(backend.screen.textLines() == frame.textLines())
            #expect(backend.screen.styleLines() == frame.styleLines())
        }
    }
}

@Suite struct ColorTests {
    @Test(arguments: [
        ("#ff0000", Color.rgb(255, 0, 0)), ("#0F0", .rgb(0, 255, 0)), ("red", .indexed(1)),
        ("bright-blue", .indexed(12)), ("bright_blue", .indexed(12)), ("brightblue", .indexed(12)),
        ("grey", .indexed(8)), ("200", .indexed(200)), ("default", .default), (" WHITE ", .indexed(7)),
    ])
    func coloursParse(text: String, color: Color) {
        #expect(Color(parsing: text) == color)
    }

    @Test func badColoursDoNotParse() {
        for text in ["redd", "#12345", "#gggggg", "256", "-1", ""] { #expect(Color(parsing: text) == nil, "\(text)") }
    }

    @Test func truecolourDownsamplesToTheNearestOf256() {
        let d = ColorDepth.indexed256
        #expect(d.fit(.rgb(255, 0, 0)) == .indexed(196))
        #expect(d.fit(.rgb(0, 0, 0)) == .indexed(16))
        #expect(d.fit(.rgb(255, 255, 255)) == .indexed(231))
        #expect(d.fit(.rgb(128, 128, 128)) == .indexed(244))   // grey ramp: 8 + 10*12 = 128
        #expect(d.fit(.rgb(95, 135, 175)) == .indexed(67))      // exact cube entry 16 + 36*1 + 6*2 + 3
        #expect(d.fit(.indexed(33)) == .indexed(33))
    }

    @Test func everyCubeAndGreyEntryMapsToItself() {
        for index in 16...255 {
            let (r, g, b) = ColorDepth.xtermRGB(index)
            let fitted = ColorDepth.indexed256.fit(.rgb(UInt8(r), UInt8(g), UInt8(b)))
            // Some greys coincide with cube colours; either index must give the same RGB.
            guard case .indexed(let n) = fitted else { Issue.record("not indexed"); continue }
            #expect(ColorDepth.xtermRGB(Int(n)) == (r, g, b) || n == UInt8(index), "\(index) -> \(n)")
        }
    }

    @Test func downsamplingTo16And8() {
        #expect(ColorDepth.ansi16.fit(.rgb(250, 10, 10)) == .indexed(9))
        #expect(ColorDepth.ansi16.fit(.rgb(200, 0, 0)) == .indexed(1))
        #expect(ColorDepth.ansi16.fit(.indexed(21)) == .indexed(4))       // 0,0,255 is nearest xterm blue (0,0,238)
        #expect(ColorDepth.ansi16.fit(.indexed(3)) == .indexed(3))
        #expect(ColorDepth.ansi8.fit(.indexed(9)) == .indexed(1))
        #expect(ColorDepth.none.fit(.rgb(1, 2, 3)) == .default)
        #expect(ColorDepth.trueColor.fit(.rgb(1, 2, 3)) == .rgb(1, 2, 3))
        #expect(ColorDepth.ansi16.fit(.default) == .default)
    }

    @Test func depthDetection() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], terminalColors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .indexed256)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 0x1000000) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .indexed256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 0) == .none)
    }
}

@Suite struct WideClusterCellTests {
    /// A cluster four columns wide, as a terminal that adds up scalars draws 👍🏽.
    static let thumb = Cell(text: "👍🏽", style: .plain, width: 4)

    @Test func aClusterOfAnyWidthKeepsItsColumnsAndIsBlankedWholeWhenOverwritten() {
        var buffer = Buffer(width: 8, height: 1)
        buffer[1, 0] = Self.thumb
        #expect(buffer[1, 0].text == "👍🏽" && buffer[1, 0].width == 4)
        #expect((2...4).allSatisfy { buffer[$0, 0].isContinuation })
        buffer.put("x", x: 3, y: 0, style: .plain)
        #expect(buffer.rowText(0) == "   x    ")
        buffer[4, 0] = Self.thumb
        buffer[4, 0] = Cell(text: "y")
        #expect(buffer.rowText(0) == "   xy   ")
    }

    @Test func theDiffSendsTheWholeClusterOnceAndTheMemoryScreenMatches() {
        let backend = MemoryBackend(width: 8, height: 1)
        var frame = Buffer(width: 8, height: 1)
        frame.put("abcdefgh", x: 0, y: 0, style: .plain)
        backend.draw(frame)
        frame[2, 0] = Self.thumb
        backend.draw(frame)
        #expect(backend.cellsWrittenLastFrame == 1)
        #expect(backend.screen == frame)
        #expect(backend.screen.rowText(0) == "ab👍🏽gh")
        frame.put("Z", x: 5, y: 0, style: .plain)
        backend.draw(frame)
        #expect(backend.screen == frame && backend.screen.rowText(0) == "ab   Zgh")
    }
}
