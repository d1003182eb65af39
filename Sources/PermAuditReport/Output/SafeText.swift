import Foundation

/// Every string from an imported file is hostile until proven otherwise: an app's name is chosen by whoever
/// registered the app, and can hold terminal escapes, line breaks, Markdown, HTML, spreadsheet formulas,
/// bidirectional overrides and invisible characters. This is the one place that makes such a string safe for
/// where it is going: tables, text, notes and errors (`visible`, `line`), Markdown, CSV and TSV, and the
/// commands CI runners read in any output. JSON (JSONText) escapes the same characters its own way.
public enum SafeText {
    /// For terminals, text pages, notes and errors: every control character (C0, DEL, C1, the Unicode line and
    /// paragraph separators, so also CR and LF), bidirectional control and invisible character is written as
    /// a visible `\u001b` (`\u{e0041}` beyond the BMP), and so is a combining mark stacked on more than
    /// `markLimit` others (thousands of them draw over the rows around). The result is one line that draws as it
    /// reads.
    public static func visible(_ text: String) -> String {
        guard needsEscape(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        var marks = 0
        for index in scalars.indices {
            let scalar = scalars[index]
            marks = isCombiningMark(scalar) ? marks + 1 : 0
            if isControl(scalar) || isHidden(scalars, at: index) || marks > markLimit {
                out += escaped(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Combining marks one character may carry before the rest show as escapes: Vietnamese and most scripts
    /// need two or three.
    static let markLimit = 4

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x300 && [.nonspacingMark, .enclosingMark].contains(scalar.properties.generalCategory)
    }

    /// True when some character carries more than `markLimit` combining marks.
    static func stacksMarks(_ scalars: [Unicode.Scalar]) -> Bool {
        var marks = 0
        for scalar in scalars {
            marks = isCombiningMark(scalar) ? marks + 1 : 0
            if marks > markLimit { return true }
        }
        return false
    }

    /// Text inside a Markdown table cell or a heading: `visible`, then every character that Markdown or
    /// GitHub's extensions would read as syntax escaped with a backslash, so a row stays a row, no HTML
    /// passes, and no link, image or web address is made (an e-mail address still becomes a mailto link).
    public static func markdown(_ text: String) -> String {
        // Leading white space would make a paragraph indented code; in a cell it is dropped anyway.
        let plain = String(visible(text).drop(while: \.isWhitespace))
        guard plain.utf8.contains(where: { markdownSyntax.contains($0) }) || plain.lowercased().contains("www.") else { return blockSafe(plain) }
        var out = ""
        var previous: [Character] = []
        for character in plain {
            // GitHub links "www." without a scheme: the dot after "www" is what it looks for.
            let afterWWW = character == "." && previous.suffix(3).map { $0.lowercased() }.joined() == "www"
            if afterWWW || character.isASCII && markdownSyntax.contains(character.asciiValue!) { out += "\\" }
            out.append(character)
            previous.append(character)
            if previous.count > 3 { previous.removeFirst() }
        }
        return blockSafe(out)
    }

    /// Text that standing alone as a paragraph would start a list (`- `, `+ `, `1. `, `1) `) or a rule (`---`,
    /// `===`): that character escaped.
    private static func blockSafe(_ text: String) -> String {
        if let first = text.first, "-+=".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let next = text.dropFirst(digits.count).first, next == "." || next == ")" else { return text }
        return digits + "\\" + text.dropFirst(digits.count)
    }

    /// A Markdown code span holding `text` verbatim (after `visible`): fenced by more backticks than any run in
    /// it, with pipes escaped for table cells (GitHub reads the escape inside code spans in tables).
    public static func markdownCode(_ text: String) -> String {
        let plain = visible(text).replacingOccurrences(of: "|", with: "\\|")
        let fence = String(repeating: "`", count: longestRun(of: "`", in: plain) + 1)
        let pad = plain.hasPrefix("`") || plain.hasSuffix("`") ? " " : ""
        return fence + pad + plain + pad + fence
    }

    /// A CSV or TSV cell: `visible` (so no line break or escape reaches a spreadsheet or a terminal) and, as
    /// OWASP recommends against formula injection, a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return (or their full-width forms) gets a leading `'`, which spreadsheets show but do not evaluate.
    public static func spreadsheet(_ text: String) -> String {
        let plain = visible(text)
        return startsFormula(text) ? "'" + plain : plain
    }

    /// True when a spreadsheet would read the cell as a formula.
    public static func startsFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return formulaStarts.contains(first)
    }

    /// One line of a text page, note or error: `visible`, and made inert for CI runners (`lineStartSafe`).
    public static func line(_ text: String) -> String {
        lineStartSafe(visible(text))
    }

    /// Lines that CI runners would take as commands, made inert: `ciSafe` everywhere, and a line whose text
    /// starts with `::` gets its first character escaped. Line breaks are kept, so this applies to whole
    /// outputs.
    public static func pipelineSafe(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: ":")) || bytes.contains(UInt8(ascii: "#")) else { return text }
        let safe = ciSafe(text)
        let lines = safe.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: startsCommand) else { return safe }
        return lines.map { startsCommand($0) ? lineStartSafe(String($0)) : String($0) }.joined(separator: "\n")
    }

    /// Text that starts a line: GitHub Actions reads `::command` at a line's start, after any white space
    /// (Unicode's too: .NET's TrimStart), so that `:` is escaped; and `ciSafe` everywhere.
    public static func lineStartSafe(_ text: String) -> String {
        let safe = ciSafe(text)
        guard startsCommand(Substring(safe)) else { return safe }
        let start = safe.drop(while: \.isWhitespace)
        return String(safe[..<start.startIndex]) + escaped(start.unicodeScalars.first!) + String(start.dropFirst())
    }

    private static func startsCommand(_ line: Substring) -> Bool {
        line.drop(while: \.isWhitespace).hasPrefix("::")
    }

    /// GitHub Actions also reads `##[command]` anywhere in a line (its older syntax), and Azure Pipelines
    /// `##vso[` and `##[`: `##` before `[` or `vso[` becomes `#\u0023`, which JSON parses back to the same text.
    /// Cheap enough for every output: one pass over the bytes.
    public static func ciSafe(_ text: String) -> String {
        var text = text
        guard text.withUTF8(hasCommandMark) else { return text }
        return text.replacingOccurrences(of: "##vso[", with: "#\\u0023vso[").replacingOccurrences(of: "##[", with: "#\\u0023[")
    }

    /// Two or more `#` before a `v` or `[`: memchr finds each `#` (reports are hundreds of megabytes).
    private static func hasCommandMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var at = 0
        while at < bytes.count, let hit = memchr(base + at, Int32(UInt8(ascii: "#")), bytes.count - at) {
            var end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = end
            while end < bytes.count && bytes[end] == UInt8(ascii: "#") { end += 1 }
            if end - start >= 2 && end < bytes.count && (bytes[end] == UInt8(ascii: "v") || bytes[end] == UInt8(ascii: "[")) { return true }
            at = end
        }
        return false
    }

    // MARK: - What is hidden or controlling

    /// C0 controls (with TAB, LF and CR), DEL, C1 controls, and U+2028/U+2029, which some terminals and
    /// editors take as line breaks.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// Bidirectional controls (which reorder what is drawn: "Micro\u{202E}tfos" draws as "Microsoft") and
    /// default-ignorable characters (zero-width spaces and joiners, tag characters, fillers), which draw
    /// nothing. An emoji's variation selector and the joiner between two emoji are what they look like, and
    /// pass.
    static func isHidden(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let scalar = scalars[index]
        guard scalar.value >= 0x80 else { return false }
        let properties = scalar.properties
        guard properties.isBidiControl || properties.isDefaultIgnorableCodePoint else { return false }
        // Before a joiner, an emoji may end in its own variation selector (❤️‍🔥).
        let before = index > 1 && scalars[index - 1].value == 0xFE0F ? index - 2 : index - 1
        let afterEmoji = before >= 0 && isPictograph(scalars[before])
        switch scalar.value {
        case 0xFE0E, 0xFE0F: return !afterEmoji
        case 0x200D: return !(afterEmoji && index + 1 < scalars.count && isPictograph(scalars[index + 1]))
        default: return true
        }
    }

    /// An emoji drawn as a picture: digits, `#` and `*` have the Emoji property too, and are not.
    private static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmojiPresentation || scalar.properties.isEmoji && scalar.value > 0xFF
    }

    /// A bidirectional control or default-ignorable character, whatever its neighbours.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isBidiControl || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// The common case, plain ASCII, is one pass over the bytes.
    static func needsEscape(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && (text.unicodeScalars.contains { scalar in
            scalar.value >= 0x80 && (isControl(scalar) || scalar.properties.isBidiControl || scalar.properties.isDefaultIgnorableCodePoint)
        } || stacksMarks(Array(text.unicodeScalars)))
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return scalar.value > 0xFFFF ? "\\u{" + hex + "}" : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// ASCII characters that CommonMark or GitHub's tables, strikethrough and autolinks read as syntax.
    private static let markdownSyntax: Set<UInt8> = Set("\\`*_[]<>&|!~:#".utf8)

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
}
