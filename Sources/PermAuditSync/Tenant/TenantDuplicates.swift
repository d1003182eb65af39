/// Names both places of two different objects that share an id. The store notices the conflict while
/// streaming; finding where the first one was means reading the files again, which only this error pays for.
enum TenantDuplicates {
    static func describe(collection: String, id: String, in files: [(source: InputSource, collection: TenantCollection)]) throws -> ImportError {
        var first: TenantObject?
        var places: [String] = []
        for file in files where places.count < 2 {
            let reader = try file.source.reader()
            while places.count < 2, let element = try reader.next() {
                // An element that does not decode never reached the store (left out with --skip-invalid).
                guard let objects = try? TenantElementDecoder.objects(element, collection: file.collection, file: file.source.name) else { continue }
                for object in objects where object.id == id && object.collection == collection {
                    // The first copy, then the first copy that differs from it (identical copies are fine).
                    if let first, first == object { continue }
                    first = first ?? object
                    places.append("\(file.source.name): \(element.location)")
                }
            }
        }
        guard places.count == 2, let second = places.last, let colon = second.range(of: ": ") else {
            return ImportError(file: "tenant export", problem: "two different \(collection) objects have the id \(id)")
        }
        return ImportError(file: String(second[..<colon.lowerBound]), location: String(second[colon.upperBound...]),
                           problem: "object \(id) differs from the one with the same id at \(places[0])")
    }
}

extension TenantObject {
    /// The store's name for the table this object goes to.
    var collection: String {
        switch self {
        case .servicePrincipal: "servicePrincipal"
        case .grant: "oauth2PermissionGrant"
        case .assignment: "appRoleAssignment"
        case .organization: "organization"
        }
    }
}
