import Foundation

/// Reads the objects of a Graph export one at a time, holding one chunk of the file and one object in
/// memory, whatever the file's size: the elements of `{"value": [...]}` (a Graph page), of a bare list, or
/// the lines of NDJSON. Each element comes out as its own bytes, for a decoder to read.
final class JSONElementReader {
    enum Layout: Equatable {
        /// `{"@odata.context": ..., "value": [...]}`: elements of "value"; other top-level keys are kept.
        case page
        case list
        case lines
        /// One JSON object without a "value" list (a catalog document): no elements to stream.
        case document
    }

    struct Element {
        var bytes: Data
        var index: Int
        /// The line's number in NDJSON, nil in a list.
        fileprivate var line: Int?
        fileprivate var inPage = false

        /// `$.value[3]`, `$[3]` or `line 4`; made when asked for, since most elements never are.
        var location: String {
            if let line { return "line \(line)" }
            return inPage ? "$.value[\(index)]" : "$[\(index)]"
        }
    }

    let name: String
    private(set) var layout = Layout.document
    /// Bytes taken from the file so far (read ahead in chunks): an import's progress.
    private(set) var bytesRead = 0
    /// Top-level properties other than "value" read so far, as raw JSON (`@odata.context` comes first in Graph's pages).
    private(set) var topLevel: [String: Data] = [:]

    private let source: ChunkSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var nextIndex = 0
    private var lineNumber = 1
    private var finished = false
    private var peeked: Element?

    static let chunkSize = 1 << 20

    convenience init(path: String) throws {
        try self.init(name: path, source: .file(try FileChunks(path: path)))
    }

    convenience init(name: String, data: Data) throws {
        try self.init(name: name, source: .memory(data))
    }

    private init(name: String, source: ChunkSource) throws {
        self.name = name
        self.source = source
        try start()
    }

    /// The first element, without consuming it (for telling the collection from its shape).
    func peek() throws -> Element? {
        if peeked == nil { peeked = try readElement() }
        return peeked
    }

    func next() throws -> Element? {
        if let element = peeked {
            peeked = nil
            return element
        }
        return try readElement()
    }

    /// Hands the next element to `body` as its bytes where the reader holds them, valid only inside `body`,
    /// with `element` to copy it out when it is to be decoded: most of a weekly export's elements are only
    /// hashed, and copying each took a tenth of the reading. Nil at the end.
    func withNext<T>(_ body: (_ bytes: UnsafeRawBufferPointer, _ element: () -> Element) throws -> T) throws -> T? {
        if let element = peeked {
            peeked = nil
            return try element.bytes.withUnsafeBytes { try body($0, { element }) }
        }
        guard let span = try readSpan() else { return nil }
        return try buffer.withUnsafeBytes { buffer in
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[span.bytes])
            return try body(bytes, { Element(bytes: Data(bytes), index: span.index, line: span.line, inPage: layout == .page) })
        }
    }

    // MARK: - Layout

    private func start() throws {
        if position == 0, try byte(at: 0) == 0xEF, try byte(at: 1) == 0xBB, try byte(at: 2) == 0xBF { position = 3 }
        try skipWhitespace()
        switch try byte(at: position) {
        case UInt8(ascii: "["):
            layout = .list
            position += 1
        case UInt8(ascii: "{"):
            layout = try isNDJSON() ? .lines : .page
            if layout == .page {
                position += 1
                try readKeysUntilValueList()
            }
        case nil:
            throw ImportError(file: name, problem: "the file is empty; expected a JSON catalog or export")
        default:
            layout = .document
        }
    }

    /// NDJSON: the first line is a whole object and another line follows. Only a short first line is
    /// considered, so a large one-line document is never read whole here.
    private func isNDJSON() throws -> Bool {
        // The first line's end, looked for in the buffer and only within a chunk: a byte at a time through
        // `byte(at:)`, a Graph page written on one line (all of it) took about 3 ms, twice for each file.
        _ = try byte(at: position + Self.chunkSize)
        guard let end = buffer[position..<min(buffer.count, position + Self.chunkSize + 1)].firstIndex(of: 0x0A) else { return false }
        var next = end
        while let byte = try byte(at: next), byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 { next += 1 }
        // The cheap test first: a Graph page written on one line ends with its newline.
        guard try byte(at: next) != nil else { return false }
        return JSONSyntaxCheck.firstProblem(in: buffer[position..<end]) == nil
    }

    /// Reads top-level keys, keeping their raw values, until the "value" list opens (or the object ends).
    private func readKeysUntilValueList() throws {
        while true {
            try skipWhitespace()
            switch try byte(at: position) {
            case UInt8(ascii: "}"):
                position += 1
                if layout == .page && !topLevel.keys.contains("value") { layout = .document }
                finished = true
                return
            case UInt8(ascii: ","):
                position += 1
                continue
            case UInt8(ascii: "\""):
                let key = try readKey()
                try skipWhitespace()
                if key == "value", try byte(at: position) == UInt8(ascii: "[") {
                    topLevel["value"] = Data("[]".utf8)
                    position += 1
                    return
                }
                let end = try endOfValue(from: position)
                topLevel[key] = Data(buffer[position..<end])
                position = end
            default:
                throw syntaxError("expected a property name in double quotes")
            }
        }
    }

    private func readKey() throws -> String {
        let end = try endOfValue(from: position)
        let raw = Data(buffer[position..<end])
        position = end
        try skipWhitespace()
        guard try byte(at: position) == UInt8(ascii: ":") else { throw syntaxError("expected ':' after a property name") }
        position += 1
        return (try? JSONDecoder().decode(String.self, from: raw)) ?? ""
    }

    // MARK: - Elements

    private func readElement() throws -> Element? {
        guard let span = try readSpan() else { return nil }
        return Element(bytes: Data(buffer[span.bytes]), index: span.index, line: span.line, inPage: layout == .page)
    }

    /// Where the next element lies in the buffer (until the reader reads on), its index and its line (NDJSON).
    private struct Span {
        var bytes: Range<Int>
        var index: Int
        var line: Int?
    }

    private func readSpan() throws -> Span? {
        guard !finished, layout != .document else { return nil }
        compact()
        if layout == .lines { return try readLine() }
        try skipWhitespace()
        if nextIndex > 0 {
            switch try byte(at: position) {
            case UInt8(ascii: ","):
                position += 1
                try skipWhitespace()
            case UInt8(ascii: "]"):
                return try endOfList()
            case nil:
                throw syntaxError("unexpected end of file; the JSON is cut short")
            default:
                throw syntaxError("expected ',' or ']' after an element")
            }
        } else if try byte(at: position) == UInt8(ascii: "]") {
            return try endOfList()
        }
        guard try byte(at: position) != nil else { throw syntaxError("unexpected end of file; the JSON is cut short") }
        let end = try endOfValue(from: position)
        defer { (position, nextIndex) = (end, nextIndex + 1) }
        return Span(bytes: position..<end, index: nextIndex)
    }

    private func endOfList() throws -> Span? {
        position += 1
        if layout == .page { try readKeysUntilValueList() }
        finished = true
        return nil
    }

    private func readLine() throws -> Span? {
        while true {
            compact()  // blank lines by the million are not held either
            guard try byte(at: position) != nil else {
                finished = true
                return nil
            }
            let start = position
            let end = try endOfLine(from: start)
            let number = lineNumber
            position = min(end + 1, buffer.count)
            lineNumber += 1
            let blank = buffer.withUnsafeBufferPointer { bytes in
                !bytes[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
            }
            if !blank {
                defer { nextIndex += 1 }
                return Span(bytes: start..<end, index: nextIndex, line: number)
            }
        }
    }

    /// The offset of the newline that ends the line starting at `start` (or of the file's end), found with
    /// memchr over the buffer, reading more of the file as needed.
    private func endOfLine(from start: Int) throws -> Int {
        var searched = start
        while true {
            let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard searched < bytes.count, let base = bytes.baseAddress,
                      let hit = memchr(base + searched, 0x0A, bytes.count - searched) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let found { return found }
            searched = buffer.count
            guard try byte(at: searched) != nil else { return searched }
        }
    }

    private func elementLocation() -> String {
        Element(bytes: Data(), index: nextIndex, inPage: layout == .page).location
    }

    // MARK: - Scanning

    /// The offset just past the JSON value that starts at `start`, found by counting brackets outside strings.
    private func endOfValue(from start: Int) throws -> Int {
        guard let first = try byte(at: start) else { throw syntaxError("unexpected end of file; the JSON is cut short") }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") else {
            // Only the bytes of a number, true, false or null: anything else ends it, so a file of zeros after
            // `[` is refused at its first byte rather than read whole as one scalar.
            var index = start
            while let byte = try byte(at: index), Self.isScalarByte(byte) { index += 1 }
            guard index > start else { throw syntaxError("expected a value (object, list, string, number, true, false or null)") }
            return index
        }
        var scan = BracketScan(index: start)
        while true {
            // The buffer is scanned in place: a byte at a time through `byte(at:)` would cost twice as much.
            if let end = buffer.withUnsafeBufferPointer({ scan.end(in: $0) }) { return end }
            guard try byte(at: buffer.count) != nil else { throw syntaxError("unexpected end of file; the JSON is cut short") }
        }
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    /// Compacts as it goes: a gigabyte of white space between elements is not held in memory.
    private func skipWhitespace() throws {
        while let byte = try byte(at: position), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            if byte == 0x0A { lineNumber += 1 }
            position += 1
            compact()
        }
    }

    /// The byte at an offset of the buffer, reading more of the file when needed; nil at the end.
    private func byte(at index: Int) throws -> UInt8? {
        while index >= buffer.count {
            guard !atEnd else { return nil }
            let read = try source.append(upTo: Self.chunkSize, to: &buffer)
            if read == 0 { atEnd = true }
            bytesRead += read
        }
        return buffer[index]
    }

    /// The bytes held in memory: about one chunk and one element, whatever lies between elements.
    var bufferedByteCount: Int { buffer.count }

    /// Drops what was read already, so the buffer holds about one chunk and one element.
    private func compact() {
        guard position > Self.chunkSize else { return }
        buffer.removeFirst(position)
        position = 0
    }

    private func syntaxError(_ message: String) -> ImportError {
        ImportError(file: name, location: layout == .lines ? "line \(lineNumber)" : elementLocation(), problem: "not valid JSON: \(message)")
    }
}

/// Where the bytes come from: a file read in chunks, or contents already in memory.
private final class ChunkSource {
    private let file: FileChunks?
    private let data: Data
    private var offset = 0

    static func file(_ file: FileChunks) -> ChunkSource { ChunkSource(file: file, data: Data()) }
    static func memory(_ data: Data) -> ChunkSource { ChunkSource(file: nil, data: data) }

    private init(file: FileChunks?, data: Data) {
        self.file = file
        self.data = data
    }

    /// Appends up to `count` bytes to `buffer`; the number appended, 0 at the end.
    func append(upTo count: Int, to buffer: inout [UInt8]) throws -> Int {
        if let file { return try file.append(upTo: count, to: &buffer) }
        let end = min(offset + count, data.count)
        defer { offset = end }
        buffer.append(contentsOf: data[(data.startIndex + offset)..<(data.startIndex + end)])
        return end - offset
    }
}
