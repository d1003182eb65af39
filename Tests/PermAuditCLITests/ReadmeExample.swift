import Foundation

/// A command shown in the README, in a ```console block, with the output the README says it prints.
/// `$ CMD` starts a command (a line ending in ` \`, or inside an open double quote, continues it); the lines up to the next `$` are its
/// output, in which a line `...` stands for any number of lines. `$ # text` is a comment, not run.
struct ReadmeExample: CustomStringConvertible {
    var command: String
    var expected: [String]
    /// The README's line of the command, for the failure message.
    var line: Int

    var description: String { "README.md:\(line): $ \(command)" }

    static func all(in markdown: String) -> [ReadmeExample] {
        var examples: [ReadmeExample] = []
        var inBlock = false
        var continues = false
        var indent = 0
        for (index, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            let fence = raw.drop { $0 == " " }
            if fence.hasPrefix("```") {
                inBlock = !inBlock && fence == "```console"
                indent = raw.count - fence.count
                continue
            }
            guard inBlock else { continue }
            // A block inside a list item is indented; its lines lose that indentation.
            let line = String(raw.dropFirst(min(indent, raw.prefix { $0 == " " }.count)))
            if continues, var last = examples.popLast() {
                last.command += "\n" + line
                continues = Self.continues(last.command)
                examples.append(last)
            } else if line.hasPrefix("$ ") {
                let command = String(line.dropFirst(2))
                guard !command.hasPrefix("#") else { continue }
                examples.append(ReadmeExample(command: command, expected: [], line: index + 1))
                continues = Self.continues(command)
            } else if !examples.isEmpty {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples
    }

    /// A command goes on on the next line after a backslash or while a double quote is open.
    private static func continues(_ command: String) -> Bool {
        command.hasSuffix(" \\") || command.filter { $0 == "\"" }.count % 2 == 1
    }

    /// Whether `actual` is the expected output: line by line, `...` matching any run of lines, and an
    /// elapsed time (`in 2.1 s`) matching any other.
    func matches(_ actual: [String]) -> Bool {
        var expected = expected
        while expected.last?.isEmpty == true { expected.removeLast() }
        return Self.match(expected.map(Self.timeless)[...], actual.map(Self.timeless)[...])
    }

    private static func match(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return actual.indices.map { actual[$0...] }.contains { match(expected.dropFirst(), $0) }
                || match(expected.dropFirst(), actual[actual.endIndex...])
        }
        return actual.first == first && match(expected.dropFirst(), actual.dropFirst())
    }

    private static func timeless(_ line: String) -> String {
        line.replacingOccurrences(of: #" in [0-9.,]+ (ms|s|min)\b"#, with: " in <time>", options: .regularExpression)
    }

    /// What a terminal shows of raw output: a CR returns to the line's start and what follows overwrites it,
    /// `ESC [ K` erases to the end of the line (a progress line), other escape sequences draw nothing;
    /// trailing spaces and blank lines at the end are not seen.
    static func screenLines(_ raw: String) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var cursor = 0
        var rest = Substring(raw)
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "\n", "\r\n":
                lines.append(String(line).trimmingTrailingSpaces())
                (line, cursor) = ([], 0)
            case "\r":
                cursor = 0
            case "\u{1B}":
                let sequence = rest.prefix { !$0.isLetter }
                let final = rest.dropFirst(sequence.count).first
                rest = rest.dropFirst(sequence.count + (final == nil ? 0 : 1))
                if final == "K" { line.removeSubrange(min(cursor, line.count)...) }
            default:
                if cursor < line.count { line[cursor] = character } else { line.append(character) }
                cursor += 1
            }
        }
        if !line.isEmpty { lines.append(String(line).trimmingTrailingSpaces()) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        String(reversed().drop { $0 == " " }.reversed())
    }
}
