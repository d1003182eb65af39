/// The positions of a collection's stored versions by content digest: an open-addressed table, probed
/// linearly from a slot chosen by the digest's first word. It replaced a binary search over the positions
/// sorted by digest, whose sort took 0.7 s and whose twenty steps a lookup 1.4 s of a million-grant weekly
/// import, each step a cache miss in 32 MB of digests.
///
/// The first word is hashed with the process's random seed before it picks a slot: an export whose contents
/// were made to share a slot's bits cannot pile its versions into one long run of probes.
struct DigestTable: Sendable {
    /// Each slot a position + 1, or 0 when empty: a quarter more slots than versions keeps the runs short
    /// (4 bytes a slot, 10 MB for two million versions).
    private var slots: [Int32]

    init(_ digests: [ContentDigest]) {
        slots = Array(repeating: 0, count: digests.count + digests.count / 4 + 1)
        for (position, digest) in digests.enumerated() {
            var slot = self.slot(of: digest)
            while slots[slot] != 0 { slot = next(slot) }
            slots[slot] = Int32(position + 1)
        }
    }

    /// The position of a version with this digest in `digests`, the array the table was made from.
    func position(of digest: ContentDigest, in digests: [ContentDigest]) -> Int? {
        var slot = slot(of: digest)
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if digests[position] == digest { return position }
            slot = next(slot)
        }
        return nil
    }

    /// The first word, offset by the process's random seed and mixed (MurmurHash3's finalizer, a bijection
    /// whose every output bit depends on every input bit): unforeseeable to whoever chose the digests without the
    /// seed, at a fifth of Hasher's cost (a weekly import looks up a million).
    private func slot(of digest: ContentDigest) -> Int {
        var word = digest.words.0 &+ Self.seed
        word = (word ^ word >> 33) &* 0xFF51_AFD7_ED55_8CCD
        word = (word ^ word >> 33) &* 0xC4CE_B9FE_1A85_EC53
        word ^= word >> 33
        return Int(truncatingIfNeeded: word.multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    private static let seed = UInt64.random(in: .min ... .max)

    private func next(_ slot: Int) -> Int {
        slot + 1 == slots.count ? 0 : slot + 1
    }
}
