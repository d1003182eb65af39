import PermAuditStore

extension LeastPrivilegeAdvice {
    /// One app's advice, per scheme: its calls (template, count, the catalog's least permission, the held
    /// ones that allow it), then the verdicts. JSON is an array with one object per scheme.
    public static func render(_ advice: [LeastPrivilegeAdvice], style: OutputStyle) -> String {
        switch style.format {
        case .json: return JSONValue.array(advice.map(\.json)).text() + "\n"
        case .table: return advice.map { $0.table(style) }.joined(separator: "\n")
        case .csv, .tsv, .markdown: return callRows(advice).render(style)
        }
    }

    private func table(_ style: OutputStyle) -> String {
        let name = judgements.first?.holding.clientDisplayName ?? appId
        var out = SafeText.line("\(name) (appId \(appId)), \(scheme.rawValue) permissions") + "\n"
        // Permission names come from imported catalogs: one safe line each, like the app's name above.
        out += SafeText.line("suggested set: " + (suggested.isEmpty ? "none (no matched call)" : suggested.joined(separator: ", "))
            + (exact ? "" : " (the search stopped early: a good set, maybe not the least)")) + "\n"
        for alternative in alternatives { out += SafeText.line("  or, as good: " + alternative.joined(separator: ", ")) + "\n" }
        out += "\n"
        if !used.isEmpty { out += "calls (\(used.count))\n" + Self.callTable(used).render(style) + "\n" }
        if !denied.isEmpty { out += "denied, 403 (\(denied.count))\n" + Self.callTable(denied).render(style) + "\n" }
        if !unmatched.isEmpty { out += "not in the catalog (\(unmatched.count))\n" + Self.callTable(unmatched).render(style) + "\n" }
        var verdicts = Tabular(columns: ["held", "verdict", "suggested", "calls", "last used", "reason"], rows: judgements.map { j in
            [.text(j.holding.permission ?? "?"), .text(j.verdict.rawValue), .text(j.suggested.joined(separator: ", ")),
             .literal(String(j.calls)), j.lastUsed.map { .text(String($0.prefix(10))) } ?? .null, .text(j.reason)]
        })
        verdicts.shrinkFirst = ["reason"]
        return out + "verdicts (\(judgements.count))\n" + verdicts.render(style)
    }

    private static func callTable(_ uses: [CallUse]) -> Tabular {
        var table = Tabular(columns: ["method", "template", "calls", "last", "least (catalog)", "allowed by held"], rows: uses.map { use in
            [.text(use.method), .text(use.template), .literal(String(use.calls)), .text(String(use.lastSeen.prefix(10))),
             .text(use.least.joined(separator: ", ")), .text(use.coveredBy.joined(separator: ", "))]
        })
        table.shrinkFirst = ["allowed by held", "least (catalog)"]
        return table
    }

    /// CSV, TSV and Markdown: one row per call, with what kind of call it was.
    private static func callRows(_ advice: [LeastPrivilegeAdvice]) -> Tabular {
        Tabular(columns: ["appId", "scheme", "section", "method", "template", "matchKind", "calls", "lastSeen", "least", "allowedByHeld"],
                rows: advice.flatMap { a in
                    [("used", a.used), ("denied", a.denied), ("unmatched", a.unmatched)].flatMap { section, uses in
                        uses.map { use -> [Tabular.Cell] in
                            [.text(a.appId), .text(a.scheme.rawValue), .text(section), .text(use.method), .text(use.template),
                             .text(use.matchKind.rawValue), .literal(String(use.calls)), .text(use.lastSeen),
                             .text(use.least.joined(separator: " ")), .text(use.coveredBy.joined(separator: " "))]
                        }
                    }
                })
    }

    var json: JSONValue {
        func uses(_ list: [CallUse]) -> JSONValue {
            .array(list.map { use in
                .object([("method", .string(use.method)), ("template", .string(use.template)), ("matchKind", .string(use.matchKind.rawValue)),
                         ("calls", .int(use.calls)), ("lastSeen", .string(use.lastSeen)), ("least", .array(use.least.map(JSONValue.string))),
                         ("allowedByHeld", .array(use.coveredBy.map(JSONValue.string)))])
            })
        }
        return .object([
            ("appId", .string(appId)), ("scheme", .string(scheme.rawValue)), ("suggested", .array(suggested.map(JSONValue.string))),
            ("exact", .bool(exact)), ("alternatives", .array(alternatives.map { .array($0.map(JSONValue.string)) })), ("used", uses(used)), ("denied", uses(denied)), ("unmatched", uses(unmatched)),
            ("verdicts", .array(judgements.map(OverprivilegedReport.json))),
        ])
    }
}
