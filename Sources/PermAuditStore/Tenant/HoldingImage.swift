import Foundation
import GRDB

/// The holdings of a tenant's latest snapshot packed in one blob (`latestHoldingImage`, migration 0033): a
/// report reads them at once instead of stepping a join of every open holding run to its holding, which took
/// most of its time on a tenant of 1.7 million holdings. Derived data: HoldingWriter writes it whenever a
/// snapshot becomes the tenant's latest, `check` compares it with the runs, and a tenant without one is read
/// from the runs.
///
/// The holdings come in KeyedHolding's order, each as four unsigned LEB128 numbers after a format byte: the
/// resource as a step from the one before; the permission as a step when the resource is the same, else
/// whole; the client likewise when both are the same; then `count << 2 | rank` of its users and consent
/// type. About four bytes a holding (6,968,181 for the 1,739,778 holdings of the incremental 1M tenant).
struct HoldingImage {
    private static let format: UInt8 = 1

    private(set) var bytes: [UInt8] = [Self.format]
    private(set) var count = 0
    private var last: KeyedHolding?

    init() {}

    /// The holdings packed; nil unless each comes after the one before and is another holding.
    init?(_ holdings: some Sequence<KeyedHolding>) {
        // Room for five bytes a holding, so that a first import's millions are not copied as the bytes grow.
        bytes.reserveCapacity(1 + holdings.underestimatedCount * 5)
        for holding in holdings {
            guard append(holding) else { return nil }
        }
    }

    /// An image as stored, not yet unpacked: nil when the blob does not even start as one.
    private init?(bytes: [UInt8], count: Int) {
        guard bytes.first == Self.format, count >= 0 else { return nil }
        (self.bytes, self.count) = (bytes, count)
    }

    /// Appends a holding; false, and nothing appended, unless it comes after the last one and is another
    /// holding (not the same one with other users).
    @discardableResult
    mutating func append(_ holding: KeyedHolding) -> Bool {
        if let last {
            guard last < holding, !last.isSameHolding(as: holding) else { return false }
        }
        let sameResource = last?.resource == holding.resource
        let samePair = sameResource && last?.permission == holding.permission
        appendNumber(holding.resource - (last?.resource ?? 0))
        appendNumber(sameResource ? holding.permission - last!.permission : holding.permission)
        appendNumber(samePair ? holding.client - last!.client : holding.client)
        appendNumber(holding.principalCount << 2 | holding.consentType.rank)
        (last, count) = (holding, count + 1)
        return true
    }

    private mutating func appendNumber(_ value: UInt32) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The holdings of these bytes, as stored with their count; nil when they are not an image of as many.
    static func unpacked(bytes: [UInt8], count: Int) -> [KeyedHolding]? {
        HoldingImage(bytes: bytes, count: count)?.holdings()
    }

    /// The holdings, unpacked; nil when the bytes are not an image of `count` holdings.
    func holdings() -> [KeyedHolding]? {
        var result: [KeyedHolding] = []
        // Each holding takes four bytes or more: a count edited beyond that reserves no more.
        result.reserveCapacity(min(count, (bytes.count - 1) / 4))
        var reader = Reader(bytes: bytes)
        while let holding = reader.next() { result.append(holding) }
        return reader.isBroken || result.count != count ? nil : result
    }

    /// This image with `removed` taken out and `added` put in (each in KeyedHolding's order); nil when the
    /// changes do not fit it (a removed holding it lacks, an added one it has), or it is broken.
    func applying(removed: [KeyedHolding], added: [KeyedHolding]) -> HoldingImage? {
        var (result, reader, read) = (HoldingImage(), Reader(bytes: bytes), 0)
        var (nextRemoved, nextAdded) = (0, 0)
        while let holding = reader.next() {
            read += 1
            while nextAdded < added.count && added[nextAdded] < holding {
                guard result.append(added[nextAdded]) else { return nil }
                nextAdded += 1
            }
            if nextRemoved < removed.count && removed[nextRemoved] == holding {
                nextRemoved += 1
            } else if !result.append(holding) {
                return nil
            }
        }
        for holding in added[nextAdded...] {
            guard result.append(holding) else { return nil }
        }
        return reader.isBroken || read != count || nextRemoved != removed.count ? nil : result
    }

    /// The tenant's image of the snapshot of this day; nil when it has none, or one of another day.
    static func stored(_ db: Database, tenantKey: Int64, day: Int64) throws -> HoldingImage? {
        guard let row = try Row.fetchOne(db, sql: "SELECT holdingCount, holdings FROM latestHoldingImage WHERE tenantKey = ? AND day = ?",
                                         arguments: [tenantKey, day]) else { return nil }
        return HoldingImage(bytes: [UInt8](row[1] as Data? ?? Data()), count: row[0])
    }

    /// The image of the tenant's open runs: what a snapshot that becomes the latest gets when the previous
    /// image does not take its changes (there was none, as in a database made before migration 0033).
    static func ofOpenRuns(_ db: Database, tenantKey: Int64) throws -> HoldingImage {
        var image = HoldingImage()
        try db.forEachRow(sql: HoldingWriter.openHoldingsInOrder, arguments: [tenantKey, PresenceRuns.open]) { row in
            let (holding, key) = try HoldingWriter.holding(row)
            guard image.append(holding) else { throw StoreError.brokenHolding(key: key) }
        }
        return image
    }

    /// The tenants with snapshots and no image (a database made before migration 0033), with their latest
    /// snapshot's day.
    static func missing(_ db: Database) throws -> [(tenantKey: Int64, day: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT s.tenantKey, max(s.day) FROM tenantSnapshotDay s
            WHERE NOT EXISTS (SELECT 1 FROM latestHoldingImage i WHERE i.tenantKey = s.tenantKey)
            GROUP BY s.tenantKey ORDER BY s.tenantKey
            """).map { ($0[0], $0[1]) }
    }

    /// Stores it as the tenant's image, of the snapshot of this day.
    func write(_ db: Database, tenantKey: Int64, day: Int64) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO latestHoldingImage (tenantKey, day, holdingCount, holdings) VALUES (?, ?, ?, ?)",
                       arguments: [tenantKey, day, count, Data(bytes)])
    }

    /// Unpacks the holdings one at a time; at the end, or at the first byte that cannot be one, `next` gives
    /// nil (then `isBroken`).
    private struct Reader {
        let bytes: [UInt8]
        var position = 1
        var last: KeyedHolding?
        private(set) var isBroken = false

        init(bytes: [UInt8]) {
            self.bytes = bytes
            isBroken = bytes.first != HoldingImage.format
        }

        mutating func next() -> KeyedHolding? {
            guard !isBroken, position < bytes.count else { return nil }
            guard let holding = unpackNext() else {
                isBroken = true
                return nil
            }
            last = holding
            return holding
        }

        private mutating func unpackNext() -> KeyedHolding? {
            guard let resourceStep = number(), let permission = number(), let client = number(), let users = number() else { return nil }
            let (resource, overflow) = (last?.resource ?? 0).addingReportingOverflow(resourceStep)
            guard !overflow, users & 3 < 3 else { return nil }
            let sameResource = resourceStep == 0 && last != nil
            let samePair = sameResource && permission == 0
            let (fullPermission, permissionOverflow) = sameResource ? last!.permission.addingReportingOverflow(permission) : (permission, false)
            let (fullClient, clientOverflow) = samePair ? last!.client.addingReportingOverflow(client) : (client, false)
            guard !permissionOverflow, !clientOverflow else { return nil }
            let holding = KeyedHolding(client: fullClient, resource: resource, permission: fullPermission,
                                       consentType: HoldingConsentType(rank: users & 3), principalCount: users >> 2)
            if let last { guard last < holding, !last.isSameHolding(as: holding) else { return nil } }
            return holding
        }

        /// One unsigned LEB128 number of at most 32 bits.
        private mutating func number() -> UInt32? {
            var (value, shift): (UInt32, UInt32) = (0, 0)
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                guard shift < 32, shift < 28 || byte & 0x7F < 16 else { return nil }
                value |= UInt32(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
    }
}

extension KeyedHolding {
    /// The same app, resource, permission and consent type, whatever the users.
    func isSameHolding(as other: KeyedHolding) -> Bool {
        (client, resource, permission, consentType) == (other.client, other.resource, other.permission, other.consentType)
    }
}

extension StoredHolding {
    init(_ holding: KeyedHolding) {
        (clientKey, resourceKey, permissionKey) = (Int64(holding.client), Int64(holding.resource), Int64(holding.permission))
        (consentType, principalCount) = (holding.consentType, Int(holding.principalCount))
    }
}
