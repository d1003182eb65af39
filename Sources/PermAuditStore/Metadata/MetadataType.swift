/// An entity, complex or enum type of a CSDL document with the members it declares itself
/// (inherited members stay with the base type that declares them).
public struct MetadataType: Sendable, Equatable {
    public enum Kind: String, Sendable { case entityType, complexType, enumType }

    public var namespace: String
    public var name: String
    public var kind: Kind
    public var baseType: String?
    public var isAbstract = false
    public var isOpenType = false
    public var description: String?
    public var members: [Member] = []

    public init(namespace: String, name: String, kind: Kind, baseType: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.kind = kind
        self.baseType = baseType
    }

    public var qualifiedName: String { namespace + "." + name }

    /// A structural or navigation property, or an enum member.
    public struct Member: Sendable, Equatable {
        public enum Kind: String, Sendable { case property, navigationProperty, enumMember }
        public var name: String
        public var kind: Kind
        /// The element type; nil for enum members.
        public var type: MetadataDocument.TypeReference?
        public var nullable: Bool?
        public var containsTarget: Bool?
        /// An enum member's value.
        public var value: String?
        public var description: String?

        public init(name: String, kind: Kind, type: MetadataDocument.TypeReference?, nullable: Bool? = nil,
                    containsTarget: Bool? = nil, value: String? = nil, description: String? = nil) {
            self.name = name
            self.kind = kind
            self.type = type
            self.nullable = nullable
            self.containsTarget = containsTarget
            self.value = value
            self.description = description
        }
    }
}
