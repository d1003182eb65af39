import PermAuditEmbedded

/// A file compiled into the binary (see Sources/PermAuditEmbedded).
public struct EmbeddedFile: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    init(_ file: PAEmbeddedFile) {
        name = String(cString: file.name)
        bytes = Array(UnsafeBufferPointer(start: file.bytes, count: file.length))
    }
}

public enum EmbeddedFiles {
    /// Migrations/*.sql in the order they apply.
    public static var migrations: [EmbeddedFile] {
        (0..<pa_migration_count()).map { EmbeddedFile(pa_migration($0)) }
    }

    /// Seeds/default-catalog.sqlite.zlib: the seeds imported into a database (SeedImage).
    public static var seedImage: [UInt8] { EmbeddedFile(pa_seed_image()).bytes }

    /// Seeds/sample-tenant: the synthetic Contoso tenant export, for trying the reports.
    public static var sampleTenant: [EmbeddedFile] {
        (0..<pa_sample_tenant_count()).map { EmbeddedFile(pa_sample_tenant($0)) }
    }

    /// Sources/PermAuditSite/Templates: the static site's templates and assets.
    public static var siteFiles: [EmbeddedFile] {
        (0..<pa_site_file_count()).map { EmbeddedFile(pa_site_file($0)) }
    }
}
