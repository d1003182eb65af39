import Foundation
import GRDB

extension Row {
    /// The text in `column`, NUL bytes included: GRDB reads a string up to its first NUL. Whole only for a
    /// row of a cursor (which still sees the statement); a copied row holds GRDB's cut string already.
    func wholeText(_ column: String) throws -> String? {
        try withUnsafeData(named: column) { data in data.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The text at `index`, NUL bytes included (see `wholeText(_:)`).
    func wholeText(at index: Int) throws -> String? {
        try withUnsafeData(atIndex: index) { data in data.map { String(decoding: $0, as: UTF8.self) } }
    }
}
