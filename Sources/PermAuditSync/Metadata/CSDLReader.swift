import Foundation
import PermAuditStore

/// Reads a Graph CSDL `$metadata` document (OData CSDL XML 4.0) into a `MetadataDocument`.
///
/// Descriptions come from `Core.Description` annotations, written inline in the element they describe or
/// in `<Annotations Target="...">` blocks; targets are placed once the whole document (and so every
/// schema alias) is known.
struct CSDLReader {
    private var reader: XMLReader
    private var document: MetadataDocument
    private var path: [String] = []
    private var namespace = ""
    private var aliases: [String: String] = [:]
    /// Aliases of the vocabulary namespace `Org.OData.Core.V1` (`Core` in most documents).
    private var coreAliases: Set<String> = ["Org.OData.Core.V1"]
    private var place: Place?
    private var annotationsTarget: String?
    private var targetedDescriptions: [(target: String, text: String)] = []
    /// Set while inside a description annotation that carries its text in a `<String>` child.
    private var openDescription: Place?
    private var containerName: String?
    /// Names declared so far, to refuse a second declaration (the store keys on them).
    private var declaredTypes: Set<String> = []
    private var declaredContainerMembers: Set<String> = []

    /// What the innermost annotatable element is.
    private enum Place {
        case type(Int), member(Int, Int), containerMember(Int), operation(Int), target(String)
    }

    static func read(file: String, data: Data, asOf: String, apiVersion: String, sha256: String) throws -> MetadataDocument {
        var builder = try CSDLReader(
            reader: XMLReader(file: file, data: data),
            document: MetadataDocument(fileName: file, fileSha256: sha256, asOf: asOf, apiVersion: apiVersion))
        return try builder.build()
    }

    private init(reader: XMLReader, document: MetadataDocument) {
        self.reader = reader
        self.document = document
    }

    private mutating func build() throws -> MetadataDocument {
        while let event = try reader.next() {
            switch event {
            case .start(let name, let attributes):
                try start(Self.localName(name), attributes)
                path.append(Self.localName(name))
            case .end:
                end(path.removeLast())
            case .text(let text):
                if let target = openDescription, path.last == "String" { describe(target, text) }
            }
        }
        guard !document.namespaces.isEmpty else {
            throw ImportError(file: document.fileName, problem: "no <Schema> element: not a CSDL $metadata document")
        }
        qualifyTypeNames()
        placeTargetedDescriptions()
        return document
    }

    // MARK: - Elements

    private mutating func start(_ element: String, _ attributes: [String: String]) throws {
        if path.isEmpty, element != "Edmx" {
            throw reader.error("the root element is <\(element)>, expected <edmx:Edmx> (a CSDL $metadata document)")
        }
        switch (element, path.last) {
        case ("Include", "Reference"?):
            if attributes["Namespace"] == "Org.OData.Core.V1", let alias = attributes["Alias"] { coreAliases.insert(alias) }
        case ("Schema", _):
            namespace = try required("Namespace", attributes, element)
            let alias = attributes["Alias"]
            if let alias { aliases[alias] = namespace }
            document.namespaces.append(.init(name: namespace, alias: alias))
        case ("EntityType", "Schema"?), ("ComplexType", "Schema"?), ("EnumType", "Schema"?):
            try startType(element, attributes)
        case ("Property", _), ("NavigationProperty", _), ("Member", "EnumType"?):
            try startMember(element, attributes)
        case ("Action", "Schema"?), ("Function", "Schema"?):
            var operation = MetadataDocument.Operation(
                namespace: namespace, name: try required("Name", attributes, element),
                kind: element == "Action" ? .action : .function,
                isBound: attributes["IsBound"] == "true", isComposable: attributes["IsComposable"] == "true")
            operation.parameters = []
            document.operations.append(operation)
            place = .operation(document.operations.count - 1)
        case ("Parameter", "Action"?), ("Parameter", "Function"?):
            guard case .operation(let index) = place else { break }  // an Action outside a Schema is not read
            let type = try required("Type", attributes, element)
            document.operations[index].parameters.append(.init(
                name: try required("Name", attributes, element), type: Self.reference(type), nullable: Self.flag(attributes["Nullable"])))
        case ("ReturnType", "Action"?), ("ReturnType", "Function"?):
            guard case .operation(let index) = place else { break }
            document.operations[index].returnType = Self.reference(try required("Type", attributes, element))
        case ("EntityContainer", "Schema"?):
            containerName = namespace + "." + (try required("Name", attributes, element))
        case ("EntitySet", "EntityContainer"?), ("Singleton", "EntityContainer"?),
             ("FunctionImport", "EntityContainer"?), ("ActionImport", "EntityContainer"?):
            try startContainerMember(element, attributes)
        case ("Annotations", "Schema"?):
            annotationsTarget = try required("Target", attributes, element)
            place = .target(annotationsTarget!)
        case ("Annotation", _):
            try startAnnotation(attributes)
        default:
            break
        }
    }

    private mutating func end(_ element: String) {
        switch element {
        case "Annotation": openDescription = nil
        case "Property", "NavigationProperty", "Member":
            if case .member(let type, _) = place { place = .type(type) }
        case "EntitySet", "Singleton", "FunctionImport", "ActionImport", "EntityType", "ComplexType", "EnumType",
             "Action", "Function", "Annotations":
            place = nil
        default: break
        }
    }

    private mutating func startType(_ element: String, _ attributes: [String: String]) throws {
        let kind: MetadataType.Kind = element == "EntityType" ? .entityType : element == "ComplexType" ? .complexType : .enumType
        var type = MetadataType(namespace: namespace, name: try required("Name", attributes, element), kind: kind,
                                baseType: attributes["BaseType"])
        guard declaredTypes.insert(type.qualifiedName).inserted else {
            throw reader.error("the type \(type.qualifiedName) is declared twice")
        }
        type.isAbstract = attributes["Abstract"] == "true"
        type.isOpenType = attributes["OpenType"] == "true"
        document.types.append(type)
        place = .type(document.types.count - 1)
    }

    private mutating func startMember(_ element: String, _ attributes: [String: String]) throws {
        guard case .type(let typeIndex) = place else { return }  // a Property inside something else (a Record)
        let name = try required("Name", attributes, element)
        let member: MetadataType.Member
        switch element {
        case "Member":
            member = .init(name: name, kind: .enumMember, type: nil, value: attributes["Value"])
        default:
            member = .init(
                name: name, kind: element == "Property" ? .property : .navigationProperty,
                type: Self.reference(try required("Type", attributes, element)),
                nullable: Self.flag(attributes["Nullable"]), containsTarget: Self.flag(attributes["ContainsTarget"]))
        }
        guard !document.types[typeIndex].members.contains(where: { $0.name == name }) else {
            throw reader.error("\(document.types[typeIndex].qualifiedName) declares \(name) twice")
        }
        document.types[typeIndex].members.append(member)
        place = .member(typeIndex, document.types[typeIndex].members.count - 1)
    }

    private mutating func startContainerMember(_ element: String, _ attributes: [String: String]) throws {
        let (kind, typeAttribute): (MetadataDocument.ContainerMember.Kind, String) = switch element {
        case "EntitySet": (.entitySet, "EntityType")
        case "Singleton": (.singleton, "Type")
        case "FunctionImport": (.functionImport, "Function")
        default: (.actionImport, "Action")
        }
        let name = try required("Name", attributes, element)
        guard declaredContainerMembers.insert(name).inserted else {
            throw reader.error("the entity container declares \(name) twice")
        }
        document.containerMembers.append(.init(name: name, kind: kind, type: try required(typeAttribute, attributes, element)))
        place = .containerMember(document.containerMembers.count - 1)
    }

    private mutating func startAnnotation(_ attributes: [String: String]) throws {
        guard let place, let term = attributes["Term"], isDescriptionTerm(term) else { return }
        // Only an annotation directly inside the element it describes (not one nested in a Record).
        guard ["EntityType", "ComplexType", "EnumType", "Property", "NavigationProperty", "Member", "EntitySet",
               "Singleton", "FunctionImport", "ActionImport", "Action", "Function", "Annotations"].contains(path.last ?? "")
        else { return }
        if let text = attributes["String"] {
            describe(place, text)
        } else {
            openDescription = place
        }
    }

    private func isDescriptionTerm(_ term: String) -> Bool {
        guard let dot = term.lastIndex(of: "."), term[term.index(after: dot)...] == "Description" else { return false }
        return coreAliases.contains(String(term[..<dot]))
    }

    private mutating func describe(_ place: Place, _ text: String) {
        switch place {
        case .type(let index): document.types[index].description = text
        case .member(let type, let member): document.types[type].members[member].description = text
        case .containerMember(let index): document.containerMembers[index].description = text
        case .operation(let index): document.operations[index].description = text
        case .target(let target): targetedDescriptions.append((target, text))
        }
    }

    private func required(_ attribute: String, _ attributes: [String: String], _ element: String) throws -> String {
        guard let value = attributes[attribute], !value.isEmpty else {
            throw reader.error("<\(element)> has no \(attribute) attribute")
        }
        return value
    }

    // MARK: - Names

    /// Replaces schema aliases (`graph.call`) by their namespace once every schema has been read.
    private mutating func qualifyTypeNames() {
        let qualify = { [aliases] (name: String) in Self.qualified(name, aliases: aliases) }
        document.types = document.types.map { type in
            var type = type
            type.baseType = type.baseType.map(qualify)
            type.members = type.members.map { member in
                var member = member
                if let type = member.type { member.type?.name = qualify(type.name) }
                return member
            }
            return type
        }
        document.containerMembers = document.containerMembers.map { member in
            var member = member
            member.type = qualify(member.type)
            return member
        }
        document.operations = document.operations.map { operation in
            var operation = operation
            if let returnType = operation.returnType { operation.returnType?.name = qualify(returnType.name) }
            operation.parameters = operation.parameters.map { parameter in
                var parameter = parameter
                parameter.type.name = qualify(parameter.type.name)
                return parameter
            }
            return operation
        }
    }

    private func qualified(_ name: String) -> String {
        Self.qualified(name, aliases: aliases)
    }

    private static func qualified(_ name: String, aliases: [String: String]) -> String {
        guard let dot = name.firstIndex(of: "."), let namespace = aliases[String(name[..<dot])] else { return name }
        return namespace + name[dot...]
    }

    /// Places `<Annotations Target=...>` descriptions: `ns.type`, `ns.type/member`, `ns.Container/member`,
    /// or `ns.operation(bindingType, ...)`. Targets naming nothing are counted.
    private mutating func placeTargetedDescriptions() {
        var types: [String: Int] = [:]
        for (index, type) in document.types.enumerated() { types[type.qualifiedName] = index }
        for (target, text) in targetedDescriptions {
            if let place = self.place(of: target, types: types) {
                describe(place, text)
            } else {
                document.unplacedDescriptions += 1
            }
        }
    }

    private func place(of target: String, types: [String: Int]) -> Place? {
        if let open = target.firstIndex(of: "(") {
            let name = qualified(String(target[..<open]))
            var binding = Self.reference(Self.firstParameterType(target[target.index(after: open)...]))
            binding.name = qualified(binding.name)
            return document.operations.firstIndex { $0.qualifiedName == name && $0.binding == binding }.map(Place.operation)
        }
        let parts = target.split(separator: "/").map(String.init)
        let owner = qualified(parts[0])
        if parts.count == 1 { return types[owner].map(Place.type) }
        guard parts.count == 2 else { return nil }
        if owner == containerName {
            return document.containerMembers.firstIndex { $0.name == parts[1] }.map(Place.containerMember)
        }
        guard let typeIndex = types[owner],
              let memberIndex = document.types[typeIndex].members.firstIndex(where: { $0.name == parts[1] }) else { return nil }
        return .member(typeIndex, memberIndex)
    }

    /// `Collection(ns.a), Edm.String)` -> `Collection(ns.a)`.
    private static func firstParameterType(_ list: Substring) -> String {
        if list.hasPrefix("Collection("), let close = list.firstIndex(of: ")") { return String(list[...close]) }
        return String(list.prefix { $0 != "," && $0 != ")" }).trimmingCharacters(in: .whitespaces)
    }

    private static func reference(_ type: String) -> MetadataDocument.TypeReference {
        if type.hasPrefix("Collection("), type.hasSuffix(")") {
            return .init(name: String(type.dropFirst("Collection(".count).dropLast()), isCollection: true)
        }
        return .init(name: type, isCollection: false)
    }

    private static func flag(_ value: String?) -> Bool? {
        value.map { $0 == "true" }
    }

    private static func localName(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
}
