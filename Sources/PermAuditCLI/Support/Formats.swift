import ArgumentParser
import PermAuditReport
import PermAuditStore

extension ListingFormat: ExpressibleByArgument {}
extension PermissionKind: ExpressibleByArgument {}

extension ListingFormat {
    /// With no --format: a table for people at a terminal, JSON for pipes and scripts.
    static func resolved(_ chosen: ListingFormat?) -> ListingFormat {
        chosen ?? (Console.stdoutIsTerminal ? .table : .json)
    }
}
