/// Where a `MetadataIndex` finds the members and bound operations of a type: in a document in memory,
/// or read from a stored document's rows only for the types a path reaches.
protocol MetadataMembers {
    /// The properties and navigation properties a type declares itself, by lower-cased name, each list in
    /// declaration order.
    func members(of type: String) throws -> [String: [MetadataType.Member]]
    /// The operations bound to a type (or a collection of it), in document order.
    func operations(boundTo type: String) throws -> [MetadataDocument.Operation]
}

/// The members and bound operations of a document in memory, grouped once.
struct DocumentMembers: MetadataMembers {
    private let members: [String: [String: [MetadataType.Member]]]
    private let operations: [String: [MetadataDocument.Operation]]

    init(_ document: MetadataDocument) {
        var members: [String: [String: [MetadataType.Member]]] = [:]
        for type in document.types {
            members[type.qualifiedName] = Dictionary(grouping: type.members.filter { $0.kind != .enumMember }) { $0.name.lowercased() }
        }
        self.members = members
        operations = Dictionary(grouping: document.operations.filter { $0.binding != nil }) { $0.binding!.name }
    }

    func members(of type: String) -> [String: [MetadataType.Member]] { members[type] ?? [:] }

    func operations(boundTo type: String) -> [MetadataDocument.Operation] { operations[type] ?? [] }
}
