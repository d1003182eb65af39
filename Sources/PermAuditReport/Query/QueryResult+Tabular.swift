import Foundation
import PermAuditStore

extension Tabular {
    /// An ad-hoc query's result; blobs are shown as SQL hex literals.
    public init(_ result: QueryResult) {
        self.init(columns: result.columns, rows: result.rows.map { $0.map(Cell.init) })
    }
}

extension Tabular.Cell {
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let int): self = .literal(String(int))
        case .real(let double): self = double.isFinite ? .literal("\(double)") : .text("\(double)")
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .text("x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'")
        }
    }
}
