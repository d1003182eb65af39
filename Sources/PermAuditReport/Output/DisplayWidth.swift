/// How many terminal columns text takes: East Asian wide characters and emoji take two, the rest one.
/// Tables measure with it so that their columns line up and fit the terminal.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x1100 else { return 1 }
        // A text-style emoji made emoji-style by U+FE0F (☹️) draws two columns wide too.
        return isWide(scalar) || character.unicodeScalars.contains("\u{FE0F}") ? 2 : 1
    }

    /// `text` cut to at most `width` columns, ending in "…" when something was cut.
    static func clip(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let next = of(character)
            if used + next > width - 1 { break }
            out.append(character)
            used += next
        }
        return out + "…"
    }

    /// `text` broken into lines of at most `width` columns at spaces (a word longer than that is cut).
    static func wrap(_ text: String, to width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if !line.isEmpty, of(line) + 1 + of(word) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + clip(word, to: width)
        }
        return (lines + [line]).joined(separator: "\n")
    }

    /// `text` broken into lines of at most `width` columns at spaces; a word longer than a line is broken
    /// across lines rather than cut, so nothing is lost.
    static func wrapBreakingWords(_ text: String, to width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var line = ""
        for var word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if !line.isEmpty, of(line) + 1 + of(word) > width {
                lines.append(line)
                line = ""
            }
            if !line.isEmpty { line += " " }
            while of(line) + of(word) > width {
                let (head, rest) = split(word, at: width - of(line))
                lines.append(line + head)
                (line, word) = ("", rest)
            }
            line += word
        }
        return lines + [line]
    }

    /// `text` split after at most `columns` columns (a wide character never straddles the split).
    static func split(_ text: String, at columns: Int) -> (head: String, tail: String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex, used + of(text[index]) <= columns {
            used += of(text[index])
            index = text.index(after: index)
        }
        // A wide character wider than the whole line still goes somewhere.
        if index == text.startIndex, columns > 0, index < text.endIndex { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }

    /// `text` followed by spaces up to `width` columns.
    static func pad(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
