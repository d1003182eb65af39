import Foundation
import GRDB
@testable import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing

/// A tenant's latest holdings are also stored packed (HoldingImage, migration 0033), and the report reads
/// them: the image must always be the open runs' holdings, or not be read.
@Suite struct HoldingImageTests {
    typealias Week = KnownElementTests

    static func holding(_ client: UInt32, _ resource: UInt32, _ permission: UInt32, _ type: HoldingConsentType = .principal,
                        users: UInt32 = 1) -> KeyedHolding {
        KeyedHolding(client: client, resource: resource, permission: permission, consentType: type, principalCount: users)
    }

    /// Keys and counts at their limits, each consent type, steps of every size: unpacked as packed.
    @Test func holdingsUnpackAsTheyWerePacked() throws {
        let holdings = [
            Self.holding(0, 0, 0, .allPrincipals, users: 0), Self.holding(5, 0, 0, .principal, users: 3), Self.holding(5, 0, 1, .application, users: 0),
            Self.holding(UInt32.max, 0, 1), Self.holding(1, 200, 7), Self.holding(2, 200, 7, .allPrincipals, users: 0),
            Self.holding(2, 200, 7, .principal, users: KeyedHolding.countLimit - 1), Self.holding(0, UInt32.max, UInt32.max),
        ].sorted()
        let image = try #require(HoldingImage(holdings))
        #expect(image.count == holdings.count)
        #expect(image.holdings() == holdings)
        #expect(HoldingImage([KeyedHolding]())?.holdings() == [])
    }

    /// Packing refuses holdings out of order, and the same holding twice with other users.
    @Test func packingRefusesDisorderAndRepeats() {
        let (a, b) = (Self.holding(1, 1, 1), Self.holding(2, 1, 1))
        #expect(HoldingImage([b, a]) == nil)
        #expect(HoldingImage([a, a]) == nil)
        #expect(HoldingImage([a, Self.holding(1, 1, 1, users: 2)]) == nil)
        var image = HoldingImage()
        let (appended, refused) = (image.append(b), image.append(a))
        #expect(appended && !refused)
        #expect(image.holdings() == [b])
    }

    /// Bytes that are no image of their count do not unpack: cut short, one byte too many, a consent type
    /// past the three, a step back to the same holding, another format, or another count.
    @Test func brokenBytesDoNotUnpack() throws {
        let image = try #require(HoldingImage([Self.holding(1, 1, 1), Self.holding(2, 1, 1), Self.holding(300, 2, 5)]))
        let users: UInt8 = 1 << 2 | 2
        let expected: [UInt8] = [1, 1, 1, 1, users, 0, 0, 1, users, 1, 5, 0xAC, 0x02, users]
        #expect(image.bytes == expected)
        func edited(_ index: Int, _ byte: UInt8) -> [UInt8] {
            var bytes = image.bytes
            bytes[index] = byte
            return bytes
        }
        let broken: [[UInt8]] = [
            Array(image.bytes.dropLast()), image.bytes + [0], edited(4, 3), edited(7, 0), edited(0, 2),
            [1, 0x80, 0x80, 0x80, 0x80, 0x10, 0, 0, 0] + image.bytes.dropFirst(5),
        ]
        for bytes in broken {
            #expect(HoldingImage.unpacked(bytes: bytes, count: image.count) == nil, "\(bytes)")
        }
        #expect(HoldingImage.unpacked(bytes: image.bytes, count: 2) == nil)
        #expect(HoldingImage.unpacked(bytes: image.bytes, count: 3) == image.holdings())
    }

    /// Changes applied to an image give the image of the holdings changed; changes that do not fit it (a
    /// removed holding it lacks, an added one it has) give none.
    @Test func changesApplyOrDoNotFit() throws {
        let old = [Self.holding(1, 1, 1), Self.holding(2, 1, 1, users: 4), Self.holding(1, 3, 2), Self.holding(9, 3, 2)]
        let image = try #require(HoldingImage(old))
        let removed = [Self.holding(2, 1, 1, users: 4), Self.holding(9, 3, 2)]
        let added = [Self.holding(0, 0, 0), Self.holding(2, 1, 1, users: 5), Self.holding(5, 3, 2), Self.holding(1, 9, 9)]
        let expected = (old.filter { !removed.contains($0) } + added).sorted()
        #expect(image.applying(removed: removed, added: added)?.holdings() == expected)
        #expect(image.applying(removed: [], added: [])?.holdings() == old)
        #expect(image.applying(removed: [Self.holding(3, 1, 1)], added: []) == nil, "removes what it lacks")
        #expect(image.applying(removed: [Self.holding(2, 1, 1, users: 3)], added: []) == nil, "removes other users")
        #expect(image.applying(removed: [], added: [Self.holding(1, 3, 2)]) == nil, "adds what it has")
        #expect(image.applying(removed: [], added: [Self.holding(2, 1, 1, users: 1)]) == nil, "adds a holding it has, with other users")
    }

    /// Every import that makes a snapshot the tenant's latest packs its holdings, by counting them all (the
    /// first week) or by changing the previous image (later weeks); one dated before the latest leaves it.
    @Test func everyLatestSnapshotIsPackedAsItsRuns() throws {
        let database = try AppDatabase.inMemory()
        for week in ChangedHoldingsTests.weeks {
            _ = try Week.importWeek(database, week.grants, asOf: week.asOf)
            try database.writer.read { db in
                let latest = try #require(try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot"))
                let image = try #require(try HoldingImage.stored(db, tenantKey: 1, day: try PresenceRuns.day(latest)), "\(week.asOf)")
                let runs = try HoldingImage.ofOpenRuns(db, tenantKey: 1).holdings()
                #expect(try #require(runs).count >= 2)
                #expect(image.holdings() == runs, "\(week.asOf)")
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM latestHoldingImage") == 1)
            }
        }
        #expect(try database.check().first { $0.name == "holding images" }?.detail == "1 tenant's latest holdings match their runs")
    }

    /// When the previous image is gone (a database from before migration 0033) or does not take the changes,
    /// the import packs the runs it has just written.
    @Test(arguments: ["DELETE FROM latestHoldingImage", "UPDATE latestHoldingImage SET holdings = x'01', holdingCount = 0",
                      "UPDATE latestHoldingImage SET day = day - 1"])
    func anImageThatCannotTakeTheChangesIsMadeFromTheRuns(_ edit: String) throws {
        let database = try AppDatabase.inMemory()
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[0].grants, asOf: ChangedHoldingsTests.weeks[0].asOf)
        try database.writer.write { try $0.execute(sql: edit) }
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[1].grants, asOf: ChangedHoldingsTests.weeks[1].asOf)
        #expect(try database.check().filter { !$0.passed }.map(\.name) == [])
        let images = try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM latestHoldingImage WHERE holdingCount >= 2") }
        #expect(images == 1)
    }

    /// A later export changes the previous image (it is not packed from the runs again): a holding edited into
    /// the previous image, which no change touches, is still in the next one, and `check` finds it there. An
    /// image of another day is not changed, even with that holding: the runs are packed.
    @Test(arguments: [false, true])
    func aLaterImportChangesThePreviousImageOfItsDay(otherDay: Bool) throws {
        let database = try AppDatabase.inMemory()
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[0].grants, asOf: ChangedHoldingsTests.weeks[0].asOf)
        try database.writer.write { db in
            var holdings = try #require(try HoldingImage.ofOpenRuns(db, tenantKey: 1).holdings())
            holdings.append(Self.holding(999_999, 999_999, 999_999))
            let edited = try #require(HoldingImage(holdings.sorted()))
            try db.execute(sql: "UPDATE latestHoldingImage SET holdings = ?, holdingCount = ?\(otherDay ? ", day = day - 1" : "")",
                           arguments: [Data(edited.bytes), edited.count])
        }
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[1].grants, asOf: ChangedHoldingsTests.weeks[1].asOf)
        let images = try #require(try database.check().first { $0.name == "holding images" })
        #expect(images.passed == otherDay, "\(images.detail)")
        let kept = try database.writer.read { db in
            try HoldingImage.stored(db, tenantKey: 1, day: try PresenceRuns.day(ChangedHoldingsTests.weeks[1].asOf))?.holdings()?
                .contains(Self.holding(999_999, 999_999, 999_999))
        }
        #expect(kept == !otherDay)
    }

    /// Each tenant of a database has its own image, of its own latest snapshot.
    @Test func eachTenantHasItsOwnImage() throws {
        let database = try AppDatabase.inMemory()
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[0].grants, asOf: "2026-11-01", tenant: "t")
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[2].grants, asOf: "2026-11-08", tenant: "u")
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[1].grants, asOf: "2026-11-15", tenant: "t")
        #expect(try database.check().first { $0.name == "holding images" }?.detail == "2 tenants' latest holdings match their runs")
        let images = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT t.tenantId, i.day FROM latestHoldingImage i JOIN tenant t USING (tenantKey) WHERE i.holdingCount > 0 ORDER BY 1")
                .map { "\($0[0] as String) \($0[1] as Int64)" }
        }
        #expect(images == ["t \(try PresenceRuns.day("2026-11-15"))", "u \(try PresenceRuns.day("2026-11-08"))"])
    }

    /// The report's rows from the image are the rows from the runs, on both weeks of the sample tenant.
    @Test func theReportReadFromTheImageIsTheReportReadFromTheRuns() throws {
        let database = try HoldingsMatchViewTests.database
        for snapshot in try database.tenantSnapshots() {
            func read(image: Bool, adminConsentOnly: Bool) throws -> [PermissionHolding] {
                try database.writer.read { db in
                    var holdings = SnapshotHoldings(db: db, snapshotId: snapshot.id)
                    holdings.imageRead = image
                    return try holdings.fetch(adminConsentOnly: adminConsentOnly)
                }
            }
            for adminConsentOnly in [true, false] {
                let fromImage = try read(image: true, adminConsentOnly: adminConsentOnly)
                #expect(fromImage.count > 100)
                #expect(fromImage.map { "\($0)" }.sorted() == (try read(image: false, adminConsentOnly: adminConsentOnly)).map { "\($0)" }.sorted())
            }
        }
        let latest = try #require(try database.tenantSnapshots().max { $0.asOf < $1.asOf })
        try database.writer.read { db in
            let day = try PresenceRuns.day(latest.asOf)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM latestHoldingImage WHERE day = ?", arguments: [day]) == 1)
        }
    }

    /// An image edited by hand fails `check`, naming its tenant; one that does not unpack is not read (the
    /// report reads the runs); one that unpacks is read as it is, which is why `check` compares it.
    @Test func anEditedImageFailsCheckAndABrokenOneIsNotRead() throws {
        let database = try AppDatabase.inMemory()
        _ = try Week.importWeek(database, ChangedHoldingsTests.weeks[0].grants, asOf: ChangedHoldingsTests.weeks[0].asOf)
        let report = try database.adminConsentHoldings()
        #expect(report.count >= 1)
        try database.writer.write { db in
            try db.execute(sql: "UPDATE latestHoldingImage SET holdings = x'0105', holdingCount = 1")
        }
        var failed = try #require(try database.check().first { $0.name == "holding images" })
        #expect(!failed.passed)
        #expect(failed.detail == "do not match the runs of their latest snapshot: t")
        #expect(try database.adminConsentHoldings() == report, "not unpacked: the runs are read")
        let one = try #require(HoldingImage([Self.holding(1, 1, 1, .allPrincipals, users: 0)]))
        try database.writer.write { db in
            try db.execute(sql: "UPDATE latestHoldingImage SET holdings = ?, holdingCount = 1", arguments: [Data(one.bytes)])
        }
        failed = try #require(try database.check().first { $0.name == "holding images" })
        #expect(!failed.passed)
        // The runs' own image, but of another day than the latest snapshot's, or of a count past its bytes.
        try database.writer.write { db in
            let runs = try HoldingImage.ofOpenRuns(db, tenantKey: 1)
            try db.execute(sql: "UPDATE latestHoldingImage SET holdings = ?, holdingCount = ?", arguments: [Data(runs.bytes), runs.count])
        }
        #expect(try database.check().first { $0.name == "holding images" }?.passed == true)
        for edit in ["UPDATE latestHoldingImage SET day = day - 1", "UPDATE latestHoldingImage SET day = day + 1, holdingCount = 1000000000000000"] {
            try database.writer.write { try $0.execute(sql: edit) }
            #expect(try database.check().first { $0.name == "holding images" }?.passed == false, "\(edit)")
            #expect(try database.adminConsentHoldings() == report, "\(edit)")
        }
        try database.writer.write { try $0.execute(sql: "DELETE FROM latestHoldingImage") }
        #expect(try database.check().first { $0.name == "holding images" }?.detail
            == "0 tenants' latest holdings match their runs; 1 tenant without one, read from the runs")
        // A holding whose keys name nothing stored fails the report, from the image as from the runs.
        let nothing = try #require(HoldingImage([Self.holding(999_999, 999_999, 999_999)]))
        try database.writer.write { db in
            try nothing.write(db, tenantKey: 1, day: try PresenceRuns.day(ChangedHoldingsTests.weeks[0].asOf))
        }
        #expect(throws: StoreError.self) { try database.adminConsentHoldings() }
    }

    /// A database whose tenants have no image (made before migration 0033) gets them when opened to write.
    @Test func openingToWritePacksTheTenantsWithoutAnImage() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("upgraded.sqlite").path
        let first = try AppDatabase.open(path: path)
        _ = try Week.importWeek(first, ChangedHoldingsTests.weeks[0].grants, asOf: ChangedHoldingsTests.weeks[0].asOf)
        let packed = try first.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM latestHoldingImage") }
        try first.writer.write { try $0.execute(sql: "DELETE FROM latestHoldingImage") }
        let reopened = try AppDatabase.open(path: path)
        let repacked = try reopened.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM latestHoldingImage") }
        #expect(packed.count == 1)
        #expect(repacked == packed)
    }
}
