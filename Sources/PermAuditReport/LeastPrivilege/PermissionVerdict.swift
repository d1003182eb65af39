/// What the activity says of one permission an app holds.
public enum PermissionVerdict: String, Sendable, CaseIterable {
    /// In the least set that allows the app's calls.
    case keep
    /// Its calls are allowed by a lesser permission, named in `suggested`.
    case downgrade
    /// Its calls are allowed by other permissions the app keeps.
    case redundant
    /// No call in the window needs it.
    case unused
    /// The calls cannot tell: no successful call at all, calls the catalog does not know, or a permission
    /// that allows no API call in the catalog (a sign-in scope such as openid).
    case cannotJudge
}
