/// Permission numbers end to end (each scope string's scopes, one after another): 16 bits a number while
/// the tenant's permissions number fewer than 65,536, as they do, and 32 bits from the first that does not.
/// Two million grants with their own scope strings are six million numbers: 12 MB instead of 24.
struct PermissionNumbers {
    private var narrow: [UInt16] = []
    private var wide: [Int32]?

    var count: Int { wide?.count ?? narrow.count }

    mutating func append(_ number: Int32) {
        if wide == nil, let small = UInt16(exactly: number) { return narrow.append(small) }
        if wide == nil {
            wide = narrow.map(Int32.init)
            narrow = []
        }
        wide!.append(number)
    }

    subscript(index: Int) -> Int32 {
        wide.map { $0[index] } ?? Int32(narrow[index])
    }
}
