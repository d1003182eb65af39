@testable import PermAuditStore
import Testing

/// Keys by UTF-8 bytes: canonically equivalent texts stay apart, equal bytes meet, whatever the strings' storage.
@Suite struct ByteTextTests {
    @Test func textsAreEqualByTheirBytesOnly() {
        let composed = ByteText("Caf\u{E9}.Read"), decomposed = ByteText("Cafe\u{301}.Read")
        #expect("Caf\u{E9}.Read" == "Cafe\u{301}.Read")  // what a String key would do
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        let bridged = ByteText(String(decoding: Array("Caf\u{E9}.Read".utf8), as: UTF8.self))
        #expect(composed == bridged)
        #expect(composed.hashValue == bridged.hashValue)
        #expect(ByteText("User.Read") != ByteText("User.Read "))
        #expect(ByteText("") == ByteText(""))
        #expect(composed.byteCount == 10 && decomposed.byteCount == 11)
    }

    @Test func aDictionaryFindsEachByItsBytes() {
        var keys: [ByteText: Int] = [:]
        for (number, text) in ["Mail.Read", "Mail.Read\u{0}", "e\u{301}", "\u{E9}", "😀 User.Read"].enumerated() {
            keys[ByteText(text)] = number
        }
        #expect(keys.count == 5)
        #expect(keys[ByteText("\u{E9}")] == 3)
        #expect(keys[ByteText("e\u{301}")] == 2)
        #expect(keys[ByteText("Mail.Read")] == 0)
    }
}
