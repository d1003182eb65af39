/// A holding that a snapshot may hold otherwise than the latest snapshot did, when only the changes are
/// counted: its users went up or down by `users`, or it is `held` or not (a tenant-wide or an application
/// holding, which has no users). HoldingWriter reads the latest snapshot's holding and writes the difference.
struct HoldingDelta {
    let client: UInt32
    let resource: UInt32
    /// The permission's number in the tally.
    let permission: Int32
    let consentType: HoldingConsentType
    let outcome: Outcome

    enum Outcome {
        case users(Int32)
        case held(Bool)
    }
}
