/// The result of matching a query against a candidate.
public struct FuzzyMatch: Equatable, Sendable {
    /// Higher is better.
    public var score: Int
    /// Indices (in `Character`s of the candidate) of the matched characters, for highlighting.
    public var positions: [Int]
}

/// Subsequence fuzzy matching for the command palette and filters: every query
/// character must appear in order in the candidate. The score prefers matches at word
/// starts (after a space, `-`, `_`, `/`, `.`, or a lower-to-upper case change),
/// contiguous runs and early matches, and penalizes gaps. Case-insensitive unless the
/// query holds an upper-case letter ("smart case"). The best alignment is found with
/// dynamic programming, so "cp" in "command palette" matches the two word starts.
public enum FuzzyMatcher {
    static let matchScore = 16
    static let wordStartBonus = 10
    static let firstCharacterBonus = 8
    static let consecutiveBonus = 12
    static let gapPenalty = 1
    static let leadingGapPenalty = 1
    static let maxLeadingPenalty = 10

    public static func match(_ query: String, in candidate: String) -> FuzzyMatch? {
        let pattern = Array(query.filter { $0 != " " })
        let text = Array(candidate)
        if pattern.isEmpty { return FuzzyMatch(score: 0, positions: []) }
        if pattern.count > text.count { return nil }
        let caseSensitive = pattern.contains { $0.isUppercase }
        let fold: (Character) -> String = caseSensitive ? { String($0) } : { $0.lowercased() }
        let p = pattern.map(fold), t = text.map(fold)

        let n = p.count, m = t.count
        let minusInfinity = Int.min / 4
        // best[i][j]: best score with pattern[0...i] matched and pattern[i] at text[j].
        var best = [[Int]](repeating: [Int](repeating: minusInfinity, count: m), count: n)
        var from = [[Int]](repeating: [Int](repeating: -1, count: m), count: n)
        let bonuses = (0..<m).map { bonus(text, at: $0) }

        for j in 0..<m where t[j] == p[0] {
            best[0][j] = matchScore + bonuses[j] + (j == 0 ? firstCharacterBonus : 0) - min(maxLeadingPenalty, j * leadingGapPenalty)
        }
        if n > 1 {
            for i in 1..<n {
                // Running best of best[i-1][k] + gapPenalty * k, for k < j - 1 (a gap before j).
                var runningBest = minusInfinity, runningFrom = -1
                for j in i..<m {
                    if j >= 2, best[i - 1][j - 2] > minusInfinity, best[i - 1][j - 2] + gapPenalty * (j - 2) > runningBest {
                        runningBest = best[i - 1][j - 2] + gapPenalty * (j - 2)
                        runningFrom = j - 2
                    }
                    guard t[j] == p[i] else { continue }
                    var score = minusInfinity, origin = -1
                    if best[i - 1][j - 1] > minusInfinity {
                        score = best[i - 1][j - 1] + consecutiveBonus
                        origin = j - 1
                    }
                    if runningBest > minusInfinity {
                        let gapped = runningBest - gapPenalty * (j - 1)
                        if gapped > score { score = gapped; origin = runningFrom }
                    }
                    if origin >= 0 {
                        best[i][j] = score + matchScore + bonuses[j]
                        from[i][j] = origin
                    }
                }
            }
        }
        var endScore = minusInfinity, end = -1
        for j in 0..<m where best[n - 1][j] > endScore { endScore = best[n - 1][j]; end = j }
        guard end >= 0 else { return nil }
        var positions = [Int](repeating: 0, count: n)
        var j = end
        for i in stride(from: n - 1, through: 0, by: -1) {
            positions[i] = j
            j = from[i][j]
        }
        return FuzzyMatch(score: endScore, positions: positions)
    }

    /// Candidates that match, best first (ties keep the input order).
    public static func rank(_ query: String, _ candidates: [String]) -> [(index: Int, match: FuzzyMatch)] {
        candidates.enumerated()
            .compactMap { index, candidate in match(query, in: candidate).map { (index, $0) } }
            .sorted { $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.index < $1.index }
    }

    static func bonus(_ text: [Character], at j: Int) -> Int {
        if j == 0 { return wordStartBonus }
        let previous = text[j - 1], current = text[j]
        if " -_/.:".contains(previous) { return wordStartBonus }
        if previous.isLowercase && current.isUppercase { return wordStartBonus }
        if !previous.isLetter && !previous.isNumber && (current.isLetter || current.isNumber) { return wordStartBonus / 2 }
        return 0
    }
}
