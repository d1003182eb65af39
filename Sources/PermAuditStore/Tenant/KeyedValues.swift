/// Values by integer key (a table's INTEGER PRIMARY KEY), each with a dense number from 0: found through
/// `KeyNumbers`' array rather than by hashing, for lookups made once per holding of millions.
struct KeyedValues<Value> {
    private var numbers = KeyNumbers()
    private(set) var values: [Value] = []

    mutating func insert(_ value: Value, key: Int64) {
        if let number = numbers[key] { return values[Int(number)] = value }
        numbers[key] = Int32(values.count)
        values.append(value)
    }

    /// The value's number alone.
    func number(of key: Int64) -> Int32? {
        numbers[key]
    }

    /// The value's number and the value.
    subscript(key: Int64) -> (number: Int32, value: Value)? {
        numbers[key].map { ($0, values[Int($0)]) }
    }
}
