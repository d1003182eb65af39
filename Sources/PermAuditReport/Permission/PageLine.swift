/// One line of a text page, and the column where its wrapped continuation starts: a property's description
/// wraps under the description, not under the property's name.
struct PageLine: ExpressibleByStringInterpolation {
    var text: String
    /// nil for code, which is never wrapped: it must paste as it is (the terminal wraps what is too long).
    var hang: Int?

    init(_ text: String, hang: Int? = 2) {
        self.text = text
        self.hang = hang
    }

    init(stringLiteral text: String) {
        self.init(text)
    }

    /// The line made visible (SafeText), then, when wider than `width`, its part after `hang` wrapped at
    /// spaces; a word too long for a line is broken, never cut, so every character of the page stays on it.
    /// Each line is made safe at its start again, since a break can put `::` first on a line.
    func fitted(to width: Int) -> [String] {
        let visible = SafeText.visible(text).trimmingTrailingSpaces()
        guard let wanted = hang, DisplayWidth.of(visible) > width else { return [SafeText.lineStartSafe(visible)] }
        // On a narrow terminal, continuation lines keep at least 20 columns for text.
        let hang = min(wanted, max(width - 20, 0))
        let (head, tail) = DisplayWidth.split(visible, at: hang)
        let lines = DisplayWidth.wrapBreakingWords(tail, to: width - DisplayWidth.of(head))
        let indent = String(repeating: " ", count: DisplayWidth.of(head))
        return lines.enumerated().map { index, line in
            SafeText.lineStartSafe(((index == 0 ? head : indent) + line).trimmingTrailingSpaces())
        }
    }
}
