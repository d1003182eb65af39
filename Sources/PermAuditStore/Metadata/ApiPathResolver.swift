/// Resolves a Kibali API path (`/communications/calls/{id}/mute`) through a metadata document's entity
/// container to the type it addresses: entity sets and singletons, key segments (`{id}`, `(appId={value})`),
/// navigation and structural properties, type casts, bound functions (whose result the path continues
/// from) and a final bound action or function (recorded as the operation called on the type).
///
/// Two liberties, each written into the resolution's note: a member that only a derived type declares is
/// accepted without the cast Graph documentation paths often leave out, and a query string is not read.
struct ApiPathResolver {
    let index: MetadataIndex

    init(_ document: MetadataDocument) {
        index = MetadataIndex(document)
    }

    init(_ index: MetadataIndex) {
        self.index = index
    }

    /// The value a path has addressed so far.
    private struct Position {
        var type: String
        var isCollection: Bool
        /// The last entity or complex type on the way: what a path ending in a primitive property addresses.
        var resource: String
    }

    /// Throws only when a stored document cannot be read; a path that does not resolve is a resolution too.
    func resolve(_ path: String) throws -> ApiPathResolution {
        var notes: [String] = []
        var route = path
        if let query = route.firstIndex(of: "?") {
            notes.append("query string \(route[query...]) not read")
            route = String(route[..<query])
        }
        do {
            let segments = try PathSegment.split(route, notes: &notes)
            guard let first = segments.first else { throw ResolutionError(segment: path, problem: "an empty path") }
            var position = try start(first)
            var operand = position
            var operation: MetadataDocument.Operation?
            for segment in segments.dropFirst() {
                if let action = operation, action.kind == .action {
                    throw ResolutionError(segment: segment.text, problem: "\(action.name) is an action: nothing can follow it")
                }
                operand = position
                (position, operation) = try step(position, segment, notes: &notes)
            }
            // A path that ends with an operation addresses the value the operation is called on.
            if operation != nil { position = operand }
            return ApiPathResolution(
                path: path, resourceType: position.resource, isCollection: position.type == position.resource ? position.isCollection : false,
                operation: operation?.qualifiedName, operationKind: operation?.kind.rawValue,
                returnType: operation?.returnType.map(Self.describe), note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        } catch let error as ResolutionError {
            return ApiPathResolution(path: path, unresolvedSegment: error.segment, problem: error.problem)
        }
    }

    // MARK: - Steps

    private func start(_ segment: PathSegment) throws -> Position {
        guard let member = index.containerMember(segment.name) else {
            throw ResolutionError(segment: segment.text, problem: "no entity set or singleton named \(segment.name)")
        }
        switch member.kind {
        case .entitySet:
            return Position(type: member.type, isCollection: segment.arguments == nil, resource: member.type)
        case .singleton:
            return Position(type: member.type, isCollection: false, resource: member.type)
        case .functionImport, .actionImport:
            throw ResolutionError(segment: segment.text, problem: "\(segment.name) is an unbound operation, not a resource")
        }
    }

    private func step(_ position: Position, _ segment: PathSegment, notes: inout [String])
        throws -> (Position, MetadataDocument.Operation?) {
        if segment.isKey {
            guard position.isCollection else {
                throw ResolutionError(segment: segment.text, problem: "a key, but \(Self.short(position.type)) is a single value, not a collection")
            }
            return (Position(type: position.type, isCollection: false, resource: position.resource), nil)
        }
        if segment.name.hasPrefix("$") {
            return (position, nil)  // $value, $count, $ref: the same resource
        }
        guard index.type(position.type) != nil else {
            throw ResolutionError(segment: segment.text, problem: "\(position.type) has no members")
        }
        if let found = try member(segment, of: position) { return (found, nil) }
        if let operation = try operation(segment.name, on: position) { return (call(operation, from: position), operation) }
        if let cast = cast(segment.name, from: position) { return (cast, nil) }
        if let (found, operation, declaringTypes) = try derivedMember(segment, of: position) {
            let names = declaringTypes.prefix(3).map(Self.short).joined(separator: ", ")
                + (declaringTypes.count > 3 ? " and \(declaringTypes.count - 3) more" : "")
            let which = declaringTypes.count == 1 ? "the derived type" : "the derived types"
            notes.append("\(segment.name) is declared by \(which) \(names); the path leaves out the cast")
            return (found, operation)
        }
        if position.isCollection, segment.looksLikeKeyValue {
            // A key written as a plain segment (`/calls/57dab8b1...`), as Graph accepts.
            notes.append("\(segment.text) read as a key")
            return (Position(type: position.type, isCollection: false, resource: position.resource), nil)
        }
        let what = position.isCollection ? "bound operation on a collection of" : "property, navigation property or bound operation of"
        throw ResolutionError(segment: segment.text, problem: "no \(what) \(Self.short(position.type)) is named \(segment.name)")
    }

    /// A property or navigation property of a single value's type or its base types.
    private func member(_ segment: PathSegment, of position: Position) throws -> Position? {
        guard !position.isCollection else { return nil }
        for type in index.lineage(of: position.type) {
            guard let member = try index.ownMember(segment.name, of: type), let memberType = member.type else { continue }
            let resource = isStructured(memberType.name) ? memberType.name : position.resource
            // `items(...)`: a key in parentheses on a collection-valued navigation property.
            let isCollection = memberType.isCollection && segment.arguments == nil
            return Position(type: memberType.name, isCollection: isCollection, resource: resource)
        }
        return nil
    }

    private func operation(_ name: String, on position: Position) throws -> MetadataDocument.Operation? {
        for type in index.lineage(of: position.type) {
            if let found = try index.boundOperation(name, on: type.qualifiedName, collection: position.isCollection)
                ?? index.qualifiedOperation(name, on: type.qualifiedName, collection: position.isCollection) {
                return found
            }
        }
        return nil
    }

    /// The position after calling a bound operation: a function's result, or (for an action) unchanged.
    private func call(_ operation: MetadataDocument.Operation, from position: Position) -> Position {
        guard operation.kind == .function, let result = operation.returnType else { return position }
        // A primitive result (Edm.Int32, Edm.Stream) has no members: a segment after it fails to resolve.
        let resource = isStructured(result.name) ? result.name : position.resource
        return Position(type: result.name, isCollection: result.isCollection, resource: resource)
    }

    /// A type cast segment (`microsoft.graph.group`) to the type or one derived from it.
    private func cast(_ name: String, from position: Position) -> Position? {
        guard name.contains("."), let type = index.typeNamed(name),
              index.isType(type.qualifiedName, derivedFrom: position.type) else { return nil }
        return Position(type: type.qualifiedName, isCollection: position.isCollection, resource: type.qualifiedName)
    }

    /// A member or operation that only types derived from the current one declare: the path continues
    /// from the nearest, and every declaring type is named.
    private func derivedMember(_ segment: PathSegment, of position: Position)
        throws -> (Position, MetadataDocument.Operation?, declaringTypes: [String])? {
        var first: (Position, MetadataDocument.Operation?)?
        var declaringTypes: [String] = []
        for derived in index.descendants(of: position.type) {
            let cast = Position(type: derived, isCollection: position.isCollection, resource: derived)
            guard let type = index.type(derived) else { continue }
            if try index.ownMember(segment.name, of: type) != nil, let found = try member(segment, of: cast) {
                first = first ?? (found, nil)
                declaringTypes.append(derived)
            } else if let operation = try index.boundOperation(segment.name, on: derived, collection: position.isCollection) {
                first = first ?? (call(operation, from: cast), operation)
                declaringTypes.append(derived)
            }
        }
        return first.map { ($0.0, $0.1, declaringTypes) }
    }

    /// An entity or complex type, as opposed to a primitive (`Edm.String`) or an enum: what a path can address.
    /// A type the document names but does not define still counts: the path reaches it.
    private func isStructured(_ name: String) -> Bool {
        guard let type = index.type(name) else { return !name.hasPrefix("Edm.") }
        return type.kind != .enumType
    }

    private static func describe(_ type: MetadataDocument.TypeReference) -> String {
        type.isCollection ? "Collection(\(type.name))" : type.name
    }

    private static func short(_ type: String) -> String {
        type.hasPrefix("microsoft.graph.") ? String(type.dropFirst("microsoft.graph.".count)) : type
    }
}
