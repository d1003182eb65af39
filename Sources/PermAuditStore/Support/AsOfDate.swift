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
