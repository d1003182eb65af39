/// A resource and one of its permissions, as holdings name them: every holding of a pair resolves alike.
struct HeldPair: Equatable {
    let resourceKey: Int64
    let permissionKey: Int64
}
