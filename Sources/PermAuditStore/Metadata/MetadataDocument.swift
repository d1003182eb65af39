/// One Graph CSDL `$metadata` document, as permaudit stores it: types with their properties, enums,
/// the entity container and the bound operations. Type names are namespace-qualified with aliases
/// replaced (`graph.call` is stored as `microsoft.graph.call`).
public struct MetadataDocument: Sendable, Equatable {
    public var fileName: String
    public var fileSha256: String
    public var asOf: String
    /// `v1.0` or `beta`: the Graph endpoint the document describes.
    public var apiVersion: String
    public var namespaces: [Namespace] = []
    public var types: [MetadataType] = []
    public var containerMembers: [ContainerMember] = []
    public var operations: [Operation] = []
    /// Description annotations whose target names nothing in the document; counted, not stored.
    public var unplacedDescriptions = 0

    public init(fileName: String, fileSha256: String, asOf: String, apiVersion: String) {
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.asOf = asOf
        self.apiVersion = apiVersion
    }

    public struct Namespace: Sendable, Equatable {
        public var name: String
        public var alias: String?

        public init(name: String, alias: String?) {
            self.name = name
            self.alias = alias
        }
    }

    /// A type reference: an element type and whether it is a `Collection(...)`.
    public struct TypeReference: Sendable, Equatable, Hashable {
        public var name: String
        public var isCollection: Bool

        public init(name: String, isCollection: Bool) {
            self.name = name
            self.isCollection = isCollection
        }
    }

    public struct ContainerMember: Sendable, Equatable {
        public enum Kind: String, Sendable { case entitySet, singleton, functionImport, actionImport }
        public var name: String
        public var kind: Kind
        /// The entity type (entity sets, singletons) or the qualified operation (imports).
        public var type: String
        public var description: String?

        public init(name: String, kind: Kind, type: String, description: String? = nil) {
            self.name = name
            self.kind = kind
            self.type = type
            self.description = description
        }
    }

    public struct Operation: Sendable, Equatable {
        public enum Kind: String, Sendable { case action, function }
        public var namespace: String
        public var name: String
        public var kind: Kind
        public var isBound: Bool
        public var isComposable: Bool
        public var parameters: [Parameter] = []
        public var returnType: TypeReference?
        public var description: String?

        public init(namespace: String, name: String, kind: Kind, isBound: Bool, isComposable: Bool) {
            self.namespace = namespace
            self.name = name
            self.kind = kind
            self.isBound = isBound
            self.isComposable = isComposable
        }

        public var qualifiedName: String { namespace + "." + name }
        /// The type a bound operation is called on: its first parameter's.
        public var binding: TypeReference? { isBound ? parameters.first?.type : nil }
    }

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var type: TypeReference
        public var nullable: Bool?

        public init(name: String, type: TypeReference, nullable: Bool?) {
            self.name = name
            self.type = type
            self.nullable = nullable
        }
    }
}
