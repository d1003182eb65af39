/// Lookups over one metadata document for path resolution. Names are found with their exact case
/// first, then without regard to case (Kibali writes `contentsharingsessions` for `contentSharingSessions`).
struct MetadataIndex {
    private let types: [String: MetadataType]
    private let typesByLowercasedName: [String: [String]]
    private let derivedTypes: [String: [String]]
    private let container: [String: [MetadataDocument.ContainerMember]]
    private let operationsByBinding: [String: [String: [MetadataDocument.Operation]]]
    private let operationsByName: [String: [MetadataDocument.Operation]]
    /// Per type, its own properties and navigation properties by lower-cased name.
    private let members: [String: [String: [MetadataType.Member]]]

    init(_ document: MetadataDocument) {
        var types: [String: MetadataType] = [:]
        var byName: [String: [String]] = [:]
        var derived: [String: [String]] = [:]
        var members: [String: [String: [MetadataType.Member]]] = [:]
        for type in document.types {
            types[type.qualifiedName] = type
            members[type.qualifiedName] = Dictionary(grouping: type.members.filter { $0.kind != .enumMember }) { $0.name.lowercased() }
            byName[type.qualifiedName.lowercased(), default: []].append(type.qualifiedName)
            if let base = type.baseType { derived[base, default: []].append(type.qualifiedName) }
        }
        var bound: [String: [String: [MetadataDocument.Operation]]] = [:]
        var byOperationName: [String: [MetadataDocument.Operation]] = [:]
        for operation in document.operations {
            byOperationName[operation.qualifiedName.lowercased(), default: []].append(operation)
            guard let binding = operation.binding else { continue }
            bound[binding.name, default: [:]][operation.name.lowercased(), default: []].append(operation)
        }
        self.types = types
        self.members = members
        typesByLowercasedName = byName
        derivedTypes = derived
        container = Dictionary(grouping: document.containerMembers) { $0.name.lowercased() }
        operationsByBinding = bound
        operationsByName = byOperationName
    }

    func type(_ name: String) -> MetadataType? { types[name] }

    func containerMember(_ name: String) -> MetadataDocument.ContainerMember? {
        Self.pick(container[name.lowercased()] ?? [], name: name, \.name)
    }

    /// A type by qualified name, e.g. in a cast segment `microsoft.graph.group`.
    func typeNamed(_ name: String) -> MetadataType? {
        types[name] ?? Self.pick(typesByLowercasedName[name.lowercased()] ?? [], name: name, \.self).flatMap { types[$0] }
    }

    /// The type and its base types, nearest first.
    func lineage(of name: String) -> [MetadataType] {
        var result: [MetadataType] = []
        var next: String? = name
        while let current = next, let type = types[current], result.count < 32 {
            result.append(type)
            next = type.baseType
        }
        return result
    }

    /// Every type derived from `name`, directly or not, breadth first.
    func descendants(of name: String) -> [String] {
        var result: [String] = []
        var queue = derivedTypes[name] ?? []
        while !queue.isEmpty, result.count < 10_000 {
            let next = queue.removeFirst()
            result.append(next)
            queue += derivedTypes[next] ?? []
        }
        return result
    }

    func isType(_ name: String, derivedFrom base: String) -> Bool {
        lineage(of: name).contains { $0.qualifiedName == base }
    }

    /// A property or navigation property declared by the type itself.
    func ownMember(_ name: String, of type: MetadataType) -> MetadataType.Member? {
        Self.pick(members[type.qualifiedName]?[name.lowercased()] ?? [], name: name, \.name)
    }

    /// An operation bound to exactly this type (or a collection of it).
    func boundOperation(_ name: String, on type: String, collection: Bool) -> MetadataDocument.Operation? {
        let candidates = (operationsByBinding[type]?[name.lowercased()] ?? []).filter { $0.binding?.isCollection == collection }
        return Self.pick(candidates, name: name, \.name)
    }

    /// An operation named with its namespace (`microsoft.graph.delta`) bound to this type.
    func qualifiedOperation(_ name: String, on type: String, collection: Bool) -> MetadataDocument.Operation? {
        let candidates = (operationsByName[name.lowercased()] ?? []).filter {
            $0.binding?.name == type && $0.binding?.isCollection == collection
        }
        return Self.pick(candidates, name: name, \.qualifiedName)
    }

    /// The exact-case candidate if there is one, else the first one that differs only by case.
    private static func pick<T>(_ candidates: [T], name: String, _ key: (T) -> String) -> T? {
        candidates.first { key($0) == name } ?? candidates.first
    }
}
