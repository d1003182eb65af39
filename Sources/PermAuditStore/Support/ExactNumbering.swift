/// Numbers values from 0 in the order they first come, each value once, told apart by a key of their texts'
/// bytes: Swift's `String` equality holds canonically equivalent texts equal ("é" as one scalar and as two),
/// and interned that way, one imported name would be printed with another's bytes.
public struct ExactNumbering<Value> {
    public private(set) var values: [Value] = []
    private var numbers: [ExactKey: Int] = [:]
    private let key: (Value) -> ExactKey

    public init(key: @escaping (Value) -> ExactKey) {
        self.key = key
    }

    /// Numbering after `values`, kept as they are (repeats included), each found by its first place.
    public init(_ values: [Value], key: @escaping (Value) -> ExactKey) {
        self.init(key: key)
        self.values = values
        for (index, value) in values.enumerated() where numbers[key(value)] == nil { numbers[key(value)] = index }
    }

    public mutating func number(of value: Value) -> Int {
        let exact = key(value)
        if let known = numbers[exact] { return known }
        values.append(value)
        numbers[exact] = values.count - 1
        return values.count - 1
    }
}

/// Texts compared by their UTF-8 bytes (nil apart from every text).
public struct ExactKey: Hashable {
    private let texts: [[UInt8]?]

    public init(_ texts: [String?]) {
        self.texts = texts.map { $0.map { Array($0.utf8) } }
    }
}
