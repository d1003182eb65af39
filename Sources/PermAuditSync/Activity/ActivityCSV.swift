import Foundation

/// Graph activity exported as CSV (Log Analytics' "Export to CSV"): a header row of column names, which the
/// portal may suffix with the time zone (`TimeGenerated [UTC]`), then one request per row.
enum ActivityCSV {
    static func matches(firstLine: String) -> Bool {
        let names = Set(CSVLine.fields(firstLine).map(columnName))
        return names.isSuperset(of: ["requesturi", "requestmethod"])
    }

    static func read(_ bytes: Data, file: String, _ body: ([String: Any], String) throws -> Void) throws {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        guard let header = lines.first else { return }
        let names = CSVLine.fields(String(header)).map(columnName)
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = CSVLine.fields(String(line))
            guard fields.count == names.count else {
                throw ImportError(file: file, location: "line \(index + 1)",
                                  problem: "expected \(names.count) fields, one per column of the header, found \(fields.count)")
            }
            try body(Dictionary(zip(names, fields.map { $0 as Any })) { first, _ in first }, "line \(index + 1)")
        }
    }

    /// `TimeGenerated [UTC]` is `timegenerated`.
    private static func columnName(_ field: String) -> String {
        let name = field.trimmingCharacters(in: .whitespaces)
        return String(name.prefix { $0 != " " && $0 != "[" }).lowercased()
    }
}
