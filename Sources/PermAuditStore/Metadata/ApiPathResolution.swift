/// Where one API path leads in one metadata document: the type it addresses, or the segment that
/// does not resolve and why.
public struct ApiPathResolution: Sendable, Equatable {
    public var path: String
    /// The entity or complex type the path addresses (an operation at the end is called on it).
    public var resourceType: String?
    public var isCollection: Bool?
    /// The bound action or function the path ends with.
    public var operation: String?
    public var operationKind: String?
    public var returnType: String?
    /// How the path was read where it bends the rules, e.g. a derived type's member reached without a cast.
    public var note: String?
    public var unresolvedSegment: String?
    public var problem: String?

    public init(path: String, resourceType: String? = nil, isCollection: Bool? = nil, operation: String? = nil,
                operationKind: String? = nil, returnType: String? = nil, note: String? = nil,
                unresolvedSegment: String? = nil, problem: String? = nil) {
        self.path = path
        self.resourceType = resourceType
        self.isCollection = isCollection
        self.operation = operation
        self.operationKind = operationKind
        self.returnType = returnType
        self.note = note
        self.unresolvedSegment = unresolvedSegment
        self.problem = problem
    }

    public var isResolved: Bool { resourceType != nil }
}
