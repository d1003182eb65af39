import PermAuditStore

extension PermissionPage {
    /// A resource type the permission's API paths reach, with (some of) its properties.
    public struct Resource: Sendable, Equatable {
        /// The type's name without the `microsoft.graph.` namespace (`call`, `callRecords.callRecord`).
        public var type: String
        public var qualifiedName: String
        public var kind: String?
        public var baseType: String?
        public var description: String?
        /// How many of the permission's paths reach it, and with which HTTP methods.
        public var pathCount: Int
        public var methods: [String]
        /// Every property, inherited ones included; `properties` holds the first `propertyLimit` of them.
        public var propertyCount: Int
        public var properties: [Property]
    }

    public struct Property: Sendable, Equatable {
        public var name: String
        /// `Edm.String`, `callRoute`, `Collection(modality)`.
        public var type: String
        public var isNavigation: Bool
        /// CSDL's `Nullable`, true when the document leaves the attribute out (its default).
        public var nullable: Bool
        /// The type that declares it: the resource itself or a base type.
        public var declaredBy: String
        public var description: String?
        /// The metadata document the description comes from, when not the current one.
        public var descriptionAsOf: String?
    }

    /// Graph's own namespace is left out of names, as Graph's documentation does.
    static func shortName(_ qualified: String) -> String {
        qualified.hasPrefix("microsoft.graph.") ? String(qualified.dropFirst("microsoft.graph.".count)) : qualified
    }
}

extension PermissionPage.Resource: PageJSON {
    init(_ resource: PermissionResource, properties: [ResourceProperty], limit: Int?, metadataAsOf: String?) {
        self.init(
            type: PermissionPage.shortName(resource.resourceType), qualifiedName: resource.resourceType, kind: resource.kind,
            baseType: resource.baseType.map(PermissionPage.shortName), description: resource.description,
            pathCount: resource.pathCount, methods: HTTPMethods.sorted(resource.methods.split(separator: ",").map(String.init)),
            propertyCount: properties.count,
            properties: properties.prefix(limit ?? properties.count).map { PermissionPage.Property($0, metadataAsOf: metadataAsOf) })
    }

    var json: JSONValue {
        JSONFields([
            ("type", type),
            ("qualifiedName", qualifiedName),
            ("kind", kind),
            ("baseType", baseType),
            ("description", description),
            ("pathCount", pathCount),
            ("methods", methods),
            ("propertyCount", propertyCount),
            ("properties", properties),
        ]).json
    }
}

extension PermissionPage.Property: PageJSON {
    init(_ property: ResourceProperty, metadataAsOf: String?) {
        let type = PermissionPage.shortName(property.type)
        self.init(
            name: property.name, type: property.isCollection ? "Collection(\(type))" : type,
            isNavigation: property.kind == "navigationProperty", nullable: property.nullable ?? true,
            declaredBy: PermissionPage.shortName(property.declaringType), description: property.description,
            descriptionAsOf: property.descriptionAsOf == metadataAsOf ? nil : property.descriptionAsOf)
    }

    var json: JSONValue {
        JSONFields([
            ("name", name),
            ("type", type),
            ("isNavigation", isNavigation),
            ("nullable", nullable),
            ("declaredBy", declaredBy),
            ("description", description),
            ("descriptionAsOf", descriptionAsOf),
        ]).json
    }
}
