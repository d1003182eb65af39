/// What the holdings need of a grant, as integer keys: its client and resource (`tenantObject`), its user
/// (`tenantUser`; 0 for a tenant-wide grant, which has none) and its scope string (`scopeSet`).
struct GrantKeys {
    let client: UInt32
    let resource: UInt32
    let user: UInt32
    let scopeSet: UInt32
}
