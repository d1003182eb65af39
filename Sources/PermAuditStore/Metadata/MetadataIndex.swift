/// Lookups over one metadata document for path resolution. Names are found with their exact case
/// first, then without regard to case (Kibali writes `contentsharingsessions` for `contentSharingSessions`).
/// The types and the entity container are held whole (a few thousand names); members and bound operations
/// come from `MetadataMembers`, so a stored document is read only where a path goes.
struct MetadataIndex {
    /// The types without their members (those are `members`').
    private let types: [String: MetadataType]
    private let typesByLowercasedName: [String: [String]]
    private let derivedTypes: [String: [String]]
    private let container: [String: [MetadataDocument.ContainerMember]]
    private let members: any MetadataMembers

    init(_ document: MetadataDocument) {
        self.init(types: document.types, containerMembers: document.containerMembers, members: DocumentMembers(document))
    }

    init(types documentTypes: [MetadataType], containerMembers: [MetadataDocument.ContainerMember], members: any MetadataMembers) {
        var types: [String: MetadataType] = [:]
        var byName: [String: [String]] = [:]
        var derived: [String: [String]] = [:]
        for var type in documentTypes {
            type.members = []
            types[type.qualifiedName] = type
            byName[type.qualifiedName.lowercased(), default: []].append(type.qualifiedName)
            if let base = type.baseType { derived[base, default: []].append(type.qualifiedName) }
        }
        self.types = types
        self.members = members
        typesByLowercasedName = byName
        derivedTypes = derived
        container = Dictionary(grouping: containerMembers) { $0.name.lowercased() }
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
    func ownMember(_ name: String, of type: MetadataType) throws -> MetadataType.Member? {
        Self.pick(try members.members(of: type.qualifiedName)[name.lowercased()] ?? [], name: name, \.name)
    }

    /// An operation bound to exactly this type (or a collection of it).
    func boundOperation(_ name: String, on type: String, collection: Bool) throws -> MetadataDocument.Operation? {
        let lowercased = name.lowercased()
        let candidates = try members.operations(boundTo: type).filter {
            $0.binding?.isCollection == collection && $0.name.lowercased() == lowercased
        }
        return Self.pick(candidates, name: name, \.name)
    }

    /// An operation named with its namespace (`microsoft.graph.delta`) bound to this type.
    func qualifiedOperation(_ name: String, on type: String, collection: Bool) throws -> MetadataDocument.Operation? {
        let lowercased = name.lowercased()
        let candidates = try members.operations(boundTo: type).filter {
            $0.binding?.isCollection == collection && $0.qualifiedName.lowercased() == lowercased
        }
        return Self.pick(candidates, name: name, \.qualifiedName)
    }

    /// The exact-case candidate if there is one, else the first one that differs only by case.
    private static func pick<T>(_ candidates: [T], name: String, _ key: (T) -> String) -> T? {
        candidates.first { key($0) == name } ?? candidates.first
    }
}
