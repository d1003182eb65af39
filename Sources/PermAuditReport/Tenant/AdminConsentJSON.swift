import PermAuditStore

/// The admin-consent report's JSON, made from fragments: the fields that depend on the client app alone, on
/// the resolved permission alone, on the risk alone, are rendered once each, and a row is its fragments
/// and its few own fields copied after each other. A tenant where users consent to their own scopes has a
/// million rows and a gigabyte of JSON; rendering each cell of each row took seconds. The text is, byte
/// for byte, what `Tabular` renders for `AdminConsentReport.full` (a test compares them).
struct AdminConsentJSON: Sendable {
    private let rows: [HoldingRows.Row]
    private let table: HoldingRows
    /// Every fragment, one after another; the arrays below say where each is. A row is copied from one
    /// buffer, so that the threads writing rows do not count references to shared arrays.
    private let fragments: [UInt8]
    /// `"tenantId": ..., "verifiedPublisherName": ...` per app.
    private let apps: [Range<Int>]
    /// `, "resourceId": ..., "kind": ...` and `, "requiresAdminConsent": ..., "privilegeLevel": ...` per entry.
    private let resources: [Range<Int>], resolutions: [Range<Int>]
    /// `, "consentType": ..., "principalCount": ` per consent type.
    private let consentTypes: [Range<Int>]
    /// `, "firstSeen": ...` per date, then for none.
    private let dates: [Range<Int>]
    /// `, "riskLevel": ..., "exceptionReason": ...` per risk, then for none.
    private let risks: [Range<Int>]
    /// `, "textFlags": `, `null`, `}`, the opening of the first row and of the others.
    private let textFlags: Range<Int>, null: Range<Int>, close: Range<Int>, open: Range<Int>, next: Range<Int>
    /// Whether an app's or an entry's names are flagged: a row's `textFlags` is null unless one is.
    private let appFlagged: [Bool], entryFlagged: [Bool]

    // The fields of each fragment, as `AdminConsentReport.fields` orders them.
    private static let appFields = 0..<7, resourceFields = 7..<13, consentField = 13..<14, countField = 14
    private static let resolutionFields = 15..<18, firstSeenField = 18..<19, riskFields = 19..<27, textFlagsField = 27

    init(_ table: HoldingRows) {
        (self.table, rows) = (table, table.rows)
        var fragments = FragmentBuffer()
        // A row of app i and entry j stands for both; with no row there is nothing to render.
        let sample = { (client: Int, entry: Int) in
            AdminConsentReport.cells(table.holding(HoldingRows.Row(client: client, entry: entry, consentType: 0, principalCount: nil)))
        }
        let any = table.rows.first.map { (client: Int($0.client), entry: Int($0.entry)) }
        apps = any.map { any in table.apps.indices.map { fragments.add(Self.appFields, sample($0, any.entry)[Self.appFields]) } } ?? []
        let entries = any.map { any in table.entries.indices.map { sample(any.client, $0) } } ?? []
        resources = entries.map { fragments.add(Self.resourceFields, $0[Self.resourceFields]) }
        resolutions = entries.map { fragments.add(Self.resolutionFields, $0[Self.resolutionFields]) }
        consentTypes = table.consentTypes.map { fragments.add(Self.consentField, [.text($0)], thenKey: Self.countField) }
        dates = (table.dates.map(Optional.some) + [nil]).map { fragments.add(Self.firstSeenField, [AdminConsentReport.text($0)]) }
        risks = (table.risks.map(Optional.some) + [nil]).map { fragments.add(Self.riskFields, AdminConsentReport.riskCells($0)) }
        textFlags = fragments.add(Self.textFlagsField..<Self.textFlagsField, [], thenKey: Self.textFlagsField)
        (null, close, open, next) = (fragments.add("null".utf8), fragments.add("}".utf8), fragments.add("  {".utf8), fragments.add(",\n  {".utf8))
        self.fragments = fragments.bytes
        appFlagged = table.apps.map { TextFlag.summary([("", $0.displayName), ("", $0.verifiedPublisherName)]) != nil }
        entryFlagged = table.entries.map { TextFlag.summary([("", table.apps[$0.resource].displayName), ("", $0.permission)]) != nil }
    }

    /// Rows `range` as `Tabular.renderPiece` writes them: `first` opens the array, `last` closes it.
    func piece(_ range: Range<Int>, first: Bool, last: Bool) -> String {
        if first && last && range.isEmpty { return "[]\n" }
        var bytes: [UInt8] = Array((first ? "[\n" : "").utf8)
        bytes.reserveCapacity(range.count * 1024)
        fragments.withUnsafeBufferPointer { fragments in
            for index in range { append(row: index, first: index == 0 && first, from: fragments, to: &bytes) }
        }
        if last { bytes += Array("\n]\n".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func append(row index: Int, first: Bool, from fragments: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let row = rows[index]
        for fragment in [first ? open : next, apps[Int(row.client)], resources[Int(row.entry)], consentTypes[Int(row.consentType)]] {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: fragments[fragment]))
        }
        if let count = row.principalCount { Self.appendDecimal(count, to: &bytes) } else { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: fragments[null])) }
        for fragment in [resolutions[Int(row.entry)], dates[row.firstSeen ?? table.dates.count], risks[row.risk ?? table.risks.count], textFlags] {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: fragments[fragment]))
        }
        if appFlagged[Int(row.client)] || entryFlagged[Int(row.entry)] {
            AdminConsentReport.text(table.holding(row).textFlags).appendJSON(to: &bytes)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: fragments[null]))
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: fragments[close]))
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 10 || value < 0 else { return bytes.append(UInt8(ascii: "0") + UInt8(value)) }
        bytes += Array(String(value).utf8)
    }
}

/// Fragments of the report's JSON written one after another into one buffer, each found by its range.
private struct FragmentBuffer {
    /// `"tenantId": `, `, "asOf": `, ...: each field's key as a row writes it.
    private let keys = AdminConsentReport.fields.enumerated().map { Array((($0.offset > 0 ? ", " : "") + JSONText.string($0.element) + ": ").utf8) }
    private(set) var bytes: [UInt8] = []

    /// Fields `fields` with these cells in order, and after them field `thenKey`'s key alone.
    mutating func add(_ fields: Range<Int>, _ cells: some Collection<Tabular.Cell>, thenKey: Int? = nil) -> Range<Int> {
        let start = bytes.count
        for (field, cell) in zip(fields, cells) {
            bytes += keys[field]
            cell.appendJSON(to: &bytes)
        }
        if let thenKey { bytes += keys[thenKey] }
        return start..<bytes.count
    }

    mutating func add(_ text: some Collection<UInt8>) -> Range<Int> {
        bytes += text
        return bytes.count - text.count..<bytes.count
    }
}
