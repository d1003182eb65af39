import PermAuditStore

/// How to add a permission to an app registration, in the Entra admin center and with the Azure CLI,
/// and whether an administrator must then grant consent.
enum RegistrationSteps {
    static func steps(permission: String, permissionId: String?, kind: PermissionKind, resourceAppId: String,
                      adminConsentRequired: Bool?) -> [String] {
        let api = resourceAppId == TokenExample.graphAppId ? "Microsoft Graph" : "the API \(resourceAppId)"
        let type = kind == .delegated ? "Delegated permissions" : "Application permissions"
        var steps = [
            "In the Microsoft Entra admin center, open Identity > Applications > App registrations and select the app.",
            "Open API permissions > Add a permission > \(api) > \(type), select \(permission), and choose Add permissions.",
        ]
        // The command is pasted into a shell: only ids of safe characters go into it (see TokenExample).
        if let permissionId, TokenExample.isSafeInCode(permissionId), TokenExample.isSafeInCode(resourceAppId) {
            let suffix = kind == .delegated ? "Scope" : "Role"
            steps.append("Or with the Azure CLI: az ad app permission add --id YOUR_CLIENT_ID --api \(resourceAppId) "
                + "--api-permissions \(permissionId)=\(suffix)")
        }
        steps.append(consentStep(kind: kind, adminConsentRequired: adminConsentRequired))
        return steps
    }

    private static func consentStep(kind: PermissionKind, adminConsentRequired: Bool?) -> String {
        let grant = "an administrator chooses Grant admin consent on the API permissions page "
            + "(or runs az ad app permission admin-consent --id YOUR_CLIENT_ID)"
        switch (kind, adminConsentRequired) {
        case (.application, _):
            return "Application permissions always need admin consent: \(grant)."
        case (.delegated, true?):
            return "This scope requires admin consent: \(grant); users cannot consent to it themselves."
        case (.delegated, false?):
            return "Admin consent is not required: users can consent at first sign-in if the tenant's user consent settings allow it, "
                + "or \(grant) for everyone."
        case (.delegated, nil):
            return "No source says whether admin consent is required: check in the tenant, or \(grant)."
        }
    }
}
