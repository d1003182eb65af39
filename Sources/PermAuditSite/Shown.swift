import PermAuditReport

/// Imported text as the site shows it: bidirectional controls, invisible and control characters written as
/// visible escapes (SafeText.visible), so what is drawn is what is stored; the template then escapes HTML.
enum Shown {
    static func text(_ value: String?, absent: String = "not given") -> String {
        value.map(SafeText.visible) ?? absent
    }

    static func flag(_ value: Bool?) -> String {
        value.map { $0 ? "yes" : "no" } ?? "unknown"
    }
}

extension Shown {
    /// Text of several lines (a code example): each line made visible, the line breaks kept.
    static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.visible(String($0)) }.joined(separator: "\n")
    }
}
