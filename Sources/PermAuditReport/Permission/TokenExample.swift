import PermAuditStore

/// Code that obtains an access token carrying a permission: a delegated scope through an interactive
/// browser sign-in, an application role through the client credentials flow with the `.default` scope
/// (an app-only token carries every role consented to the app). Secrets come from the environment.
public struct TokenExample: Sendable, Encodable, Equatable {
    public var language: String
    public var code: String

    public static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// None when the permission's name or the resource's id holds anything but letters, digits and `.-_:/`:
    /// these names come from imported files, and a quote or `$(` in one would run code when the example is
    /// pasted.
    static func all(permission: String, kind: PermissionKind, resourceAppId: String) -> [TokenExample] {
        guard isSafeInCode(permission), isSafeInCode(resourceAppId) else { return [] }
        let resource = resourceAppId == graphAppId ? "https://graph.microsoft.com" : resourceAppId
        switch kind {
        case .delegated:
            let scope = "\(resource)/\(permission)"
            return [csharpDelegated(scope), javascriptDelegated(scope), powershellDelegated(permission, resourceAppId), pythonDelegated(scope)]
        case .application:
            let scope = "\(resource)/.default"
            return [csharpApplication(scope), javascriptApplication(scope), powershellApplication(resourceAppId), pythonApplication(scope)]
        }
    }

    static func isSafeInCode(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_:/".unicodeScalars.contains($0)) }
    }

    private static func csharpDelegated(_ scope: String) -> TokenExample {
        TokenExample(language: "C#", code: """
            // dotnet add package Azure.Identity
            using Azure.Core;
            using Azure.Identity;

            var credential = new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions
            {
                TenantId = "YOUR_TENANT_ID",
                ClientId = "YOUR_CLIENT_ID",
                RedirectUri = new Uri("http://localhost"),
            });
            AccessToken token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "\(scope)" }));
            """)
    }

    private static func csharpApplication(_ scope: String) -> TokenExample {
        TokenExample(language: "C#", code: """
            // dotnet add package Azure.Identity
            using Azure.Core;
            using Azure.Identity;

            var credential = new ClientSecretCredential(
                "YOUR_TENANT_ID", "YOUR_CLIENT_ID", Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET"));
            AccessToken token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "\(scope)" }));
            """)
    }

    private static func javascriptDelegated(_ scope: String) -> TokenExample {
        TokenExample(language: "JavaScript/TypeScript", code: """
            // npm install @azure/identity
            import { InteractiveBrowserCredential } from "@azure/identity";

            const credential = new InteractiveBrowserCredential({
              tenantId: "YOUR_TENANT_ID",
              clientId: "YOUR_CLIENT_ID",
              redirectUri: "http://localhost",
            });
            const token = await credential.getToken(["\(scope)"]);
            """)
    }

    private static func javascriptApplication(_ scope: String) -> TokenExample {
        TokenExample(language: "JavaScript/TypeScript", code: """
            // npm install @azure/identity
            import { ClientSecretCredential } from "@azure/identity";

            const credential = new ClientSecretCredential("YOUR_TENANT_ID", "YOUR_CLIENT_ID", process.env.AZURE_CLIENT_SECRET!);
            const token = await credential.getToken("\(scope)");
            """)
    }

    private static func powershellDelegated(_ permission: String, _ resourceAppId: String) -> TokenExample {
        guard resourceAppId == graphAppId else { return nonGraphPowerShell(resourceAppId) }
        return TokenExample(language: "PowerShell", code: """
            # Install-Module Microsoft.Graph.Authentication
            Connect-MgGraph -TenantId "YOUR_TENANT_ID" -ClientId "YOUR_CLIENT_ID" -Scopes "\(permission)"
            (Get-MgContext).Scopes   # the scopes the signed-in token carries
            """)
    }

    private static func powershellApplication(_ resourceAppId: String) -> TokenExample {
        guard resourceAppId == graphAppId else { return nonGraphPowerShell(resourceAppId) }
        return TokenExample(language: "PowerShell", code: """
            # Install-Module Microsoft.Graph.Authentication
            $secret = ConvertTo-SecureString $env:AZURE_CLIENT_SECRET -AsPlainText -Force
            $credential = New-Object System.Management.Automation.PSCredential("YOUR_CLIENT_ID", $secret)
            Connect-MgGraph -TenantId "YOUR_TENANT_ID" -ClientSecretCredential $credential
            (Get-MgContext).Scopes   # the application roles the app-only token carries
            """)
    }

    /// Connect-MgGraph signs in to Microsoft Graph only; another API's token comes from Azure PowerShell.
    private static func nonGraphPowerShell(_ resourceAppId: String) -> TokenExample {
        TokenExample(language: "PowerShell", code: """
            # Install-Module Az.Accounts
            Connect-AzAccount -TenantId "YOUR_TENANT_ID"
            $token = Get-AzAccessToken -ResourceUrl "\(resourceAppId)"
            """)
    }

    private static func pythonDelegated(_ scope: String) -> TokenExample {
        TokenExample(language: "Python", code: """
            # pip install azure-identity
            from azure.identity import InteractiveBrowserCredential

            credential = InteractiveBrowserCredential(tenant_id="YOUR_TENANT_ID", client_id="YOUR_CLIENT_ID")
            token = credential.get_token("\(scope)")
            """)
    }

    private static func pythonApplication(_ scope: String) -> TokenExample {
        TokenExample(language: "Python", code: """
            # pip install azure-identity
            import os
            from azure.identity import ClientSecretCredential

            credential = ClientSecretCredential("YOUR_TENANT_ID", "YOUR_CLIENT_ID", os.environ["AZURE_CLIENT_SECRET"])
            token = credential.get_token("\(scope)")
            """)
    }
}
