import PermAuditStore

/// `permaudit check`: one row per check, ok or FAIL, with what it found.
public enum CheckListing {
    public static func table(_ checks: [IntegrityCheck]) -> Tabular {
        Tabular(columns: ["check", "status", "detail"], rows: checks.map { check in
            [.text(check.name), .text(check.passed ? "ok" : "FAIL"), .text(check.detail)]
        })
    }
}
