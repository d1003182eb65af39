import Foundation

/// What an input's first bytes say it can be, told before anything reads it whole: binary data, or text that
/// starts none of the supported formats, is refused from the head alone, whatever the file's size (a 1 GB
/// file of zeros was read whole as text, then as JSON).
enum InputSniff {
    enum Kind: Equatable {
        /// `{` or `[`, or nothing but white space (the JSON reader names an empty file).
        case json
        /// `<`: a CSDL `$metadata` document.
        case markup
        /// MSIdentityTools' CSV table or a YAML policy: small, read whole.
        case riskText
        /// Microsoft Graph activity logs exported as CSV (a header with RequestUri and RequestMethod).
        case activityCSV
    }

    /// Enough for a policy's leading comments; all that is ever read before the format is known.
    static let headSize = 16 << 10

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Reads at most `headSize` bytes from `handle` and tells the kind from them.
    static func kind(reading handle: FileHandle, name: String) throws -> Kind {
        try kind(of: handle.read(upToCount: headSize) ?? Data(), name: name)
    }

    static func kind(of head: Data, name: String) throws -> Kind {
        // Windows PowerShell's Out-File writes UTF-16 unless told otherwise.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw ImportError(file: name, problem: "UTF-16 text: save the file as UTF-8")
        }
        let body = head.starts(with: byteOrderMark) ? head.dropFirst(3) : head[...]
        guard let first = body.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .json }
        let kind = body[first] == 0 ? nil : startKind(body, first: first, name: name)
        // No supported format holds a NUL byte: zeros, a program, UTF-16 without its byte-order mark.
        if let zero = body.firstIndex(of: 0), kind != nil || zero == first {
            throw ImportError(file: name, location: position(of: zero, in: body),
                              problem: "a NUL byte: binary data or UTF-16 text, not a JSON, XML, CSV or YAML file")
        }
        guard let kind else {
            throw ImportError(file: name, location: position(of: first, in: body), problem: "expected JSON ({ or [), CSDL XML (<), "
                + "MSIdentityTools' CSV table, a CSV of Graph activity or a YAML policy (rules: or exceptions:), found \(describe(body[first]))")
        }
        return kind
    }

    /// The kind the first non-blank byte starts, nil when it starts none.
    private static func startKind(_ body: Data.SubSequence, first: Data.Index, name: String) -> Kind? {
        switch body[first] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: "<"): return .markup
        default:
            let text = String(decoding: body, as: UTF8.self)
            if ActivityCSV.matches(firstLine: String(text.prefix { !$0.isNewline })) { return .activityCSV }
            let isRiskText = MSIdentityToolsTable.matches(firstLine: String(text.prefix { !$0.isNewline }))
                || PolicyYAML.isYAMLFile(name) || PolicyYAML.looksLikePolicy(text)
            return isRiskText ? .riskText : nil
        }
    }

    /// `line L, column C` of a byte, columns counted in characters as editors do.
    private static func position(of index: Data.Index, in body: Data.SubSequence) -> String {
        let before = body[..<index]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
        let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return "line \(line), column \(String(decoding: body[lineStart..<index], as: UTF8.self).count + 1)"
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
