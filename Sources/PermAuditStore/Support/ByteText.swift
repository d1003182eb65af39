/// A text that is equal to another and hashed by its UTF-8 bytes, as SQLite compares text: Swift's `String`
/// equality holds canonically equivalent texts equal ("é" as one scalar and as two). Hashed in one call over
/// the bytes, not a byte at a time as an `[UInt8]` key is, and without copying them.
struct ByteText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var byteCount: Int { text.utf8.count }

    static func == (a: Self, b: Self) -> Bool {
        var (a, b) = (a.text, b.text)
        return a.withUTF8 { a in b.withUTF8 { b in a.count == b.count && a.elementsEqual(b) } }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
