import Foundation
import PermAuditStore

/// How far a tenant export's import has got: what `permaudit import` shows while it runs.
public struct ImportProgress: Sendable, Equatable {
    /// Objects (service principals, grants, assignments) read so far.
    public var objects: Int
    public var bytesRead: Int
    /// The size of all the export's files.
    public var totalBytes: Int

    public init(objects: Int, bytesRead: Int, totalBytes: Int) {
        self.objects = objects
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// One line: objects and bytes read, the rate, and the time left at that rate, e.g.
    /// "importing: 412,000 objects, 155.2 of 393.6 MB (39%), 4.1 MB/s, about 58 s left".
    public func line(elapsed: TimeInterval) -> String {
        let rate = elapsed > 0 ? Double(bytesRead) / elapsed : 0
        let share = totalBytes > 0 ? min(100, bytesRead * 100 / totalBytes) : 0
        var text = "importing: \(Self.grouped(objects)) \(Plural.noun(objects, "object")), \(Self.megabytes(bytesRead)) of \(Self.megabytes(totalBytes)) MB (\(share)%)"
        guard rate > 0 else { return text }
        text += ", \(Self.megabytes(Int(rate))) MB/s"
        if bytesRead < totalBytes { text += ", about \(Self.duration(Double(totalBytes - bytesRead) / rate)) left" }
        return text
    }

    /// 1234567 as "1,234,567".
    public static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_000_000)
    }

    /// Seconds under two minutes, else minutes.
    static func duration(_ seconds: Double) -> String {
        seconds < 120 ? "\(Int(seconds.rounded(.up))) s" : "\(Int((seconds / 60).rounded(.up))) min"
    }
}
