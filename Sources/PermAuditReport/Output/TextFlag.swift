/// Why a name deserves a second look: it holds characters that hide or reorder what is drawn, or mixes
/// alphabets within a word ("Micrоsoft" with a Cyrillic о). Flagged where the name is shown, because a name
/// built to pass for another is an audit finding in itself.
public enum TextFlag: String, Sendable, CaseIterable {
    case controlCharacter = "control character"
    case bidiControl = "bidi control"
    case invisibleCharacter = "invisible character"
    case mixedScripts = "mixed scripts"
    case stackedMarks = "stacked combining marks"

    /// The flags `text` deserves, in the order of `allCases`; none for plain ASCII.
    public static func flags(of text: String) -> [TextFlag] {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return [] }
        var found = Set<TextFlag>()
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices {
            let scalar = scalars[index]
            if SafeText.isControl(scalar) { found.insert(.controlCharacter) }
            else if scalar.properties.isBidiControl { found.insert(.bidiControl) }
            else if SafeText.isHidden(scalars, at: index) { found.insert(.invisibleCharacter) }
        }
        if mixesScripts(scalars) { found.insert(.mixedScripts) }
        if SafeText.stacksMarks(scalars) { found.insert(.stackedMarks) }
        return allCases.filter(found.contains)
    }

    /// `clientDisplayName (bidi control); publisher (mixed scripts)`: the flagged fields of one row, or nil.
    public static func summary(_ fields: [(name: String, value: String?)]) -> String? {
        let flagged = fields.compactMap { field -> String? in
            let flags = field.value.map(flags(of:)) ?? []
            return flags.isEmpty ? nil : field.name + " (" + flags.map(\.rawValue).joined(separator: ", ") + ")"
        }
        return flagged.isEmpty ? nil : flagged.joined(separator: "; ")
    }

    /// A word (a run of letters) with Latin letters and letters of an alphabet whose letters look like Latin
    /// ones: Cyrillic, Greek, Armenian, Cherokee, or full-width Latin.
    static func mixesScripts(_ scalars: [Unicode.Scalar]) -> Bool {
        var scripts = Set<Script>()
        for scalar in scalars + [" "] {
            guard scalar.properties.isAlphabetic else {
                if scripts.contains(.latin) && scripts.contains(.lookalike) { return true }
                scripts.removeAll()
                continue
            }
            scripts.insert(Script(scalar))
        }
        return false
    }

    enum Script {
        case latin, lookalike, other

        init(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: self = .latin
            case 0x370...0x3FF, 0x1F00...0x1FFF,                    // Greek
                 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F, // Cyrillic
                 0x530...0x58F, 0x13A0...0x13FF, 0xAB70...0xABBF,   // Armenian, Cherokee
                 0xFF21...0xFF3A, 0xFF41...0xFF5A:                  // full-width Latin
                self = .lookalike
            default: self = .other
            }
        }
    }
}
