/// How many colours the terminal can show, and the arithmetic to fit a theme's colours
/// into that: truecolour is mapped to the nearest of the xterm 256-colour palette
/// (6x6x6 cube plus 24 greys), and 256 colours to the nearest of the 16 ANSI colours.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// No colour at all (`NO_COLOR`, monochrome terminals): only bold, underline, reverse.
    case none = 0
    case ansi8 = 8
    case ansi16 = 16
    case indexed256 = 256
    case trueColor = 16_777_216

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth to use given the environment and the number of colours the terminal
    /// database reports (`COLORS` after `start_color`). `NO_COLOR` (non-empty) wins;
    /// truecolour needs a direct-colour terminal description (`COLORS` of 2^24, e.g.
    /// `TERM=xterm-direct`), because curses cannot address RGB otherwise, so
    /// `COLORTERM=truecolor` on a 256-colour description still draws 256 colours.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if terminalColors >= 0x1000000 { return .trueColor }
        if terminalColors >= 256 { return .indexed256 }
        if terminalColors >= 16 { return .ansi16 }
        if terminalColors >= 8 {
            // Some terminals claim 8 but advertise truecolour: they always do bright colours too.
            return colorterm == "truecolor" || colorterm == "24bit" ? .ansi16 : .ansi8
        }
        return .none
    }

    /// `color` made to fit this depth (`.default` stays; `.none` maps everything to `.default`).
    public func fit(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.none, _): return .default
        case (.trueColor, _): return color
        case (.indexed256, .indexed): return color
        case (.indexed256, .rgb(let r, let g, let b)): return .indexed(UInt8(ColorDepth.nearest256(Int(r), Int(g), Int(b))))
        case (.ansi16, .indexed(let n)) where n < 16: return color
        case (.ansi8, .indexed(let n)) where n < 8: return color
        case (.ansi8, .indexed(let n)) where n < 16: return .indexed(n - 8)
        case (.ansi16, _), (.ansi8, _):
            guard let (r, g, b) = color.rgbValue else { return .default }
            let n = ColorDepth.nearest16(r, g, b)
            return .indexed(UInt8(self == .ansi8 ? n % 8 : n))
        }
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The 16 ANSI colours as xterm draws them by default.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// RGB of an xterm palette index.
    package static func xtermRGB(_ index: Int) -> (r: Int, g: Int, b: Int) {
        switch index {
        case ..<16: return ansiRGB[max(0, index)]
        case 16..<232:
            let i = index - 16
            return (cubeLevels[i / 36], cubeLevels[i / 6 % 6], cubeLevels[i % 6])
        default:
            let level = 8 + 10 * (min(index, 255) - 232)
            return (level, level, level)
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted Euclidean ("redmean"-style weights) keeps greens and blues apart sensibly.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// Nearest colour among the cube (16–231) and the grey ramp (232–255).
    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func cubeIndex(_ v: Int) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated() where abs(level - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ci, cj, ck) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
        let cube = 16 + 36 * ci + 6 * cj + ck
        let average = (r + g + b) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let grey = 232 + greyStep
        let target = (r, g, b)
        return distance(xtermRGB(grey), target) < distance(xtermRGB(cube), target) ? grey : cube
    }

    /// Nearest of the 16 ANSI colours.
    static func nearest16(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for (i, c) in ansiRGB.enumerated() {
            let d = distance(c, (r, g, b))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
