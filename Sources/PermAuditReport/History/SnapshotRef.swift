import PermAuditStore

/// A way to name a catalog snapshot: its id, an as-of date (the latest snapshot on or before it),
/// `latest` or `previous`.
public enum SnapshotRef: Equatable, Sendable {
    case id(Int64)
    case onOrBefore(String)
    case latest
    case previous

    public init?(_ text: String) {
        switch text {
        case "latest": self = .latest
        case "previous": self = .previous
        default:
            if let id = Int64(text), id > 0 {
                self = .id(id)
            } else if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil {
                self = .onOrBefore(text)
            } else {
                return nil
            }
        }
    }

    /// The snapshot this names among a series' snapshots (oldest first).
    public func resolve<Snapshot: DatedSnapshot>(in series: [Snapshot], seriesName: String) throws -> Snapshot {
        let found: Snapshot? = switch self {
        case .id(let id): series.first { $0.id == id }
        case .onOrBefore(let date): series.last { $0.asOf <= date }
        case .latest: series.last
        case .previous: series.count >= 2 ? series[series.count - 2] : nil
        }
        guard let found else { throw HistoryError.noSnapshot(ref: self, series: seriesName, count: series.count) }
        return found
    }
}

/// A snapshot of a catalog series or of a tenant: what references resolve against.
public protocol DatedSnapshot {
    var id: Int64 { get }
    var asOf: String { get }
}

extension CatalogSnapshotSummary: DatedSnapshot {}
extension TenantSnapshotSummary: DatedSnapshot {}

public enum HistoryError: Error, Equatable, CustomStringConvertible {
    case noSnapshot(ref: SnapshotRef, series: String, count: Int)
    case unknownPermission(String)
    case noTenant
    case severalTenants([String])

    public var description: String {
        switch self {
        case let .noSnapshot(ref, series, count):
            let what = switch ref {
            case .id(let id): "no snapshot #\(id)"
            case .onOrBefore(let date): "no snapshot on or before \(date)"
            case .latest: "no snapshot"
            case .previous: "no previous snapshot"
            }
            return "\(what) in the \(series) series (it has \(Plural.count(count, "snapshot")))" + Self.howToAdd(series, count: count)
        case .unknownPermission(let name):
            return "no snapshot holds a permission named \"\(name)\""
        case .noTenant:
            return "no tenant snapshot in the database; import a tenant export first (permaudit import --sample to try)"
        case .severalTenants(let tenants):
            return "the database holds several tenants (\(tenants.joined(separator: ", "))): name one with --tenant"
        }
    }

    /// A newcomer with one snapshot needs to know where a second comes from. Tenant series are named
    /// `tenant ID` (TenantDiff, AdminConsentReport); the others are catalog sources.
    private static func howToAdd(_ series: String, count: Int) -> String {
        guard count < 2 else { return "" }
        return series.hasPrefix("tenant ")
            ? "; import a newer export of the tenant: permaudit import EXPORT-FOLDER --as-of YYYY-MM-DD"
            : "; import a newer catalog file of the series: permaudit import permissions.json --as-of YYYY-MM-DD"
    }
}
