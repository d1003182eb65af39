import Testing
@testable import PermAuditSync

@Suite struct JSONSyntaxCheckTests {
    @Test(arguments: [
        #"{"a": [1, 2, {"b": null}], "c": "d\"e", "f": -1.5e3, "g": true}"#,
        "  [ ]  ",
        "\"caf\u{e9}\"",
    ])
    func validJSONHasNoProblem(_ text: String) {
        #expect(JSONSyntaxCheck.firstProblem(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        (#"{"permissions": {"#, 1, 18, "unexpected end of file; the JSON is cut short"),
        ("{\"a\": 1,\n  \"b\": x}", 2, 8, "expected a value (object, list, string, number, true, false or null), found 'x'"),
        (#"{"a" 1}"#, 1, 6, "expected ':' after an object key, found '1'"),
        (#"[1 2]"#, 1, 4, "expected ',' or ']', found '2'"),
        (#"{"a": 1,}"#, 1, 9, "expected an object key in double quotes, found '}'"),
        (#"{"a": 01}"#, 1, 7, "\"01\" is not a JSON number"),
        (#"{} {}"#, 1, 4, "unexpected '{' after the end of the JSON value"),
        ("\"tab\there\"", 1, 5, "a control character inside a string (write it escaped, such as \\n)"),
    ])
    func findsTheFirstProblem(text: String, line: Int, column: Int, message: String) {
        #expect(JSONSyntaxCheck.firstProblem(in: Array(text.utf8)) == .init(line: line, column: column, message: message))
    }

    @Test func invalidUTF8IsFound() {
        let bytes: [UInt8] = Array("{\"a\":\n \"".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(JSONSyntaxCheck.firstProblem(in: bytes) == .init(line: 2, column: 3, message: "invalid UTF-8 byte 0xff"))
    }

    @Test func deepNestingIsRefusedWithoutOverflowingTheStack() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(JSONSyntaxCheck.firstProblem(in: Array(text.utf8)) == .init(line: 1, column: 513, message: "nested more than 512 levels deep"))
    }

    @Test func aKeyTwiceInOneObjectIsRefused() {
        let text = "{\"a\": {\"b\": 1, \"c\": 2},\n \"b\": 3, \"a\": 4}"
        #expect(JSONSyntaxCheck.firstProblem(in: Array(text.utf8)) == .init(line: 2, column: 10, message: "the key \"a\" appears twice in one object"))
    }
}
