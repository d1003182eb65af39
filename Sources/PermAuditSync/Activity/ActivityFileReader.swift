import Foundation

/// Reads the records of one activity-log file, whatever its export shape: the storage account's JSON
/// Lines (`PT1H.json`) or older `{"records": [...]}` blobs, Log Analytics query results
/// (`{"tables": [{"columns", "rows"}]}`), and lists or NDJSON of flat objects. Lines and lists are streamed.
struct ActivityFileReader {
    let source: InputSource

    /// The export shape, for the import's record.
    enum Shape: String {
        case storage, logAnalytics, objects, csv
    }

    /// Calls `body` with each record's decoding and its location in the file: streamed elements take the
    /// scanner's fast path when they can.
    func records(_ body: (Result<ActivityRecord, ActivityRecord.Problem>, String) throws -> Void) throws -> Shape {
        let scanner = ActivityRecordScanner()
        return try read(fast: { element in scanner.values(in: element).map { ActivityRecord.decode($0) } }) { fields, location in
            try body(ActivityRecord.decode(fields), location)
        } fastBody: { result, location in
            try body(result, location)
        }
    }

    /// Calls `body` with each record's fields and its location in the file.
    func read(_ body: ([String: Any], String) throws -> Void) throws -> Shape {
        try read(fast: { _ in nil }, body, fastBody: { _, _ in })
    }

    private func read(fast: (Data) -> Result<ActivityRecord, ActivityRecord.Problem>?, _ body: ([String: Any], String) throws -> Void,
                      fastBody: (Result<ActivityRecord, ActivityRecord.Problem>, String) throws -> Void) throws -> Shape {
        if try source.sniff() == .activityCSV {
            try ActivityCSV.read(try source.bytes(), file: source.name, body)
            return .csv
        }
        let reader = try source.reader()
        switch reader.layout {
        case .lines, .list, .page:
            var shape = Shape.objects
            while let element = try reader.next() {
                if let result = fast(element.bytes) {
                    if element.index == 0, element.bytes.range(of: Data("\"properties\"".utf8)) != nil { shape = .storage }
                    try fastBody(result, element.location)
                    continue
                }
                let object = try Self.object(element.bytes, source.name, element.location)
                if object.keys.contains(where: { $0.lowercased() == "properties" }) { shape = .storage }
                try body(object, element.location)
            }
            return shape
        case .document:
            if let records = reader.topLevel.first(where: { $0.key.lowercased() == "records" })?.value {
                for (index, record) in try Self.list(records, source.name, "$.records").enumerated() {
                    try body(record, "$.records[\(index)]")
                }
                return .storage
            }
            if let tables = reader.topLevel.first(where: { $0.key.lowercased() == "tables" })?.value {
                try LogAnalyticsTables.read(tables, file: source.name, body)
                return .logAnalytics
            }
            try body(try Self.object(try source.bytes(), source.name, "line 1"), "line 1")
            return .storage
        }
    }

    static func object(_ bytes: Data, _ file: String, _ location: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw ImportError(file: file, location: location, problem: "expected an activity-log record (a JSON object)")
        }
        return object
    }

    private static func list(_ bytes: Data, _ file: String, _ location: String) throws -> [[String: Any]] {
        guard let list = try? JSONSerialization.jsonObject(with: bytes) as? [[String: Any]] else {
            throw ImportError(file: file, location: location, problem: "expected a list of activity-log records")
        }
        return list
    }
}

/// Log Analytics' query results: named columns, positional rows.
enum LogAnalyticsTables {
    static func read(_ bytes: Data, file: String, _ body: ([String: Any], String) throws -> Void) throws {
        guard let tables = try? JSONSerialization.jsonObject(with: bytes) as? [[String: Any]] else {
            throw ImportError(file: file, location: "$.tables", problem: "expected a list of tables")
        }
        for (tableIndex, table) in tables.enumerated() {
            let location = "$.tables[\(tableIndex)]"
            guard let columns = table["columns"] as? [[String: Any]], let rows = table["rows"] as? [[Any]] else {
                throw ImportError(file: file, location: location, problem: "expected \"columns\" and \"rows\"")
            }
            let names = columns.map { $0["name"] as? String ?? "" }
            for (rowIndex, row) in rows.enumerated() {
                guard row.count == names.count else {
                    throw ImportError(file: file, location: "\(location).rows[\(rowIndex)]",
                                      problem: "expected \(names.count) values, one per column, found \(row.count)")
                }
                try body(Dictionary(zip(names, row)) { first, _ in first }, "\(location).rows[\(rowIndex)]")
            }
        }
    }
}
