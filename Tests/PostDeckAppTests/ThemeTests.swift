import Foundation
import Testing
import TerminalUI
@testable import PostDeckApp

@Suite struct ThemeTests {
    /// The repository's themes folder, found from this test file.
    static let themesDirectory: String = {
        let testFile = URL(fileURLWithPath: #filePath)
        return testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes").path
    }()

    func tempDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("postdeck-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func loader(config: String? = nil, env: [String: String] = [:]) -> ThemeLoader {
        var environment = env
        environment["XDG_CONFIG_HOME"] = config ?? "/nonexistent"
        // An executable "inside" the repository, so the shipped themes are found by walking up.
        return ThemeLoader(environment: environment, executablePath: Self.themesDirectory + "/../.build/debug/postdeck")
    }

    @Test func everyShippedThemeLoadsWithoutError() {
        for name in ["default", "light", "high-contrast", "mono", "colorblind"] {
            let result = loader().load(name)
            #expect(result.error == nil, "\(name): \(String(describing: result.error))")
            #expect(result.origin.hasSuffix("themes/\(name).toml"))
        }
    }

    @Test func builtinThemesEqualTheShippedFiles() throws {
        for name in BuiltinThemes.names {
            let file = try String(contentsOfFile: Self.themesDirectory + "/\(name).toml", encoding: .utf8)
            #expect(BuiltinThemes.source(named: name) == file, "themes/\(name).toml and BuiltinThemes differ")
        }
    }

    @Test func withoutThemesFolderTheBuiltinDefaultIsUsed() {
        let result = ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent"], executablePath: "/nonexistent/bin/postdeck").load(nil)
        #expect(result.error == nil)
        #expect(result.origin == "built-in default")
        #expect(result.theme.style(for: .error).fg == .rgb(0xf7, 0x76, 0x8e))
    }

    @Test func missingRolesFallBackToTheirParentPropertyByProperty() throws {
        let file = try ThemeParser.parse("""
        [roles]
        text = { fg = "white" }
        error = { fg = "red", bold = true }
        "post.failed" = { underline = true }
        """, file: "t.toml", catalog: .postdeck)
        let theme = try ThemeParser.resolve([file], name: "t")
        let failed = theme.style(for: .postFailed)
        #expect(failed.fg == .indexed(1) && failed.bold && failed.underline)
        #expect(theme.style(for: .tokenExpired).fg == .indexed(1))   // token.expired → error
        #expect(theme.style(for: .title).fg == .indexed(7))          // title → text
        #expect(!theme.style(for: .title).bold)
    }

    @Test func inheritanceMergesPalettesLateAndReplacesRoles() throws {
        let dir = try tempDirectory()
        try write("""
        [palette]
        accent = "#ff0000"
        [roles]
        title = { fg = "accent", bold = true }
        error = "accent"
        """, dir + "/base.toml")
        try write("""
        inherits = "base.toml"
        [palette]
        accent = "#00ff00"
        [roles]
        error = { fg = "blue" }
        """, dir + "/child.toml")
        let result = loader().load(dir + "/child.toml")
        #expect(result.error == nil)
        #expect(result.theme.style(for: .title) == ResolvedStyle(fg: .rgb(0, 255, 0), bold: true))
        #expect(result.theme.style(for: .error).fg == .indexed(4))
    }

    @Test func userThemesComeFromXdgConfigBeforeShippedOnes() throws {
        let config = try tempDirectory()
        try FileManager.default.createDirectory(atPath: config + "/postdeck/themes", withIntermediateDirectories: true)
        try write("inherits = \"default\"\n[roles]\nerror = \"bright-magenta\"\n", config + "/postdeck/themes/light.toml")
        let result = loader(config: config).load("light")
        #expect(result.error == nil)
        #expect(result.origin == config + "/postdeck/themes/light.toml")
        #expect(result.theme.style(for: .error).fg == .indexed(13))
    }

    @Test func unknownColourNamesFileLineAndKey() throws {
        let dir = try tempDirectory()
        try write("""
        # a theme
        [palette]
        base = "#000000"

        [roles]
        text = { fg = "white" }
        "post.failed" = { fg = "redd", bold = true }
        """, dir + "/x.toml")
        let result = loader().load(dir + "/x.toml")
        #expect(result.error?.description.hasPrefix(dir + "/x.toml:7: roles.post.failed: unknown colour \"redd\"") == true,
                "\(String(describing: result.error))")
        #expect(result.theme == ThemeLoader.builtinDefault)
    }

    @Test(arguments: [
        ("[roles]\n\"post.fialed\" = \"red\"\n", 2, "roles.post.fialed: unknown role"),
        ("[roles]\nerror = { colour = \"red\" }\n", 2, "roles.error: unknown property \"colour\""),
        ("[palette]\nx = \"#12\"\n", 2, "palette.x: unknown colour \"#12\""),
        ("[roles]\nerror = { bold = \"yes\" }\n", 2, "roles.error: bold must be true or false"),
        ("name = \"x\"\n\n[roles\nerror = 1\n", 3, "invalid TOML"),
        ("colour = 1\n", 1, "colour: unknown key"),
    ])
    func brokenThemesAreReportedWithLineAndKey(source: String, line: Int, fragment: String) {
        do {
            _ = try ThemeParser.parse(source, file: "x.toml", catalog: .postdeck)
            Issue.record("no error for \(source)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(fragment), "\(error)")
            #expect(error.description.hasPrefix("x.toml:\(line): "))
        }
    }

    @Test func unquotedDottedRoleKeysAreAccepted() throws {
        let file = try ThemeParser.parse("[roles]\npost.failed = { fg = \"red\" }\ntoken.expired = \"blue\"\n", file: "t", catalog: .postdeck)
        let theme = try ThemeParser.resolve([file], name: "t")
        #expect(theme.style(for: .postFailed).fg == .indexed(1))
        #expect(theme.style(for: .tokenExpired).fg == .indexed(4))
    }

    @Test func unknownThemeNameListsTheAvailableOnes() {
        let result = loader().load("solarizd")
        #expect(result.error?.description.contains("no such theme") == true)
        #expect(result.error?.description.contains("colorblind") == true)
        #expect(result.theme == ThemeLoader.builtinDefault)
    }

    @Test func inheritanceLoopsAreErrors() throws {
        let dir = try tempDirectory()
        try write("inherits = \"b.toml\"\n", dir + "/a.toml")
        try write("inherits = \"a.toml\"\n", dir + "/b.toml")
        #expect(loader().load(dir + "/a.toml").error?.message == "inheritance loop")
    }

    @Test func noColorSelectsMonoWhichHasNoColours() {
        let result = loader(env: ["NO_COLOR": "1"]).load(nil)
        #expect(result.theme.name == "mono")
        for role in RoleCatalog.postdeck.roles {
            let style = result.theme.style(for: role)
            #expect(style.fg == .default && style.bg == .default, "\(role)")
        }
        #expect(result.theme.style(for: .selection).reverse)
        #expect(loader(env: ["NO_COLOR": ""]).load(nil).theme.name == "default")
    }

    @Test func cellAttributesAddToTheRoleStyle() {
        let theme = Theme(name: "t", roles: [.error: RoleStyle(fg: .indexed(1))], catalog: .postdeck)
        let resolved = theme.resolve(Style(.error).underline())
        #expect(resolved.fg == .indexed(1) && resolved.underline && !resolved.bold)
    }
}

@Suite struct DomainRoleTests {
    @Test func everyPostdeckRoleFallsBackToText() {
        let catalog = RoleCatalog.postdeck
        for role in catalog.roles {
            var current: Role? = role, steps = 0
            while let r = current, r != .text, steps < 10 { current = catalog.parent(of: r); steps += 1 }
            #expect(current == .text, "\(role)")
        }
    }

    @Test func postAndTokenRolesAreTheAppsNotTheWidgetLibrarys() {
        #expect(RoleCatalog.widgets.role(named: "post.failed") == nil)
        #expect(RoleCatalog.postdeck.role(named: "post.failed") == .postFailed)
        #expect(RoleCatalog.postdeck.parent(of: .tokenExpiringSoon) == .warning)
        #expect(Set(RoleCatalog.postdeck.roles.map(\.legendCode)).count == RoleCatalog.postdeck.roles.count)
    }
}
