/// The token requests carry, renewed at most once per refusal: when Graph answers 401, the first worker asks
/// for a new token; the others, refused with the same old one, use what it got.
actor TokenHolder {
    typealias Renew = @Sendable () async -> AccessToken?

    private(set) var current: AccessToken
    private let renew: Renew?

    init(_ token: AccessToken, renew: Renew?) {
        current = token
        self.renew = renew
    }

    /// Whether a token other than `refused` is now current: renewed by another worker, or just now.
    /// A renewed token must be for the same tenant when both say theirs.
    func renewed(after refused: AccessToken) async -> Bool {
        if current.value != refused.value { return true }
        guard let renew, let fresh = await renew(), fresh.value != refused.value,
              fresh.tenantId == nil || refused.tenantId == nil || fresh.tenantId == refused.tenantId else { return false }
        if current.value == refused.value { current = fresh }
        return true
    }
}
