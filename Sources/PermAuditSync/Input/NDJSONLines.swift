import Foundation

/// A file of newline-delimited JSON objects (one Graph object per line), split into its lines.
/// Nil when the file is one JSON document instead.
struct NDJSONLines {
    let name: String
    /// Each non-empty line with its 1-based line number.
    let lines: [(number: Int, data: Data)]

    init?(_ input: JSONInput) {
        let data = input.data
        // One document per line: the first line is a whole object and more lines follow.
        let firstEnd = data.firstIndex(of: 0x0A) ?? data.endIndex
        let first = data[data.startIndex..<firstEnd]
        guard firstEnd < data.endIndex, first.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{"),
              JSONSyntaxCheck.firstProblem(in: first) == nil else { return nil }
        var lines: [(Int, Data)] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
            lines.append((index + 1, Data(line)))
        }
        guard lines.count > 1 else { return nil }
        name = input.name
        self.lines = lines
    }
}
