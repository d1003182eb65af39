import Foundation
@testable import PermAuditReport
import Testing

/// SafeText, the one place imported strings are made safe for where they are printed.
@Suite struct SafeTextTests {
    @Test(arguments: [
        ("Clear \u{1B}[2J", "Clear \\u001b[2J"),
        ("Lone\rCR", "Lone\\u000dCR"),
        ("Forge\n::error", "Forge\\u000a::error"),
        ("CSI \u{9B}2J", "CSI \\u009b2J"),
        ("Del\u{7F}ete", "Del\\u007fete"),
        ("Micro\u{202E}tfos", "Micro\\u202etfos"),
        ("Micro\u{200B}soft", "Micro\\u200bsoft"),
        ("Tag\u{E0041}", "Tag\\u{e0041}"),
        ("Line\u{2028}Sep", "Line\\u2028Sep"),
        ("Nul\u{0}Byte", "Nul\\u0000Byte"),
        ("Plain ASCII", "Plain ASCII"),
        ("Café déjà vu", "Café déjà vu"),
        ("Thumbs 👍🏽 and ❤️", "Thumbs 👍🏽 and ❤️"),
        ("Family 👨‍👩‍👧", "Family 👨‍👩‍👧"),
        ("Heart on fire ❤️‍🔥", "Heart on fire ❤️‍🔥"),
        ("Digit 1\u{200D}2", "Digit 1\\u200d2"),
    ])
    func visibleShowsEveryHiddenCharacter(_ input: String, _ expected: String) {
        #expect(SafeText.visible(input) == expected)
    }

    @Test func visibleLeavesNoControlOrHiddenScalar() {
        let all = String(String.UnicodeScalarView((0...0x3000).compactMap(Unicode.Scalar.init)))
        for scalar in SafeText.visible(all).unicodeScalars {
            #expect(!SafeText.isControl(scalar) && !(scalar.value >= 0x80 && SafeText.isInvisible(scalar)), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func markdownEscapesEverySyntaxCharacter() {
        #expect(SafeText.markdown("a|b") == "a\\|b")
        #expect(SafeText.markdown("<img src=x>") == "\\<img src=x\\>")
        #expect(SafeText.markdown("![x](http://e/p.png)") == "\\!\\[x\\](http\\://e/p.png)")
        #expect(SafeText.markdown("see www.evil.example") == "see www\\.evil.example")
        #expect(SafeText.markdown("Line\r# All clear") == "Line\\\\u000d\\# All clear")
        #expect(SafeText.markdown("Directory.ReadWrite.All") == "Directory.ReadWrite.All")
        #expect(SafeText.markdown("- listed item") == "\\- listed item")
        #expect(SafeText.markdown("---") == "\\---")
        #expect(SafeText.markdown("12. ordered") == "12\\. ordered")
        #expect(SafeText.markdown("    indented code") == "indented code")
    }

    @Test func markdownCodeSpansHoldBackticksAndPipes() {
        #expect(SafeText.markdownCode("/me/events") == "`/me/events`")
        #expect(SafeText.markdownCode("a`b|c") == "``a`b\\|c``")
        #expect(SafeText.markdownCode("`x`") == "`` `x` ``")
    }

    @Test(arguments: ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(1)", "\tTab", "\rReturn", "＝1"])
    func spreadsheetCellsNeverStartAFormula(_ value: String) {
        let cell = SafeText.spreadsheet(value)
        #expect(cell.hasPrefix("'"))
        #expect(!cell.unicodeScalars.contains { SafeText.isControl($0) })
    }

    @Test func spreadsheetCellsKeepOrdinaryValues() {
        #expect(SafeText.spreadsheet("Contoso Phish Catcher") == "Contoso Phish Catcher")
        #expect(SafeText.spreadsheet("a-b") == "a-b")
    }

    @Test func pipelineCommandsAreMadeInert() {
        #expect(SafeText.line("::add-mask::x") == "\\u003a:add-mask::x")
        #expect(SafeText.line("  ##[error]x") == "  #\\u0023[error]x")
        #expect(SafeText.line("App ##vso[task.setvariable]x") == "App #\\u0023vso[task.setvariable]x")
        #expect(SafeText.pipelineSafe("ok\n::error::x\nfine") == "ok\n\\u003a:error::x\nfine")
        #expect(SafeText.pipelineSafe("a: b\nc::d") == "a: b\nc::d")
        #expect(SafeText.ciSafe("App ##[error]boom") == "App #\\u0023[error]boom")
        // Only two or more `#` right before `[` or `vso[` are marks; the text ends anywhere.
        for inert in ["", "#", "##", "x#[y", "## [", "##x[", "#v", "a##", "#\n#["] { #expect(SafeText.ciSafe(inert) == inert) }
        #expect(SafeText.ciSafe("# ##x ###[e]") == "# ##x ##\\u0023[e]")
        #expect(SafeText.ciSafe("##vso[a] ##[b]") == "#\\u0023vso[a] #\\u0023[b]")
        #expect(SafeText.line("\u{A0}::add-mask::x") == "\u{A0}\\u003a:add-mask::x")
        #expect(SafeText.line("\u{3000}::error::x") == "\u{3000}\\u003a:error::x")
    }

    @Test func flagsNameWhatHidesOrMixes() {
        #expect(TextFlag.flags(of: "Microsoft Graph").isEmpty)
        #expect(TextFlag.flags(of: "Microsoft Graph 会议").isEmpty)
        #expect(TextFlag.flags(of: "Micro\u{202E}tfos") == [.bidiControl])
        #expect(TextFlag.flags(of: "Micro\u{200B}soft") == [.invisibleCharacter])
        #expect(TextFlag.flags(of: "Micr\u{43E}soft") == [.mixedScripts])
        #expect(TextFlag.flags(of: "Clear\u{1B}[2J") == [.controlCharacter])
        #expect(TextFlag.flags(of: "Москва Graph").isEmpty)
        #expect(TextFlag.summary([("clientDisplayName", "Micro\u{202E}tfos"), ("publisher", "Contoso"), ("x", nil)])
                == "clientDisplayName (bidi control)")
    }

    @Test func jsonEscapesHiddenCharactersAndReadsBackTheSame() throws {
        let value = "Micro\u{202E}tfos \u{9B}2J \u{1B}[2J Tag\u{E0041} ❤️"
        let text = JSONText.string(value)
        #expect(!text.unicodeScalars.contains { SafeText.isControl($0) || $0.value >= 0x80 && SafeText.isInvisible($0) })
        #expect(text.contains("\\udb40\\udc41"))
        let decoded = try JSONDecoder().decode(String.self, from: Data(text.utf8))
        #expect(decoded == value)
    }

    /// A field's JSON type follows the field: a description "123" is a string, a display name "true" too.
    @Test func jsonFieldTypesFollowTheField() {
        #expect(JSONValue.field("adminConsentDescription", "123") == .string("123"))
        #expect(JSONValue.field("adminConsentDisplayName", "true") == .string("true"))
        #expect(JSONValue.field("requiresAdminConsent", "true") == .bool(true))
        #expect(JSONValue.field("privilegeLevel", "3") == .int(3))
        #expect(JSONValue.field("privilegeLevel", "high") == .string("high"))
    }

    /// In `history` and `diff catalog`: a changed description "123" and display name "true" stay strings.
    @Test func aChangedFieldKeepsItsType() {
        let description = CatalogDiff.FieldChange.field(name: "adminConsentDescription", from: "123", to: "true")
        #expect(description.json.text() == "{\n  \"field\": \"adminConsentDescription\",\n  \"from\": \"123\",\n  \"to\": \"true\"\n}")
        let flag = CatalogDiff.FieldChange.field(name: "requiresAdminConsent", from: "false", to: "true")
        #expect(flag.json.text() == "{\n  \"field\": \"requiresAdminConsent\",\n  \"from\": false,\n  \"to\": true\n}")
    }

    @Test func aTableFitsItsWidthWhateverANameHolds() {
        let long = String(repeating: "A", count: 100_000)
        let table = Tabular(columns: ["app", "permission", "id"], rows: [
            [.text(long), .text("Directory.ReadWrite.All"), .text("c5366453-9fb0-48a5-a156-24f0c49a4b84")],
            [.text("Short"), .text("User.Read"), .text("e1fe6dd8-ba31-4d61-89e7-88639da4683d")],
        ])
        for width in [40, 100, 160] {
            let lines = table.render(OutputStyle(.table, width: width)).split(separator: "\n")
            #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= width }, "width \(width)")
            #expect(lines[2].hasPrefix("AAAA") && lines[2].contains("…"))
        }
        let wide = table.render(OutputStyle(.table, width: 160)).split(separator: "\n")
        #expect(wide[3].contains("Directory") == false && wide[2].contains("Directory.ReadWrite.All"))
    }

    @Test func columnsThatFitKeepTheirWidth() {
        #expect(TabularLines.fit([10, 20, 30], into: 100) == [10, 20, 30])
        #expect(TabularLines.fit([10, 80, 80], into: 100) == [10, 45, 45])
        #expect(TabularLines.fit([3, 3, 200], into: 20) == [3, 3, 14])
    }

    /// Thousands of combining marks on one letter draw over the rows around it: past four, they show as escapes
    /// and the text is flagged. Vietnamese keeps its marks.
    @Test func stackedCombiningMarksAreCutShortAndFlagged() {
        let zalgo = "Z" + String(repeating: "\u{336}", count: 3000)
        let shown = SafeText.visible(zalgo)
        #expect(shown.hasPrefix("Z\u{336}\u{336}\u{336}\u{336}\\u0336"))
        #expect(DisplayWidth.of(shown) > 3000)
        #expect(TextFlag.flags(of: zalgo) == [.stackedMarks])
        #expect(SafeText.visible("Tiếng Việt") == "Tiếng Việt")
        #expect(TextFlag.flags(of: "Tiếng Việt").isEmpty)
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("☹️") == 2)
        #expect(DisplayWidth.of("会议") == 4)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.clip("会议会议", to: 5) == "会议…")
    }
}

/// A diff's summary wrapped to the terminal: the wrapping must not start a line with a CI runner's command.
@Suite struct WrappedSummaryTests {
    struct Listing: DiffListing {
        var summary: String
        var rows: Tabular { Tabular(columns: ["a"], rows: []) }
        var json: JSONValue { .null }
    }

    @Test func aWrappedLineCannotStartACommand() {
        let tenant = String(repeating: "t", count: 30) + " ::error title=Gate::all clear ##[add-mask]x"
        let text = Listing(summary: "tenant \(tenant) 2026-11-01 (#1) -> 2026-11-08 (#2)").render(OutputStyle(.table, width: 40))
        let lines = text.split(separator: "\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { !$0.drop(while: \.isWhitespace).hasPrefix("::") && !$0.contains("##[") })
    }
}
