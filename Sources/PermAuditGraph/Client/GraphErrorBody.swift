import Foundation

/// Graph's `{"error": {"code", "message"}}`, read for the one line an error shows.
struct GraphErrorBody {
    var code: String
    var message: String

    init?(_ body: Data) {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        code = error["code"] as? String ?? ""
        message = error["message"] as? String ?? ""
    }

    /// An expired or unknown page token: the listing must start again (learn.microsoft.com/graph/paging).
    var isPageTokenLoss: Bool {
        code == "Directory_PageTokenNotFound" || message.contains("DirectoryPageTokenNotFoundException")
            || code.contains("PageTokenNotFound") || message.contains("Token not found")
    }

    /// `code: message`, cut short: shown in one error line (made safe by the console).
    var summary: String {
        let text = [code, message].filter { !$0.isEmpty }.joined(separator: ": ")
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
