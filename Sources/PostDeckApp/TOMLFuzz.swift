import PostDeckCore
import TerminalUI

/// The TOML readers fuzzed like the media parsers (`MediaSniffer.fuzz`): theme files
/// (`ThemeParser`, then resolved against the built-in default) and the config file's
/// `[rules.<network>]` tables (`RulesConfig`, then applied to the standard rules). Each
/// mutated file must give a theme or rules, or one line saying what is wrong.
public enum TOMLFuzz {
    public enum Target: String, CaseIterable, Sendable {
        case theme, config
    }

    public static func run(_ target: Target, inputs: Int, seed: UInt64) -> Fuzzer.Report {
        switch target {
        case .theme:
            let base = (try? ThemeParser.parse(BuiltinThemes.defaultTheme, file: "built-in default", catalog: .postdeck))
            return Fuzzer(name: "theme", samples: [Array(sampleTheme.utf8)],
                          dictionary: tokens).run(inputs: inputs, seed: seed) { bytes in
                do throws(ThemeError) {
                    let file = try ThemeParser.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.toml", catalog: .postdeck)
                    _ = try ThemeParser.resolve(base.map { [$0, file] } ?? [file], name: file.name ?? "fuzz")
                    return .accepted
                } catch {
                    return .refused(error.description)
                }
            }
        case .config:
            return Fuzzer(name: "config", samples: [Array(sampleConfig.utf8)], dictionary: tokens)
                .run(inputs: inputs, seed: seed) { bytes in
                    do throws(RulesConfigError) {
                        _ = PlatformRules(overrides: try RulesConfig.parse(String(decoding: bytes, as: UTF8.self), file: "config.toml"))
                        return .accepted
                    } catch {
                        return .refused(error.description)
                    }
                }
        }
    }

    /// TOML's syntax and the values where readers go wrong.
    static let tokens: [[UInt8]] = [
        "[", "]", "[[", "]]", "{", "}", "=", ".", ",", "\"", "'", "\"\"\"", "'''", "#", "\n", "\\u0000", "\\", "-",
        "inf", "-inf", "nan", "+nan", "1e308", "1e999", "-0", "0x7fffffff", "0o777", "0b1",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1000000000.5", "1e15",
        "true", "1979-05-27T07:32:00Z", "[[[[[[[[[[[[[[[[", "a.a.a.a.a.a.a.a.a.a.a.a", "\u{1B}]52;c;aGk=\u{07}", "\u{202E}", "\u{200D}",
        "[rules.instagram]", "[roles]", "[palette]", "inherits = ", "caption_limit = ", "max_image_mb = ",
    ].map { Array($0.utf8) }

    static let sampleTheme = """
        name = "fuzz"
        inherits = "default"

        [palette]
        brand = "#3366ff"
        soft = 245

        [roles]
        "post.failed" = { fg = "brand", bold = true }
        selection = { fg = "black", bg = "soft", reverse = false }
        title = "bright-white"
        """

    static let sampleConfig = """
        # postdeck config
        [rules.instagram]
        caption_limit = 2200
        max_items = 20
        max_image_mb = 8.5
        min_image_aspect_ratio = 0.8
        max_image_aspect_ratio = 1.91

        [rules.linkedin]
        max_video_seconds = 1800
        """
}
