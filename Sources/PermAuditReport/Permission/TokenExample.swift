import PermAuditStore

/// Code that obtains an access token carrying a permission and calls one of the permission's own
/// least-privileged API paths with it: a delegated scope through an interactive browser sign-in, an
/// application role through the client credentials flow with the `.default` scope (an app-only token carries
/// every role consented to the app). Secrets come from the environment; each starts with its install line.
public struct TokenExample: Sendable, Equatable {
    public var language: String
    public var code: String

    public static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// A Graph call of the example: the method and the full URL.
    struct Call: Equatable {
        var method: String
        var url: String
    }

    /// None when the permission's name or the resource's id holds anything but letters, digits and `.-_:/`:
    /// these names come from imported files, and a quote or `$(` in one would run code when the example is
    /// pasted. `paths`: the permission's API paths, of which the example calls one it is least privileged for,
    /// one of the `unresolved` (no metadata document knows it) only when there is no other.
    static func all(permission: String, kind: PermissionKind, resourceAppId: String, paths: [PermissionPage.ApiPath],
                    unresolved: Set<String>) -> [TokenExample] {
        guard isSafeInCode(permission), isSafeInCode(resourceAppId) else { return [] }
        let resource = resourceAppId == graphAppId ? "https://graph.microsoft.com" : resourceAppId
        let call = resourceAppId == graphAppId ? call(kind: kind, paths: paths, unresolved: unresolved) : nil
        switch kind {
        case .delegated:
            let scope = "\(resource)/\(permission)"
            return [csharpDelegated(scope), javascriptDelegated(scope), powershellDelegated(permission, resourceAppId), pythonDelegated(scope)]
                .map { $0.calling(call) }
        case .application:
            let scope = "\(resource)/.default"
            return [csharpApplication(scope), javascriptApplication(scope), powershellApplication(resourceAppId), pythonApplication(scope)]
                .map { $0.calling(call) }
        }
    }

    /// The path to call: one this permission is least privileged for under its kind's scheme, a GET first
    /// (it changes nothing), then one the metadata knows, then one without placeholders; only paths safe inside code.
    static func call(kind: PermissionKind, paths: [PermissionPage.ApiPath], unresolved: Set<String>) -> Call? {
        let schemes: Set = kind == .application ? ["Application"] : ["DelegatedWork", "DelegatedPersonal"]
        let candidates = paths.filter { path in
            !schemes.isDisjoint(with: path.leastPrivilegeFor) && path.path.hasPrefix("/") && HTTPMethods.order.contains(path.method)
                && path.path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/{}._-".unicodeScalars.contains($0)) }
        }
        func rank(_ path: PermissionPage.ApiPath) -> (Int, Int, Int, String) {
            (path.method == "GET" ? 0 : 1, unresolved.contains(path.path) ? 1 : 0, path.path.contains("{") ? 1 : 0, path.path)
        }
        let best = candidates.min { rank($0) < rank($1) }
        return best.map { Call(method: $0.method, url: "https://graph.microsoft.com/\($0.apiVersion)\($0.path)") }
    }

    static func isSafeInCode(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_:/".unicodeScalars.contains($0)) }
    }

    /// The example with the call appended, in its language (the install line gains what the call needs).
    private func calling(_ call: Call?) -> TokenExample {
        guard let call else { return self }
        var notes: [String] = []
        if call.url.contains("{") { notes.append("replace each {placeholder} first") }
        if call.method != "GET" && call.method != "DELETE" { notes.append("send the request body the API's documentation gives") }
        let placeholder = notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
        switch language {
        case "C#":
            return TokenExample(language: language, code: code + """


                // \(call.method) \(call.url)\(placeholder)
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
                var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod("\(call.method)"), "\(call.url)"));
                Console.WriteLine(await response.Content.ReadAsStringAsync());
                """)
        case "JavaScript/TypeScript":
            return TokenExample(language: language, code: code + """


                // \(call.method) \(call.url)\(placeholder)
                const response = await fetch("\(call.url)", { method: "\(call.method)", headers: { Authorization: `Bearer ${token.token}` } });
                console.log(await response.text());
                """)
        case "PowerShell" where code.contains("Connect-MgGraph"):
            return TokenExample(language: language, code: code + """


                # \(call.method) \(call.url)\(placeholder)
                Invoke-MgGraphRequest -Method \(call.method) -Uri '\(call.url)'
                """)
        case "Python":
            return TokenExample(language: language, code: code.replacingOccurrences(of: "# pip install azure-identity", with: "# pip install azure-identity requests") + """


                # \(call.method) \(call.url)\(placeholder)
                import requests
                response = requests.request("\(call.method)", "\(call.url)", headers={"Authorization": f"Bearer {token.token}"})
                print(response.text)
                """)
        default:
            return self
        }
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
