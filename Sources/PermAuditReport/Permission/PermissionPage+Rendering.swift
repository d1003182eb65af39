import Foundation
import PermAuditStore

extension PermissionPage {
    public func render(_ format: ListingFormat) throws -> String {
        try render(OutputStyle(format))
    }

    /// The table format is the page as text, wrapped to `style.width`. Text and Markdown show imported text
    /// safely (SafeText); the CSV and TSV exports guard against formulas unless `style.rawCells`.
    public func render(_ style: OutputStyle) throws -> String {
        switch style.format {
        // Compact, one line: the site's Export JSON is this text, a file per permission.
        case .json: json.compactText() + "\n"
        case .table: text(width: style.width)
        case .markdown: markdown()
        case .csv, .tsv: rows(style)
        }
    }

    /// Each element of `textLines` is one line of the page: a line break inside imported text shows as \n
    /// instead of forging a line. A line wider than `width` wraps under its last column (`PageLine.hang`).
    private func text(width: Int) -> String {
        entries.map { entry in
            textLines(entry).flatMap { $0.fitted(to: width) }.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    private func textLines(_ entry: Entry) -> [PageLine] {
        var lines: [PageLine] = ["\(permission) (\(entry.kind), \(Self.resourceName(entry.resourceAppId)))"]
        if let title = entry.adminConsentDisplayName { lines.append(PageLine("  \(title)", hang: 2)) }
        lines.append("")
        for (label, value) in entry.facts {
            lines.append(PageLine("  " + label.padding(toLength: 24, withPad: " ", startingAt: 0) + value, hang: 26))
        }
        lines += ["", PageLine("  " + Self.apiVersionNote, hang: 2)]
        let width = entry.apiPaths.map(\.method.count).max() ?? 0
        for version in Self.apiVersions {
            let paths = entry.apiPaths(version: version)
            lines += ["", "  API methods and paths, \(version) (\(paths.count))"]
            if paths.isEmpty { lines.append(PageLine("    " + Self.noApiMethods)) }
            for path in paths {
                let method = "    " + path.method.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                lines.append(PageLine(method + path.path + path.annotation, hang: 6 + width))
            }
        }
        lines += [""] + resourceLines(entry) + [""] + holderLines(entry)
        lines += ["", "  Get a token with this permission"]
        if entry.tokenExamples.isEmpty { lines.append(PageLine("    " + Self.noTokenExample, hang: 4)) }
        for example in entry.tokenExamples {
            lines += ["", PageLine("    \(example.language)", hang: 4)]
            lines += example.code.split(separator: "\n", omittingEmptySubsequences: false).map { PageLine("      " + $0, hang: nil) }
        }
        lines += ["", "  Add it to an app registration"]
        lines += entry.registrationSteps.enumerated().map { PageLine("    \($0.offset + 1). \($0.element)", hang: 7) }
        return lines
    }

    private func resourceLines(_ entry: Entry) -> [PageLine] {
        guard let metadataAsOf else { return ["  Resources: no Graph metadata imported (permaudit import a $metadata file)"] }
        var lines: [PageLine] = ["  Resources reached (\(entry.resources.count), from the v1.0 metadata of \(metadataAsOf))"]
        for resource in entry.resources {
            let base = resource.baseType.map { ", derived from \($0)" } ?? ""
            let paths = Plural.count(resource.pathCount, "path")
            let kind = resource.kind ?? "not defined in this metadata"
            lines.append(PageLine("    \(resource.type) (\(kind)\(base); \(paths): \(resource.methods.joined(separator: ", ")))", hang: 6))
            if let description = resource.description { lines.append(PageLine("      \(description)", hang: 6)) }
            guard resource.kind != nil else { continue }
            lines.append(PageLine("      Properties (showing \(resource.properties.count) of \(resource.propertyCount))", hang: 8))
            guard !resource.properties.isEmpty else { continue }
            let nameWidth = max(4, resource.properties.map(\.name.count).max() ?? 0)
            let typeWidth = max(4, resource.properties.map(\.type.count).max() ?? 0)
            func columns(_ name: String, _ type: String, _ nullable: String) -> String {
                "        " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + type.padding(toLength: typeWidth, withPad: " ", startingAt: 0) + "  " + nullable.padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
            }
            lines.append(PageLine(columns("Name", "Type", "Nullable") + "Description", hang: 8))
            for property in resource.properties {
                lines.append(PageLine(columns(property.name, property.type, property.nullableText) + property.remark(of: resource),
                                      hang: 22 + nameWidth + typeWidth))
            }
            if let note = resource.olderDescriptionNote { lines.append(PageLine("      " + note, hang: 8)) }
        }
        if !entry.unresolvedPaths.isEmpty {
            let reach = entry.unresolvedPaths.count == 1 ? "reaches" : "reach"
            lines.append("    \(Plural.count(entry.unresolvedPaths.count, "path")) \(reach) no type in this metadata:")
            lines += entry.unresolvedPaths.map { PageLine("      \($0.path): \($0.problem)", hang: 8) }
        }
        return lines
    }

    private func holderLines(_ entry: Entry) -> [PageLine] {
        guard !entry.holders.isEmpty else { return ["  Held by: no app in any imported tenant's latest snapshot"] }
        var lines: [PageLine] = ["  Held by (\(entry.holders.count), latest snapshot of each tenant)"]
        for (tenant, holders) in Dictionary(grouping: entry.holders, by: \.tenantId).sorted(by: { $0.key < $1.key }) {
            lines.append(PageLine("    tenant \(tenant) as of \(holders[0].asOf)", hang: 6))
            lines += holders.map { PageLine("      \($0.summary)", hang: 8) }
        }
        return lines
    }

    private func markdown() -> String {
        entries.map { entry in
            var lines = ["## \(SafeText.markdown(permission)) (\(entry.kind))", ""]
            if let title = entry.adminConsentDisplayName { lines += [SafeText.markdown(title), ""] }
            lines += ["| | |", "| --- | --- |"]
            for (label, value) in entry.facts { lines.append("| \(label) | \(SafeText.markdown(value)) |") }
            lines += ["", Self.apiVersionNote]
            for version in Self.apiVersions {
                let paths = entry.apiPaths(version: version)
                lines += ["", "### API methods and paths, \(version) (\(paths.count))", ""]
                guard !paths.isEmpty else {
                    lines.append(Self.noApiMethods)
                    continue
                }
                lines += ["| Method | Path | Schemes | Least privileged for | Also requires |", "| --- | --- | --- | --- | --- |"]
                for path in paths {
                    let cells = [SafeText.markdown(path.method), SafeText.markdownCode(path.path)]
                        + [path.schemes, path.leastPrivilegeFor, path.alsoRequires].map { SafeText.markdown($0.joined(separator: ", ")) }
                    lines.append("| " + cells.joined(separator: " | ") + " |")
                }
            }
            lines += [""] + markdownResources(entry) + [""] + markdownHolders(entry)
            lines += ["", "### Get a token with this permission", ""]
            if entry.tokenExamples.isEmpty { lines += [Self.noTokenExample, ""] }
            for example in entry.tokenExamples {
                lines += ["**\(example.language)**", "", "```\(example.fence)", example.code, "```", ""]
            }
            lines += ["### Add it to an app registration", ""]
            lines += entry.registrationSteps.enumerated().map { "\($0.offset + 1). \(SafeText.markdown($0.element))" }
            return SafeText.pipelineSafe(lines.joined(separator: "\n") + "\n")
        }.joined(separator: "\n")
    }

    private func markdownResources(_ entry: Entry) -> [String] {
        guard let metadataAsOf else { return ["### Resources", "", "No Graph metadata imported."] }
        var lines = ["### Resources reached (\(entry.resources.count), v1.0 metadata of \(metadataAsOf))"]
        for resource in entry.resources {
            lines += ["", "#### \(SafeText.markdown(resource.type))", ""]
            if let description = resource.description { lines += [SafeText.markdown(description), ""] }
            let methods = SafeText.markdown(resource.methods.joined(separator: ", "))
            lines += ["\(Plural.count(resource.pathCount, "path")) (\(methods)). Properties: showing \(resource.properties.count) of \(resource.propertyCount).", ""]
            lines += ["| Property | Type | Nullable | Description |", "| --- | --- | --- | --- |"]
            for property in resource.properties {
                let cells = [property.name, property.type, property.nullableText, property.remark(of: resource)].map(SafeText.markdown)
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            if let note = resource.olderDescriptionNote { lines += ["", SafeText.markdown(note)] }
        }
        if !entry.unresolvedPaths.isEmpty {
            lines += ["", "Paths that reach no type in this metadata:", ""]
            lines += entry.unresolvedPaths.map { "- " + SafeText.markdownCode($0.path) + ": " + SafeText.markdown($0.problem) }
        }
        return lines
    }

    private func markdownHolders(_ entry: Entry) -> [String] {
        var lines = ["### Held by (\(entry.holders.count))", ""]
        guard !entry.holders.isEmpty else { return lines + ["No app in any imported tenant's latest snapshot."] }
        lines += ["| Tenant | As of | App | Publisher | Consent |", "| --- | --- | --- | --- | --- |"]
        for holder in entry.holders {
            let cells = [holder.tenantId, holder.asOf, holder.appName, holder.publisher ?? "unknown", holder.consent]
            lines.append("| " + cells.map(SafeText.markdown).joined(separator: " | ") + " |")
        }
        return lines
    }

    /// The page as rows: one per fact, API path, resource, property, holder, token example and registration
    /// step, told apart by `section`.
    private func rows(_ style: OutputStyle) -> String {
        let columns = ["permission", "kind", "resourceAppId", "permissionId", "section", "name", "value", "resource", "method",
                       "path", "type", "description", "nullable", "descriptionAsOf", "apiVersion"]
        var rows: [[Tabular.Cell]] = []
        for entry in entries {
            let lead: [Tabular.Cell] = [.text(permission), .text(entry.kind), .text(entry.resourceAppId), Self.cell(entry.permissionId)]
            func row(_ section: String, name: String?, value: String? = nil, resource: String? = nil, method: String? = nil,
                     path: String? = nil, type: String? = nil, description: String? = nil, nullable: String? = nil,
                     descriptionAsOf: String? = nil, apiVersion: String? = nil) {
                rows.append(lead + [.text(section)]
                    + [name, value, resource, method, path, type, description, nullable, descriptionAsOf, apiVersion].map(Self.cell))
            }
            for (name, value) in entry.exportFacts { row("fact", name: name, value: value) }
            for path in entry.apiPaths {
                row("apiPath", name: nil, value: path.annotation.trimmingCharacters(in: .whitespaces), method: path.method, path: path.path,
                    apiVersion: path.apiVersion)
            }
            for resource in entry.resources {
                row("resource", name: resource.type, value: "\(resource.pathCount)", method: resource.methods.joined(separator: ","),
                    type: resource.kind, description: resource.description)
                for property in resource.properties {
                    row("property", name: property.name, value: property.declaredBy, resource: resource.type, type: property.type,
                        description: property.description, nullable: String(property.nullable), descriptionAsOf: property.descriptionAsOf)
                }
            }
            for path in entry.unresolvedPaths {
                row("unresolvedPath", name: path.segment, path: path.path, description: path.problem)
            }
            for holder in entry.holders {
                row("holder", name: holder.appName, value: holder.consent, resource: holder.tenantId, description: holder.publisher)
            }
            for example in entry.tokenExamples { row("tokenExample", name: example.language, value: example.code) }
            for (index, step) in entry.registrationSteps.enumerated() { row("registrationStep", name: "\(index + 1)", value: step) }
        }
        return Tabular(columns: columns, rows: rows).render(style)
    }

    private static func cell(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }

    /// The Graph versions a page lists paths for, in order.
    public static let apiVersions = ["v1.0", "beta"]
    public static let noApiMethods = "No API methods available for this version."
    public static let apiVersionNote = "A path is Graph v1.0 unless only an imported beta $metadata resolves it: "
        + "the seeded catalog's paths are v1.0."

    static let noTokenExample = "No example: the permission's name or resource holds characters that are not safe inside code."

    static func resourceName(_ appId: String) -> String {
        appId == TokenExample.graphAppId ? "Microsoft Graph" : appId
    }
}

extension PermissionPage.Entry {
    public func apiPaths(version: String) -> [PermissionPage.ApiPath] {
        apiPaths.filter { $0.apiVersion == version }
    }

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
        // As the Graph permissions explorer labels them: what the user sees is the consent description.
        if let userConsentDisplayName { facts.append(("User consent name", userConsentDisplayName)) }
        if let userConsentDescription { facts.append(("User sees", userConsentDescription)) }
        let seen = sources.map { "\($0.source) \($0.asOf)" + ($0.scheme.map { " (\($0))" } ?? "") }
        facts.append(("Sources", seen.joined(separator: ", ")))
        return facts
    }

    /// The facts under the JSON field names, for the CSV export.
    var exportFacts: [(String, String?)] {
        [("adminConsentRequired", adminConsent.required.map(String.init)), ("adminConsentDecidedBy", adminConsent.decidedBy),
         ("adminConsentSourcesDisagree", String(adminConsent.sourcesDisagree)),
         ("privilegeLevel", privilegeLevel.map(String.init)), ("isEnabled", isEnabled.map(String.init)),
         ("adminConsentDisplayName", adminConsentDisplayName), ("adminConsentDescription", adminConsentDescription),
         ("userConsentDisplayName", userConsentDisplayName), ("userConsentDescription", userConsentDescription),
         ("authorizationType", authorizationType)]
            + sources.map { ("source", "\($0.source) \($0.asOf)" + ($0.scheme.map { " (\($0))" } ?? "")) }
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

extension PermissionPage.Resource {
    /// What the `*` before a description means, when one of the listed properties has it.
    public var olderDescriptionNote: String? {
        let older = Set(properties.compactMap(\.descriptionAsOf)).sorted()
        guard !older.isEmpty else { return nil }
        return "* The description is from an older metadata document (" + older.joined(separator: ", ") + "): the current one gives none."
    }
}

extension PermissionPage.Property {
    /// As the Graph explorer shows it.
    public var nullableText: String { nullable ? "Yes" : "No" }

    /// The description, with where it comes from when not from the resource itself or the current document.
    func remark(of resource: PermissionPage.Resource) -> String {
        var notes: [String] = []
        if isNavigation { notes.append("navigation") }
        if declaredBy != resource.type { notes.append("from \(declaredBy)") }
        let prefix = notes.isEmpty ? "" : "[" + notes.joined(separator: "; ") + "] "
        return prefix + (description.map { (descriptionAsOf == nil ? "" : "* ") + $0 } ?? "")
    }
}

extension PermissionPage.Holder {
    var appName: String { clientDisplayName ?? clientAppId ?? clientId }

    var consent: String {
        consentType == "Principal" ? "Principal (\(Plural.count(principalCount ?? 0, "user")))" : consentType
    }

    /// `App (thirdParty): AllPrincipals`, marked `!` with the flags when the name hides or mixes characters.
    var summary: String {
        let flags = textFlags.map { "  [! \($0)]" } ?? ""
        return (textFlags == nil ? "" : "!") + "\(appName) (\(publisher ?? "publisher unknown")): \(consent)" + flags
    }
}

extension TokenExample {
    /// The Markdown code fence language.
    var fence: String {
        switch language {
        case "C#": "csharp"
        case "JavaScript/TypeScript": "typescript"
        case "PowerShell": "powershell"
        default: "python"
        }
    }
}
