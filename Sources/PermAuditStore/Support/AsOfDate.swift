import Foundation

/// The date a snapshot describes, as YYYY-MM-DD.
public enum AsOfDate {
    /// Checks that `text` is a real calendar date written YYYY-MM-DD.
    public static func validated(_ text: String) -> String? {
        // [0-9], not \d: \d matches any script's digits, which Int() does not read.
        guard text.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        return components.isValidDate ? text : nil
    }

    /// The last YYYY-MM-DD date written in a file name (`devx-permissions-2026-08-07.json`), if any.
    public static func inFileName(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        let matches = name.ranges(of: #/[0-9]{4}-[0-9]{2}-[0-9]{2}/#).map { String(name[$0]) }
        return matches.last.flatMap(validated)
    }

    /// Today's date in UTC.
    public static func today(_ now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: now)
    }
}

extension AsOfDate {
    /// The day number of a YYYY-MM-DD date: days since 1970-01-01, as SQLite's
    /// `CAST(julianday(date) - 2440587.5 AS INTEGER)`, which the presence runs store (migration 0023).
    /// Nil for text that is not written YYYY-MM-DD with a month and day in range.
    public static func dayNumber(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm): years start in March, so the leap day is last.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
