import Foundation
import PermAuditStore

/// The organisation's policy file, as JSON (or the YAML subset `PolicyYAML` turns into JSON):
/// `{"rules": [...], "exceptions": [...]}`. Unknown properties are refused, so a misspelt condition
/// cannot silently widen a rule.
struct PolicyDocument: Decodable {
    var rules: [Rule]
    var exceptions: [Exception]

    private enum CodingKeys: String, CodingKey, CaseIterable { case rules, exceptions }

    init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
        exceptions = try container.decodeIfPresent([Exception].self, forKey: .exceptions) ?? []
    }

    struct Rule: Decodable {
        var permission: String?
        var kind: PermissionKind?
        var resource: String?
        var publisher: String?
        var level: RiskLevel?
        var tier: Int?
        var reason: String?

        private enum CodingKeys: String, CodingKey, CaseIterable { case permission, kind, resource, publisher, level, tier, reason }

        /// Far above any permission name; keeps what the matcher is given small.
        static let patternLimit = 256

        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            permission = try container.decodeIfPresent(String.self, forKey: .permission)
            kind = try PolicyValues.kind(container, .kind)
            resource = try container.decodeIfPresent(String.self, forKey: .resource)
            publisher = try PolicyValues.oneOf(container, .publisher, ["microsoft", "thisTenant", "thirdParty"])
            level = try PolicyValues.oneOf(container, .level, RiskLevel.allCases.map(\.rawValue)).flatMap(RiskLevel.init)
            tier = try container.decodeIfPresent(Int.self, forKey: .tier)
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
            if let permission, permission.count > Self.patternLimit {
                throw DecodingError.dataCorruptedError(forKey: .permission, in: container,
                                                       debugDescription: "a name pattern of \(permission.count) characters; at most \(Self.patternLimit)")
            }
            if let tier, !(0...2).contains(tier) {
                throw DecodingError.dataCorruptedError(forKey: .tier, in: container, debugDescription: "expected a tier 0, 1 or 2, found \(tier)")
            }
            if level == nil && tier == nil {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a rule sets a level or a tier (or both)"))
            }
        }
    }

    struct Exception: Decodable {
        var app: String
        var permission: String
        var kind: PermissionKind?
        var resource: String?
        var reason: String
        var owner: String
        var expires: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case app, permission, kind, resource, reason, owner, expires }

        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            app = try PolicyValues.text(container, .app)
            permission = try PolicyValues.text(container, .permission)
            kind = try PolicyValues.kind(container, .kind)
            resource = try container.decodeIfPresent(String.self, forKey: .resource)
            reason = try PolicyValues.text(container, .reason)
            owner = try PolicyValues.text(container, .owner)
            expires = try PolicyValues.text(container, .expires)
            guard AsOfDate.validated(expires) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .expires, in: container, debugDescription: "expected a date written YYYY-MM-DD, found \"\(expires)\"")
            }
        }
    }

    func policy(file: String) -> RiskPolicy {
        RiskPolicy(
            rules: rules.enumerated().map { index, rule in
                PolicyRule(location: "$.rules[\(index)]", permission: rule.permission, kind: rule.kind, resourceAppId: rule.resource,
                           publisher: rule.publisher, level: rule.level, tier: rule.tier, reason: rule.reason)
            },
            exceptions: exceptions.enumerated().map { index, exception in
                PolicyException(location: "$.exceptions[\(index)]", app: exception.app, permission: exception.permission,
                                kind: exception.kind, resourceAppId: exception.resource, reason: exception.reason,
                                owner: exception.owner, expires: exception.expires)
            })
    }
}
