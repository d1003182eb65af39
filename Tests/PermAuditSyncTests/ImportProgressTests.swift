import Foundation
import PermAuditStore
import Testing
@testable import PermAuditSync

@Suite struct ImportProgressTests {
    /// Collects what an import reports, from whatever thread it runs on.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [ImportProgress] = []
        func add(_ value: ImportProgress) { lock.withLock { values.append(value) } }
        var all: [ImportProgress] { lock.withLock { values } }
    }

    @Test func theLineSaysObjectsBytesRateAndTimeLeft() {
        let progress = ImportProgress(objects: 412_000, bytesRead: 155_200_000, totalBytes: 393_600_000)
        #expect(progress.line(elapsed: 38.8) == "importing: 412,000 objects, 155.2 of 393.6 MB (39%), 4.0 MB/s, about 60 s left")
        #expect(ImportProgress(objects: 1_234_567, bytesRead: 393_600_000, totalBytes: 393_600_000).line(elapsed: 100)
            == "importing: 1,234,567 objects, 393.6 of 393.6 MB (100%), 3.9 MB/s")
        #expect(ImportProgress(objects: 0, bytesRead: 0, totalBytes: 10).line(elapsed: 0) == "importing: 0 objects, 0.0 of 0.0 MB (0%)")
        #expect(ImportProgress(objects: 1, bytesRead: 0, totalBytes: 10).line(elapsed: 0) == "importing: 1 object, 0.0 of 0.0 MB (0%)")
        #expect(ImportProgress.duration(300) == "5 min")
    }

    /// A tenant import reports as it goes and ends at every byte of the export, with every object counted.
    @Test func aTenantImportReportsUpToTheWholeExport() throws {
        let recorder = Recorder()
        let database = try AppDatabase.inMemory()
        let week = SampleTenant.weeks[0]
        let report = try Importer(database: database, progress: recorder.add).importInputs(week)
        let values = recorder.all
        let total = week.reduce(0) { $0 + $1.bytes.count }
        #expect(values.count > 4, "one at least per file, and every thousand elements")
        #expect(values.last?.bytesRead == total && values.last?.totalBytes == total)
        let tenant = try #require(report.tenant)
        let organizations = 1
        #expect(values.last?.objects == tenant.servicePrincipalCount + tenant.grantCount + tenant.assignmentCount + organizations)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead && $0.objects <= $1.objects })
    }
}
