/// A terminal colour as a theme names it: the terminal's own default, one of the 256
/// indexed colours (0–15 are the ANSI colours), or a 24-bit RGB value. Backends
/// downsample to what the terminal supports.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI colour names accepted in theme files, by index.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                                   "bright-black", "bright-red", "bright-green", "bright-yellow",
                                   "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]

    /// Reads "#rrggbb", "#rgb", an ANSI name ("red", "bright-blue", also "bright_blue",
    /// "brightblue", "grey"/"gray" for bright-black), a number "0".."255", or
    /// "default"/"none". Returns nil for anything else.
    public init?(parsing text: String) {
        let t = text.trimmingWhitespace().lowercased()
        if t == "default" || t == "none" || t == "reset" { self = .default; return }
        if t.hasPrefix("#") {
            let hex = Array(t.dropFirst())
            let digits = hex.count == 3 ? hex.flatMap { [$0, $0] } : hex
            guard digits.count == 6, let value = UInt32(String(digits), radix: 16) else { return nil }
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
            return
        }
        if let n = Int(t) {
            guard (0...255).contains(n) else { return nil }
            self = .indexed(UInt8(n))
            return
        }
        let normalized = t.replacingCharacters("_", with: "-")
        let spelled = normalized.hasPrefix("bright") && !normalized.hasPrefix("bright-")
            ? "bright-" + normalized.dropFirst(6) : normalized
        if spelled == "grey" || spelled == "gray" { self = .indexed(8); return }
        guard let index = Color.ansiNames.firstIndex(of: spelled) else { return nil }
        self = .indexed(UInt8(index))
    }

    public var description: String {
        switch self {
        case .default: "default"
        case .indexed(let n): n < 16 ? Color.ansiNames[Int(n)] : "\(n)"
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// This colour's RGB value (xterm's defaults for indexed colours); nil for `.default`.
    public var rgbValue: (r: Int, g: Int, b: Int)? {
        switch self {
        case .default: nil
        case .rgb(let r, let g, let b): (Int(r), Int(g), Int(b))
        case .indexed(let n): ColorDepth.xtermRGB(Int(n))
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    func replacingCharacters(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
