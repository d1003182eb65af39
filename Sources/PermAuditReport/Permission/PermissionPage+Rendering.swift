import Foundation

extension PermissionPage {
    public func render(_ format: PageFormat) -> String {
        switch format {
        case .json: json()
        case .text: text()
        case .markdown: markdown()
        case .csv: csv()
        }
    }

    private func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and booleans cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func text() -> String {
        entries.map { entry in
            var lines = ["\(permission) (\(entry.kind), \(Self.resourceName(entry.resourceAppId)))"]
            if let title = entry.adminConsentDisplayName { lines.append("  \(title)") }
            lines.append("")
            for (label, value) in entry.facts { lines.append("  " + label.padding(toLength: 24, withPad: " ", startingAt: 0) + value) }
            lines.append("")
            lines.append("  API methods and paths (\(entry.apiPaths.count))")
            let width = entry.apiPaths.map(\.method.count).max() ?? 0
            for path in entry.apiPaths {
                lines.append("    " + path.method.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + path.path + path.annotation)
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    private func markdown() -> String {
        entries.map { entry in
            var lines = ["## \(permission) (\(entry.kind))", ""]
            if let title = entry.adminConsentDisplayName { lines += [title, ""] }
            lines += ["| | |", "| --- | --- |"]
            for (label, value) in entry.facts { lines.append("| \(label) | \(value.replacingOccurrences(of: "|", with: "\\|")) |") }
            lines += ["", "### API methods and paths (\(entry.apiPaths.count))", ""]
            lines += ["| Method | Path | Schemes | Least privileged for | Also requires |", "| --- | --- | --- | --- | --- |"]
            for path in entry.apiPaths {
                lines.append("| \(path.method) | `\(path.path)` | \(path.schemes.joined(separator: ", ")) | "
                    + "\(path.leastPrivilegeFor.joined(separator: ", ")) | \(path.alsoRequires.joined(separator: ", ")) |")
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// One row per API path (or one row for a permission without paths), the permission's fields repeated.
    private func csv() -> String {
        let columns = ["permission", "kind", "resourceAppId", "permissionId", "requiresAdminConsent", "decidedBy",
                       "sourcesDisagree", "privilegeLevel", "adminConsentDisplayName", "method", "path", "schemes",
                       "leastPrivilegeFor", "alsoRequires"]
        var rows: [[Tabular.Cell]] = []
        for entry in entries {
            let fields: [Tabular.Cell] = [
                .text(permission), .text(entry.kind), .text(entry.resourceAppId), Self.cell(entry.permissionId),
                Self.cell(entry.adminConsent.required.map(String.init)), Self.cell(entry.adminConsent.decidedBy),
                .literal(String(entry.adminConsent.sourcesDisagree)), Self.cell(entry.privilegeLevel.map(String.init)),
                Self.cell(entry.adminConsentDisplayName),
            ]
            let paths = entry.apiPaths.map { path -> [Tabular.Cell] in
                [.text(path.method), .text(path.path), .text(path.schemes.joined(separator: ",")),
                 .text(path.leastPrivilegeFor.joined(separator: ",")), .text(path.alsoRequires.joined(separator: ","))]
            }
            for path in paths.isEmpty ? [[.null, .null, .null, .null, .null]] : paths { rows.append(fields + path) }
        }
        return Tabular(columns: columns, rows: rows).render(.csv)
    }

    private static func cell(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }

    static func resourceName(_ appId: String) -> String {
        appId == "00000003-0000-0000-c000-000000000000" ? "Microsoft Graph" : appId
    }
}

extension PermissionPage.Entry {
    /// The labelled facts of the page, in reading order.
    var facts: [(String, String)] {
        var facts: [(String, String)] = [("ID", permissionId ?? "unknown (no source gives a GUID)")]
        facts.append(("Admin consent required", consentSummary))
        if adminConsent.sourcesDisagree {
            let says = adminConsent.bySource.sorted { $0.key < $1.key }.map { "\($0.key) says \($0.value ? "yes" : "no")" }
            facts.append(("", "sources disagree: " + says.joined(separator: ", ")))
        }
        facts.append(("Privilege level", privilegeLevel.map(String.init) ?? "not given"))
        if let isEnabled { facts.append(("Enabled", isEnabled ? "yes" : "no")) }
        if let adminConsentDescription { facts.append(("Admin description", adminConsentDescription)) }
        if let userConsentDisplayName { facts.append(("User sees", userConsentDisplayName)) }
        if let userConsentDescription { facts.append(("User description", userConsentDescription)) }
        let seen = sources.map { "\($0.source) \($0.asOf)" + ($0.scheme.map { " (\($0))" } ?? "") }
        facts.append(("Sources", seen.joined(separator: ", ")))
        return facts
    }

    private var consentSummary: String {
        guard let required = adminConsent.required else { return "unknown" }
        let source = adminConsent.decidedBy.flatMap { name in sources.first { $0.source == name } }
        let origin = source.map { " (according to \($0.source), \($0.asOf))" } ?? ""
        return (required ? "yes" : "no") + origin
    }
}

extension PermissionPage.ApiPath {
    var annotation: String {
        var notes: [String] = []
        if !leastPrivilegeFor.isEmpty { notes.append("least privileged for " + leastPrivilegeFor.joined(separator: ", ")) }
        if !alsoRequires.isEmpty { notes.append("also requires " + alsoRequires.joined(separator: ", ")) }
        return notes.isEmpty ? "" : "  [" + notes.joined(separator: "; ") + "]"
    }
}
