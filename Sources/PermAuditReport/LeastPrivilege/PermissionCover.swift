/// The least-privileged set of permissions that allows every call an app made: an exact search over the
/// calls' candidates (an app makes tens of distinct calls with a few candidates each), minimising the
/// highest privilege level, then the sum of levels, then the number of permissions, then those Kibali marks
/// least privileged for none of the calls, then the permissions the app does not hold yet. A candidate with
/// `AlsoRequires` counts with the one it requires. Other sets that cost exactly as much are real ties: kept
/// as alternatives (a few), for a person to choose.
struct PermissionCover {
    /// One way to allow a call: a permission, with what it also requires; Kibali's least mark and the number
    /// of methods its path set allows break ties (fewer is more specific).
    struct Option: Hashable {
        var permissions: Set<String>
        var least: Bool
        var pathSetMethods: Int
    }

    let levels: [String: Int]
    let held: Set<String>
    /// Past this many steps the best set found so far is kept (and said to be approximate).
    var budget = 200_000

    /// The most alternatives kept.
    static let alternativesKept = 3

    struct Result {
        var set: Set<String>
        var exact: Bool
        /// Other sets of the same cost, in the order found.
        var alternatives: [Set<String>]
    }

    func least(_ calls: [[Option]]) -> Result {
        let leastSomewhere = Set(calls.joined().filter(\.least).flatMap(\.permissions))
        let ordered = calls.filter { !$0.isEmpty }.sorted { $0.count < $1.count }
            .map { options in options.sorted { rank($0).lexicographicallyPrecedes(rank($1)) } }
        var best: (set: Set<String>, cost: [Int])?
        var alternatives: [Set<String>] = []
        var steps = 0
        func search(_ index: Int, _ chosen: Set<String>) {
            steps += 1
            guard steps <= budget else { return }
            let cost = self.cost(chosen, leastSomewhere)
            if let best, best.cost.lexicographicallyPrecedes(cost) { return }
            guard index < ordered.count else {
                if let best, best.cost == cost {
                    if chosen != best.set, !alternatives.contains(chosen), alternatives.count < Self.alternativesKept { alternatives.append(chosen) }
                } else {
                    (best, alternatives) = ((chosen, cost), [])
                }
                return
            }
            if ordered[index].contains(where: { $0.permissions.isSubset(of: chosen) }) {
                search(index + 1, chosen)
                return
            }
            for option in ordered[index] { search(index + 1, chosen.union(option.permissions)) }
        }
        search(0, [])
        return Result(set: best?.set ?? [], exact: steps <= budget, alternatives: alternatives)
    }

    /// Unknown levels count as the highest (5).
    func level(_ permission: String) -> Int { levels[permission] ?? 5 }

    private func cost(_ set: Set<String>, _ leastSomewhere: Set<String>) -> [Int] {
        let levels = set.map(level)
        return [levels.max() ?? 0, levels.reduce(0, +), set.count, set.subtracting(leastSomewhere).count, set.subtracting(held).count]
    }

    /// Options tried first, so that of sets that cost the same the first found is kept: already held, lower
    /// level, fewer permissions, marked least, fewer methods, then names without ReadWrite or .All.
    private func rank(_ option: Option) -> [Int] {
        let names = option.permissions
        return [names.isSubset(of: held) ? 0 : 1, names.map(level).max() ?? 0, names.count, option.least ? 0 : 1, option.pathSetMethods,
                names.contains { $0.contains("ReadWrite") } ? 1 : 0, names.contains { $0.hasSuffix(".All") } ? 1 : 0]
    }
}
