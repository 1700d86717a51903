/// Text from a bracketed paste, as the editors insert it.
///
/// Terminals send the line breaks of a paste as CR: Enter sends CR, and xterm, tmux,
/// iTerm2 and others turn the LF of pasted text into CR so that a paste behaves like
/// typing. So CR and CR LF in a paste are line breaks and become "\n"; everything else
/// (tabs, control characters, joiners, bidi controls) is kept as pasted and shown as
/// placeholders when drawn.
public enum PastedText {
    public static func normalized(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
