import Foundation

/// A record's time as ISO 8601 (`2026-11-06T07:00:00.000Z`), from ISO 8601 itself or from the US form the
/// Azure portal writes into CSV exports (`11/6/2026, 7:00:00.000 AM`, in UTC with a `[UTC]` header).
enum ActivityTime {
    static func iso(_ text: String) -> String? {
        if isISO(text.utf8) { return text }
        let pattern = #"^(\d{1,2})/(\d{1,2})/(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(\.\d+)? ?(AM|PM)$"#
        guard let match = try? NSRegularExpression(pattern: pattern).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        func group(_ index: Int) -> String {
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
        guard let month = Int(group(1)), let day = Int(group(2)), var hour = Int(group(4)), (1...12).contains(hour) else { return nil }
        hour = hour % 12 + (group(8) == "PM" ? 12 : 0)
        let fraction = group(7).isEmpty ? "" : group(7)
        return String(format: "%@-%02d-%02dT%02d:%@:%@%@Z", group(3), month, day, hour, group(5), group(6), fraction)
    }

    /// `YYYY-MM-DDTHH:MM` at the start, checked byte by byte: this runs once per record.
    private static func isISO(_ bytes: String.UTF8View) -> Bool {
        let head = Array(bytes.prefix(16))
        guard head.count == 16 else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
        return digits.allSatisfy { (0x30...0x39).contains(head[$0]) } && head[4] == 0x2D && head[7] == 0x2D && head[10] == 0x54 && head[13] == 0x3A
    }
}
