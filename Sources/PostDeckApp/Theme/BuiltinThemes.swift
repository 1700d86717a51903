/// Themes compiled into the binary, so postdeck works without its `themes/` folder.
/// They must equal `themes/default.toml` and `themes/mono.toml` (a test checks).
public enum BuiltinThemes {
    /// Names of the compiled-in themes.
    public static let names = ["default", "mono"]

    /// The TOML source of a compiled-in theme.
    public static func source(named name: String) -> String? {
        switch name {
        case "default": defaultTheme
        case "mono": mono
        default: nil
        }
    }

    public static let defaultTheme = #"""
# postdeck default theme (dark terminals). Format: docs/THEMES.md
# Text uses the terminal's own colours; accents are chosen for a dark background.
name = "default"

[palette]
fg        = "#c0caf5"
muted     = "#7f89b0"
border    = "#3b4261"
bar       = "#24283b"
selection = "#364a82"
blue      = "#7aa2f7"
cyan      = "#7dcfff"
green     = "#9ece6a"
yellow    = "#e0af68"
orange    = "#ff9e64"
red       = "#f7768e"
magenta   = "#bb9af7"

[roles]
text                  = { fg = "default", bg = "default" }
muted                 = "muted"
border                = "border"
"border.focus"        = { fg = "blue" }
title                 = { fg = "blue", bold = true }
header                = { fg = "cyan", bold = true }
selection             = { bg = "selection", bold = true }
"status.bar"          = { fg = "fg", bg = "bar" }
"status.key"          = { fg = "blue", bold = true }
error                 = "red"
warning               = "yellow"
success               = "green"
info                  = "cyan"
accent                = "magenta"
"tab.active"          = { fg = "blue", bold = true, underline = true }
"tab.inactive"        = "muted"
"post.draft"          = "muted"
"post.scheduled"      = "cyan"
"post.publishing"     = "yellow"
"post.published"      = "green"
"post.failed"         = { fg = "red", bold = true }
"post.cancelled"      = { fg = "muted", dim = true }
"token.expired"       = { fg = "red", bold = true }
"token.expiring_soon" = "orange"
"token.healthy"       = "green"
"chart.1"             = "blue"
"chart.2"             = "magenta"
"chart.3"             = "cyan"
"chart.4"             = "green"
"chart.5"             = "yellow"
"chart.6"             = "orange"
placeholder           = { fg = "orange", underline = true }
input                 = { fg = "fg", bg = "bar" }
dialog                = { bg = "bar" }
match                 = { fg = "orange", bold = true }
"button.focus"        = { fg = "bar", bg = "blue", bold = true }
key                   = { fg = "blue", bold = true }

"""#

    public static let mono = #"""
# postdeck monochrome theme: no colours at all, only bold, underline, reverse and dim.
# Used automatically when NO_COLOR is set and no --theme is given.
name = "mono"

[roles]
muted                 = { dim = true }
"border.focus"        = { bold = true }
title                 = { bold = true }
header                = { bold = true, underline = true }
selection             = { reverse = true }
"status.bar"          = { reverse = true }
"status.key"          = { reverse = true, bold = true }
error                 = { bold = true }
warning               = { bold = true }
"tab.active"          = { bold = true, underline = true }
"post.failed"         = { bold = true, underline = true }
"post.cancelled"      = { dim = true }
"token.expired"       = { bold = true, underline = true }
"token.expiring_soon" = { bold = true }
placeholder           = { reverse = true }
match                 = { underline = true, bold = true }
"button.focus"        = { reverse = true, bold = true }
key                   = { bold = true }

"""#
}
