/// Receives the matches of a `TermMatcher` scan: the term's id and the 1-based text words where the
/// occurrence starts and ends. A struct conforming to it is inlined into the walk (no closure call
/// per match).
protocol MatchSink {
    mutating func found(term: Int, word: Int, lastWord: Int)
}
