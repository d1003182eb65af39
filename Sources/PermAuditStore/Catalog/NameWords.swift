/// Splits permission names into words for search: `Calendars.ReadWrite.Shared` -> Calendars, Read, Write,
/// Shared; `SMTP.Send` -> SMTP, Send; `eDiscovery.Read.All` -> e, Discovery, Read, All.
public enum NameWords {
    public static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush(&current, into: &words)
                continue
            }
            if let previous = current.last, startsWord(character, after: previous, next: characters[safe: index + 1]) {
                flush(&current, into: &words)
            }
            current.append(character)
        }
        flush(&current, into: &words)
        return words
    }

    /// A capital after a small letter starts a word (`readWrite`), and so does the last capital of a run
    /// that a small letter follows (`SMTPSend` -> SMTP, Send).
    private static func startsWord(_ character: Character, after previous: Character, next: Character?) -> Bool {
        guard character.isUppercase else { return character.isNumber != previous.isNumber }
        if previous.isLowercase || previous.isNumber { return true }
        return previous.isUppercase && (next?.isLowercase ?? false)
    }

    private static func flush(_ word: inout String, into words: inout [String]) {
        if !word.isEmpty { words.append(word) }
        word = ""
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
