import PermAuditStore
import Testing

/// Every printed count goes through Plural: one of a thing is singular, any other number plural.
@Suite struct PluralTests {
    @Test(arguments: [
        (1, "app", "1 app"), (2, "app", "2 apps"), (0, "app", "0 apps"),
        (1, "entry", "1 entry"), (3, "entry", "3 entries"), (2, "property", "2 properties"),
        (2, "day", "2 days"), (2, "class", "2 classes"), (2, "app role assignment", "2 app role assignments"),
    ])
    func countAndNounAgree(count: Int, singular: String, expected: String) {
        #expect(Plural.count(count, singular) == expected)
    }

    @Test func anIrregularPluralIsGiven() {
        #expect(Plural.count(2, "person", "people") == "2 people")
        #expect(Plural.noun(1, "person", "people") == "person")
        #expect(Plural.noun(1_150_001, "entry") == "entries")
    }
}
