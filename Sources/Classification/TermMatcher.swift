import TextFolding

/// A one-pass multi-pattern matcher over folded text: every configured term is found in a single
/// left-to-right pass, whatever the number of terms.
///
/// A term is a sequence of words; each word is matched from the start of a word in the text, either
/// whole (`zakon`) or as a prefix (`opstin*` finds "opstina", "opstine", "opstinama"), so one stem
/// covers Slavic inflection. Multi-word terms (`lokaln* samouprav*`) match consecutive words.
/// Text is classified per byte into letters, digits, other non-ASCII (letters of other scripts)
/// and separators, so punctuation never breaks a match and never needs its own pattern.
///
/// Because every pattern starts at a word start, the Aho–Corasick automaton of the patterns
/// (each preceded by a separator) never needs a failure link inside a word: after a mismatch it
/// can only restart at the next word. The matcher is therefore that automaton stored as a trie
/// walked from each word start: the walk stops at the first byte no pattern continues with, and
/// the rest of the word is skipped with one table lookup per byte. Hot nodes (the first letters)
/// stay in cache, which a dense automaton over ~4 000 states does not.
public struct TermMatcher: Sendable {
    /// One word of a term, already folded.
    public struct Word: Sendable, Hashable {
        /// Folded spelling (ASCII for Latin and Cyrillic terms).
        public var text: [UInt8]
        /// True when the word may continue in the text (a stem).
        public var isPrefix: Bool

        /// A word of a term.
        public init(text: [UInt8], isPrefix: Bool) {
            self.text = text
            self.isPrefix = isPrefix
        }
    }

    /// Number of byte classes: separator (0), 26 letters, 10 digits, other non-ASCII.
    static let classCount = 38
    static let byteClass: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x61...0x7A: UInt8(byte - 0x61 + 1)
        case 0x30...0x39: UInt8(byte - 0x30 + 27)
        case 0x80...0xFF: 37
        default: 0
        }
    }

    /// The compiled trie and term tables, shared by every copy of the matcher.
    private let tables: Tables

    /// The compiled terms, by id.
    public let terms: [[Word]]

    /// Number of terms.
    public var termCount: Int { tables.termLengths.count }

    /// Number of trie nodes (automaton states).
    public let stateCount: Int

    /// Compiles the terms; a term's id is its index. Empty terms never match.
    public init(terms: [[Word]]) {
        self.terms = terms
        let termLengths = terms.map { Int32($0.count) }
        var wordIndex: [Word: Int] = [:]
        var words: [Word] = []
        var wordTerms: [[(term: Int32, position: Int32)]] = []
        for (term, termWords) in terms.enumerated() {
            for (position, word) in termWords.enumerated() {
                let id: Int
                if let known = wordIndex[word] {
                    id = known
                } else {
                    id = words.count
                    wordIndex[word] = id
                    words.append(word)
                    wordTerms.append([])
                }
                wordTerms[id].append((Int32(term), Int32(position)))
            }
        }
        var starts: [Int32] = [0]
        var termIDs: [Int32] = []
        var positions: [Int32] = []
        // Each pattern's first-word entries come first, so a pattern that only continues terms
        // costs nothing while no term is in progress.
        for unsorted in wordTerms {
            let list = unsorted.sorted { ($0.position, $0.term) < ($1.position, $1.term) }
            termIDs += list.map(\.term)
            positions += list.map(\.position)
            starts.append(Int32(termIDs.count))
        }

        // The trie, built in insertion order, then numbered breadth-first so that the first
        // letters' nodes share a few cache lines.
        let width = Self.classCount
        var children: [[Int]] = [Array(repeating: 0, count: width)]
        var nodeStems: [[Int32]] = [[]]
        var nodeWholes: [[Int32]] = [[]]
        for (id, word) in words.enumerated() {
            var node = 0
            for byte in word.text {
                let symbol = Int(Self.byteClass[Int(byte)])
                if children[node][symbol] == 0 {
                    children[node][symbol] = children.count
                    children.append(Array(repeating: 0, count: width))
                    nodeStems.append([])
                    nodeWholes.append([])
                }
                node = children[node][symbol]
            }
            if word.isPrefix { nodeStems[node].append(Int32(id)) } else { nodeWholes[node].append(Int32(id)) }
        }
        var order = [0]
        var head = 0
        while head < order.count {
            order += children[order[head]].filter { $0 != 0 }
            head += 1
        }
        var renumbered = [Int](repeating: 0, count: children.count)
        for (new, old) in order.enumerated() { renumbered[old] = new }
        // 16-bit entries while the node numbers fit in 14 bits (half the cache footprint), else 32.
        func table<Entry: FixedWidthInteger & UnsignedInteger>(of type: Entry.Type) -> [Entry] {
            var table = [Entry](repeating: 0, count: order.count * width)
            for (new, old) in order.enumerated() {
                for symbol in 0..<width where children[old][symbol] != 0 {
                    let target = children[old][symbol]
                    table[new * width + symbol] = Entry(renumbered[target])
                        | (nodeStems[target].isEmpty ? 0 : Tables.stemFlag(Entry.self))
                        | (nodeWholes[target].isEmpty ? 0 : Tables.wholeFlag(Entry.self))
                }
            }
            return table
        }
        let compact = order.count < 1 << 14
        let child16 = compact ? table(of: UInt16.self) : []
        let child32 = compact ? [] : table(of: UInt32.self)
        stateCount = order.count
        func flatten(_ lists: [[Int32]]) -> (starts: [Int32], items: [Int32]) {
            var starts: [Int32] = [0]
            var items: [Int32] = []
            for old in order {
                items += lists[old]
                starts.append(Int32(items.count))
            }
            return (starts, items)
        }
        let stems = flatten(nodeStems), wholes = flatten(nodeWholes)
        tables = Tables(child16: child16, child32: child32, stemStart: stems.starts, stems: stems.items, wholeStart: wholes.starts,
                        wholes: wholes.items, wordTermStart: starts, wordTermTerm: termIDs,
                        wordTermPosition: positions, termLengths: termLengths)
    }

    /// Number of words of a term.
    public func wordCount(of term: Int) -> Int {
        Int(tables.termLengths[term])
    }

    /// Calls `found` with the id of every term occurring in the folded `text`, once per occurrence,
    /// and the 1-based index of the text word where the occurrence starts.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, found: (_ term: Int, _ word: Int) -> Void) {
        let tables = self.tables
        var matches = Matches(tables: tables)
        if tables.child32.isEmpty {
            tables.child16.withUnsafeBufferPointer { Self.walk(text, child: $0, matches: &matches, found: found) }
        } else {
            tables.child32.withUnsafeBufferPointer { Self.walk(text, child: $0, matches: &matches, found: found) }
        }
    }

    /// The scanning loop over one trie table layout.
    @inline(__always)
    private static func walk<Entry: FixedWidthInteger & UnsignedInteger>(
        _ text: UnsafeBufferPointer<UInt8>, child: UnsafeBufferPointer<Entry>, matches: inout Matches,
        found: (_ term: Int, _ word: Int) -> Void
    ) {
        let count = text.count
        let width = classCount
        let stemFlag = Tables.stemFlag(Entry.self), wholeFlag = Tables.wholeFlag(Entry.self)
        let flags = stemFlag | wholeFlag
        byteClass.withUnsafeBufferPointer { classes in
            var index = 0
            var word: Int32 = 0
            while index < count {
                // Skip separators to the next word start.
                var symbol = Int(classes[Int(text[index])])
                if symbol == 0 {
                    index &+= 1
                    continue
                }
                word &+= 1
                // Walk the trie while some pattern continues; report stems as they end.
                var node = 0
                var next: Entry = 0
                while true {
                    next = child[node &* width &+ symbol]
                    if next == 0 { break }
                    node = Int(next & ~flags)
                    if next & stemFlag != 0 { matches.stems(at: node, word: word, found: found) }
                    index &+= 1
                    guard index < count else { break }
                    symbol = Int(classes[Int(text[index])])
                    if symbol == 0 { break }
                }
                // At the word's end (or where the trie stopped), whole words and the rest.
                if next & wholeFlag != 0 && (index >= count || classes[Int(text[index])] == 0) {
                    matches.wholes(at: node, word: word, found: found)
                }
                while index < count && classes[Int(text[index])] != 0 { index &+= 1 }
            }
        }
    }

    /// Calls `found` for every term occurring in `bytes` (already folded), with its first word.
    public func scan(_ bytes: [UInt8], found: (_ term: Int, _ word: Int) -> Void) {
        bytes.withUnsafeBufferPointer { scan($0, found: found) }
    }

    /// Turns word-pattern matches into term matches, following multi-word terms across words.
    private struct Matches {
        let tables: Tables
        /// Multi-word terms in progress: the term, the position of its next word, the text word
        /// that must hold it, and the word where the term started. Matches arrive word by word, so
        /// an entry whose expected word has passed is dropped.
        var partial: [(term: Int32, position: Int32, expected: Int32, first: Int32)] = []

        mutating func stems(at node: Int, word: Int32, found: (Int, Int) -> Void) {
            let range = Int(tables.stemStart[node])..<Int(tables.stemStart[node + 1])
            for slot in range { pattern(Int(tables.stems[slot]), word: word, found: found) }
        }

        mutating func wholes(at node: Int, word: Int32, found: (Int, Int) -> Void) {
            let range = Int(tables.wholeStart[node])..<Int(tables.wholeStart[node + 1])
            for slot in range { pattern(Int(tables.wholes[slot]), word: word, found: found) }
        }

        private mutating func pattern(_ pattern: Int, word: Int32, found: (Int, Int) -> Void) {
            if !partial.isEmpty { partial.removeAll { $0.expected < word } }
            for entry in Int(tables.wordTermStart[pattern])..<Int(tables.wordTermStart[pattern + 1]) {
                let term = tables.wordTermTerm[entry], position = tables.wordTermPosition[entry]
                if position > 0 && partial.isEmpty { return }
                let length = tables.termLengths[Int(term)]
                if position == 0 {
                    if length == 1 {
                        found(Int(term), Int(word))
                    } else {
                        if partial.capacity == 0 { partial.reserveCapacity(8) }
                        partial.append((term, 1, word + 1, word))
                    }
                } else if let pending = partial.firstIndex(where: {
                    $0.term == term && $0.position == position && $0.expected == word
                }) {
                    if position + 1 == length {
                        found(Int(term), Int(partial[pending].first))
                        partial.remove(at: pending)
                    } else {
                        partial[pending].position += 1
                        partial[pending].expected += 1
                    }
                }
            }
        }
    }

    /// The trie and term tables: immutable once built.
    private final class Tables: Sendable {
        /// Trie children: `child[node * classCount + class]`, 0 for none (the root is never a
        /// child), in 16-bit entries when the trie is small enough, else 32-bit (the other is empty).
        /// The two high bits mark a child where stems or whole words end, so the walk tests one bit
        /// per byte.
        let child16: [UInt16]
        let child32: [UInt32]

        /// The bit marking a child where stems end.
        static func stemFlag<Entry: FixedWidthInteger & UnsignedInteger>(_: Entry.Type) -> Entry {
            1 << (Entry.bitWidth - 1)
        }

        /// The bit marking a child where whole words end.
        static func wholeFlag<Entry: FixedWidthInteger & UnsignedInteger>(_: Entry.Type) -> Entry {
            1 << (Entry.bitWidth - 2)
        }
        /// Word patterns ending at each node: stems `stems[stemStart[node] ..< stemStart[node + 1]]`,
        /// whole words `wholes[wholeStart[node] ..< wholeStart[node + 1]]`.
        let stemStart: [Int32]
        let stems: [Int32]
        let wholeStart: [Int32]
        let wholes: [Int32]
        /// For each distinct word pattern: the (term, position of the word in the term) pairs
        /// `wordTermTerm/Position[wordTermStart[pattern] ..< wordTermStart[pattern + 1]]`.
        let wordTermStart: [Int32]
        let wordTermTerm: [Int32]
        let wordTermPosition: [Int32]
        /// Number of words of each term.
        let termLengths: [Int32]

        init(child16: [UInt16], child32: [UInt32], stemStart: [Int32], stems: [Int32], wholeStart: [Int32], wholes: [Int32],
             wordTermStart: [Int32], wordTermTerm: [Int32], wordTermPosition: [Int32], termLengths: [Int32]) {
            self.child16 = child16
            self.child32 = child32
            self.stemStart = stemStart
            self.stems = stems
            self.wholeStart = wholeStart
            self.wholes = wholes
            self.wordTermStart = wordTermStart
            self.wordTermTerm = wordTermTerm
            self.wordTermPosition = wordTermPosition
            self.termLengths = termLengths
        }
    }

    /// Parses a term as written in configuration: words separated by spaces, `*` after a word makes
    /// it a stem. The text is folded, so "občin*", "obcin*" and "општин*"-style spellings agree.
    public static func words(of term: String) -> [Word] {
        var words: [Word] = []
        for part in term.split(separator: " ") {
            let isPrefix = part.hasSuffix("*")
            let bare = isPrefix ? String(part.dropLast()) : String(part)
            let pieces = TextFolding.foldedBytes(bare).split(whereSeparator: { byteClass[Int($0)] == 0 })
            for (index, piece) in pieces.enumerated() {
                words.append(Word(text: Array(piece), isPrefix: isPrefix && index == pieces.count - 1))
            }
        }
        return words
    }
}
