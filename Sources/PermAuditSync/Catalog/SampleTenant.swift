import Foundation
import PermAuditStore

/// The synthetic Contoso tenant compiled into the binary (Seeds/sample-tenant), for `import --sample`.
public enum SampleTenant {
    /// Its exports (2026-11-01, and 2026-11-08 with known changes), as named inputs for `Importer`, one list
    /// per export.
    public static var weeks: [[(name: String, bytes: Data)]] {
        let inputs = EmbeddedFiles.sampleTenant.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
        return ["2026-11-01", "2026-11-08"].map { week in inputs.filter { $0.name.hasSuffix("\(week).json") } }
    }
}
