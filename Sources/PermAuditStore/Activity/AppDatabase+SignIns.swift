import GRDB

extension AppDatabase {
    /// The latest import of the sign-in report: its date and each app's sign-ins, by lower-cased appId.
    public func latestSignIns() throws -> (asOf: String, apps: [String: SignInActivity])? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, asOf FROM signInActivityImport ORDER BY asOf DESC, id DESC LIMIT 1") else {
                return nil
            }
            let id: Int64 = row["id"]
            let apps = try Row.fetchAll(db, sql: "SELECT * FROM servicePrincipalSignIn WHERE importKey = ?", arguments: [id]).map { row in
                SignInActivity(appId: row["appId"], lastSignIn: row["lastSignIn"], delegatedClient: row["delegatedClient"],
                               delegatedResource: row["delegatedResource"], applicationClient: row["applicationClient"],
                               applicationResource: row["applicationResource"])
            }
            return (row["asOf"], Dictionary(apps.map { ($0.appId, $0) }) { first, _ in first })
        }
    }
}

/// Stores one import of the sign-in report, inside the transaction `importExports` opened; the same
/// content again is not stored twice.
struct SignInWriter {
    let db: Database
    let importedAt: String

    func record(_ batch: SignInBatch) throws -> (id: Int64, created: Bool) {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM signInActivityImport WHERE fileSetHash = ?", arguments: [batch.fileSetHash]) {
            return (id, false)
        }
        try db.execute(sql: "INSERT INTO signInActivityImport (fileSetHash, asOf, appCount, importedAt) VALUES (?, ?, ?, ?)",
                       arguments: [batch.fileSetHash, batch.asOf, batch.apps.count, importedAt])
        let id = db.lastInsertedRowID
        let insert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO servicePrincipalSignIn (importKey, appId, lastSignIn, delegatedClient, delegatedResource,
                                                           applicationClient, applicationResource) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for app in batch.apps {
            try insert.execute(arguments: [id, app.appId, app.lastSignIn, app.delegatedClient, app.delegatedResource,
                                           app.applicationClient, app.applicationResource])
        }
        return (id, true)
    }
}
