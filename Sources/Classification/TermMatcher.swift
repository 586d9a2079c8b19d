import TextFolding

/// A one-pass multi-pattern matcher (Aho–Corasick, compiled to a dense automaton) over folded text.
///
/// A term is a sequence of words; each word is matched from the start of a word in the text, either
/// whole (`zakon`) or as a prefix (`opstin*` finds "opstina", "opstine", "opstinama"), so one stem
/// covers Slavic inflection. Multi-word terms (`lokaln* samouprav*`) match consecutive words.
/// Text is classified per byte into letters, digits, other non-ASCII (letters of other scripts)
/// and separators, so punctuation never breaks a match and never needs its own pattern.
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

    /// Number of byte classes: separator, 26 letters, 10 digits, other non-ASCII.
    static let classCount = 38
    static let byteClass: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x61...0x7A: UInt8(byte - 0x61 + 1)
        case 0x30...0x39: UInt8(byte - 0x30 + 27)
        case 0x80...0xFF: 37
        default: 0
        }
    }

    /// Dense transitions: `next[state * classCount + class]`.
    private let next: [Int32]
    /// Outputs of each state (its own and those reached through failure links): a range in `outputs`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// For each distinct word pattern: (term, position of the word in the term).
    private let wordTerms: [[(term: Int32, position: Int32)]]
    /// Number of words of each term.
    private let termLengths: [Int32]
    private let hasMultiWordTerms: Bool

    /// The compiled terms, by id.
    public let terms: [[Word]]

    /// Number of terms.
    public var termCount: Int { termLengths.count }

    /// Compiles the terms; a term's id is its index. Empty terms never match.
    public init(terms: [[Word]]) {
        self.terms = terms
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
        self.wordTerms = wordTerms
        termLengths = terms.map { Int32($0.count) }
        hasMultiWordTerms = terms.contains { $0.count > 1 }

        // Trie over class sequences: a separator, the word, and a separator for whole words.
        let width = Self.classCount
        var goto: [Int32] = Array(repeating: -1, count: width)
        var stateOutputs: [[Int32]] = [[]]
        for (id, word) in words.enumerated() {
            var sequence: [UInt8] = [0]
            sequence += word.text.map { Self.byteClass[Int($0)] }
            if !word.isPrefix { sequence.append(0) }
            var state = 0
            for symbol in sequence {
                let slot = state * width + Int(symbol)
                if goto[slot] < 0 {
                    goto[slot] = Int32(stateOutputs.count)
                    stateOutputs.append([])
                    goto += Array(repeating: -1, count: width)
                }
                state = Int(goto[slot])
            }
            stateOutputs[state].append(Int32(id))
        }
        // Breadth-first failure links, turning the trie into a complete automaton.
        var failure = Array(repeating: 0, count: stateOutputs.count)
        var queue: [Int] = []
        for symbol in 0..<width {
            let slot = symbol
            if goto[slot] < 0 {
                goto[slot] = 0
            } else {
                failure[Int(goto[slot])] = 0
                queue.append(Int(goto[slot]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            stateOutputs[state] += stateOutputs[failure[state]]
            for symbol in 0..<width {
                let slot = state * width + symbol
                let child = goto[slot]
                if child < 0 {
                    goto[slot] = goto[failure[state] * width + symbol]
                } else {
                    failure[Int(child)] = Int(goto[failure[state] * width + symbol])
                    queue.append(Int(child))
                }
            }
        }
        next = goto
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for list in stateOutputs {
            flat += list
            starts.append(Int32(flat.count))
        }
        outputStart = starts
        outputs = flat
    }

    /// Number of words of a term.
    public func wordCount(of term: Int) -> Int {
        Int(termLengths[term])
    }

    /// Calls `found` with the id of every term occurring in the folded `text`, once per occurrence,
    /// and the 1-based index of the text word where the occurrence starts.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, found: (_ term: Int, _ word: Int) -> Void) {
        let width = Self.classCount
        var multiWordHits: [(term: Int32, position: Int32, word: Int32)] = []
        var state = Int(next[0])  // a separator before the text
        var word: Int32 = 0
        var previous: UInt8 = 0
        Self.byteClass.withUnsafeBufferPointer { classes in
            next.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { starts in
                    @inline(__always) func report(_ state: Int) {
                        let start = Int(starts[state]), end = Int(starts[state + 1])
                        guard start < end else { return }
                        for slot in start..<end {
                            for (term, position) in wordTerms[Int(outputs[slot])] {
                                if termLengths[Int(term)] == 1 {
                                    found(Int(term), Int(word))
                                } else {
                                    multiWordHits.append((term, position, word))
                                }
                            }
                        }
                    }
                    for byte in text {
                        let symbol = classes[Int(byte)]
                        if symbol != 0 && previous == 0 { word += 1 }
                        previous = symbol
                        state = Int(next[state * width + Int(symbol)])
                        report(state)
                    }
                    state = Int(next[state * width])  // a separator after the text
                    report(state)
                }
            }
        }
        guard hasMultiWordTerms, !multiWordHits.isEmpty else { return }
        for hit in multiWordHits where hit.position == 0 {
            let length = termLengths[Int(hit.term)]
            var complete = true
            for position in 1..<length where !multiWordHits.contains(where: {
                $0.term == hit.term && $0.position == position && $0.word == hit.word + position
            }) {
                complete = false
                break
            }
            if complete { found(Int(hit.term), Int(hit.word)) }
        }
    }

    /// Calls `found` for every term occurring in `bytes` (already folded), with its first word.
    public func scan(_ bytes: [UInt8], found: (_ term: Int, _ word: Int) -> Void) {
        bytes.withUnsafeBufferPointer { scan($0, found: found) }
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
