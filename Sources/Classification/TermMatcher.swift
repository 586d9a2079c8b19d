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
/// the rest of the word is skipped with one table lookup per byte. The trie is a double array
/// (one 32-bit cell per node while it fits, ~16 KB for the shipped terms), so the walk is one
/// load per byte and stays in the L1 cache, which a dense automaton over ~4 000 states does not.
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
    public var termCount: Int { tables.termCount }

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
        // For each pattern, the terms it starts (in term order); whether it continues any term; for
        // each term, its patterns in order (to check a term in progress in one lookup).
        var starts: [Int32] = [0]
        var termIDs: [Int32] = []
        var continues: [UInt8] = []
        for list in wordTerms {
            termIDs += list.filter { $0.position == 0 }.map(\.term).sorted()
            starts.append(Int32(termIDs.count))
            continues.append(list.contains { $0.position > 0 } ? 1 : 0)
        }
        var termPatternStart: [Int32] = [0]
        var termPatterns: [Int32] = []
        for termWords in terms {
            termPatterns += termWords.map { Int32(wordIndex[$0]!) }
            termPatternStart.append(Int32(termPatterns.count))
        }

        // The trie, built in insertion order, then laid out as a double array (see `Tables`),
        // breadth-first so that the first letters' cells share a few cache lines.
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
        stateCount = order.count

        // Double array: a node's child on `symbol` sits in cell `base(node) + symbol` and is valid
        // when that cell's check names the node. Each node gets the lowest base whose cells are free.
        var slot = [Int](repeating: -1, count: children.count)
        var cells = [UInt64](repeating: Tables.emptyCell, count: width)
        var used = [Bool](repeating: false, count: width)
        slot[0] = 0
        used[0] = true
        var firstFree = 1
        for old in order {
            let symbols = (1..<width).filter { children[old][$0] != 0 }
            var base = 0
            if let lowest = symbols.first {
                while firstFree < used.count && used[firstFree] { firstFree += 1 }
                base = max(0, firstFree - lowest)
                while true {
                    let top = base + width
                    if top > used.count {
                        used += [Bool](repeating: false, count: top - used.count)
                        cells += [UInt64](repeating: Tables.emptyCell, count: top - cells.count)
                    }
                    if symbols.allSatisfy({ !used[base + $0] }) { break }
                    base += 1
                }
                for symbol in symbols {
                    let child = children[old][symbol], cell = base + symbol
                    used[cell] = true
                    slot[child] = cell
                    cells[cell] = UInt64(slot[old])
                        | (nodeStems[child].isEmpty ? 0 : Tables.stemFlag)
                        | (nodeWholes[child].isEmpty ? 0 : Tables.wholeFlag)
                }
            }
            let keep: UInt64 = cells[slot[old]] & ~(Tables.fieldMask << Tables.baseShift)
            cells[slot[old]] = keep | (UInt64(base) << Tables.baseShift)
        }
        precondition(cells.count < Int(Tables.fieldMask), "TermMatcher: too many trie cells")
        // Padding: `base + symbol` of any node stays inside the array.
        cells += [UInt64](repeating: Tables.emptyCell, count: width)
        func flatten(_ lists: [[Int32]]) -> (starts: [Int32], items: [Int32]) {
            var byCell = [[Int32]](repeating: [], count: cells.count)
            for old in order { byCell[slot[old]] = lists[old] }
            var starts: [Int32] = [0]
            var items: [Int32] = []
            for list in byCell {
                items += list
                starts.append(Int32(items.count))
            }
            return (starts, items)
        }
        let stems = flatten(nodeStems), wholes = flatten(nodeWholes)
        tables = Tables(cells: cells, stemStart: stems.starts, stems: stems.items, wholeStart: wholes.starts,
                        wholes: wholes.items, wordTermStart: starts, wordTermTerm: termIDs, patternContinues: continues,
                        termPatternStart: termPatternStart, termPatterns: termPatterns, termLengths: termLengths)
    }

    /// Number of words of a term.
    public func wordCount(of term: Int) -> Int {
        precondition(term >= 0 && term < tables.termCount, "TermMatcher: no such term")
        return Int(tables.termLengths[term])
    }

    /// Calls `found` with the id of every term occurring in the folded `text`, once per occurrence,
    /// and the 1-based index of the text word where the occurrence starts.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, found: (_ term: Int, _ word: Int) -> Void) {
        withoutActuallyEscaping(found) { found in
            var sink = ClosureSink(found: found)
            scan(text, into: &sink)
        }
    }

    /// Reports every term occurring in the folded `text` to `sink`, in the order `scan(_:found:)`
    /// calls its closure. Generic so the sink's work is inlined into the walk.
    @inline(__always)
    func scan<Sink: MatchSink>(_ text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        let tables = self.tables
        // Multi-word terms in progress: on the stack while few, on the heap past that.
        withUnsafeTemporaryAllocation(of: Matches<Sink>.Partial.self, capacity: Matches<Sink>.stackCapacity) { stack in
            var matches = Matches<Sink>(tables: tables, partial: stack.baseAddress!)
            if let compact = tables.compactCells {
                Self.walk(text, cells: compact, classes: tables.byteClass, matches: &matches, sink: &sink)
            } else {
                Self.walk(text, cells: tables.cells, classes: tables.byteClass, matches: &matches, sink: &sink)
            }
            matches.release()
        }
    }

    /// The scanning loop: from each word start, follow the double array while some pattern
    /// continues, then skip the rest of the word.
    @inline(__always)
    private static func walk<Cell: FixedWidthInteger & UnsignedInteger, Sink: MatchSink>(
        _ text: UnsafeBufferPointer<UInt8>, cells: UnsafeMutablePointer<Cell>, classes: UnsafePointer<UInt8>,
        matches: inout Matches<Sink>, sink: inout Sink
    ) {
        guard let bytes = text.baseAddress else { return }
        let count = text.count
        let shift = Cell(Tables.fieldBits(Cell.self))
        let checkMask: Cell = (1 << shift) - 1
        let stemFlag: Cell = 1 << (Cell.bitWidth - 2), wholeFlag: Cell = 1 << (Cell.bitWidth - 1)
        let rootBase = Int((cells[0] >> shift) & checkMask)
        var index = 0
        var word: Int32 = 0
        while index < count {
            // Skip separators to the next word start.
            var symbol = Int(classes[Int(bytes[index])])
            if symbol == 0 {
                index &+= 1
                continue
            }
            word &+= 1
            // Walk the trie while some pattern continues; report stems as they end.
            var node = 0
            var base = rootBase
            var cell: Cell = 0
            while true {
                let target = base &+ symbol
                cell = cells[target]
                if Int(cell & checkMask) != node {
                    cell = 0
                    break
                }
                node = target
                base = Int((cell >> shift) & checkMask)
                if cell & stemFlag != 0 { matches.stems(at: node, word: word, sink: &sink) }
                index &+= 1
                guard index < count else { break }
                symbol = Int(classes[Int(bytes[index])])
                if symbol == 0 { break }
            }
            // At the word's end (or where the trie stopped), whole words and the rest.
            if cell & wholeFlag != 0 && (index >= count || classes[Int(bytes[index])] == 0) {
                matches.wholes(at: node, word: word, sink: &sink)
            }
            while index < count && classes[Int(bytes[index])] != 0 { index &+= 1 }
        }
    }

    /// Calls `found` for every term occurring in `bytes` (already folded), with its first word.
    public func scan(_ bytes: [UInt8], found: (_ term: Int, _ word: Int) -> Void) {
        bytes.withUnsafeBufferPointer { scan($0, found: found) }
    }

    /// Turns word-pattern matches into term matches, following multi-word terms across words.
    private struct Matches<Sink: MatchSink> {
        /// A multi-word term in progress: the term, the position of its next word, the text word
        /// that must hold it, and the word where the term started.
        struct Partial {
            var term: Int32
            var position: Int32
            var expected: Int32
            var first: Int32
        }

        /// Entries kept on the stack (1 KB) before the list moves to the heap.
        static var stackCapacity: Int { 64 }

        /// Unowned: `scan` holds the tables for the whole walk, and the walk retains nothing.
        unowned(unsafe) let tables: Tables
        /// Terms in progress. Matches arrive word by word, so an entry whose expected word has
        /// passed is dropped.
        var partial: UnsafeMutablePointer<Partial>
        var count = 0
        var capacity = Matches.stackCapacity
        var onHeap = false

        init(tables: Tables, partial: UnsafeMutablePointer<Partial>) {
            self.tables = tables
            self.partial = partial
        }

        /// Frees the heap list, if the walk needed one.
        func release() {
            if onHeap { partial.deallocate() }
        }

        @inline(never)
        mutating func stems(at node: Int, word: Int32, sink: inout Sink) {
            patterns(tables.stemStart, tables.stems, at: node, word: word, sink: &sink)
        }

        @inline(never)
        mutating func wholes(at node: Int, word: Int32, sink: inout Sink) {
            patterns(tables.wholeStart, tables.wholes, at: node, word: word, sink: &sink)
        }

        /// The word patterns ending at `node`: `list[start[node] ..< start[node + 1]]`.
        @inline(__always)
        private mutating func patterns(_ start: UnsafeMutablePointer<Int32>, _ list: UnsafeMutablePointer<Int32>, at node: Int,
                                       word: Int32, sink: inout Sink) {
            var slot = Int(start[node])
            let end = Int(start[node + 1])
            while slot < end {
                pattern(Int(list[slot]), word: word, sink: &sink)
                slot &+= 1
            }
        }

        @inline(__always)
        private mutating func pattern(_ pattern: Int, word: Int32, sink: inout Sink) {
            if count != 0 { dropPassed(word) }
            // Terms this word starts, in term order.
            var entry = Int(tables.wordTermStart[pattern])
            let end = Int(tables.wordTermStart[pattern + 1])
            while entry < end {
                let term = tables.wordTermTerm[entry]
                if tables.termLengths[Int(term)] == 1 {
                    sink.found(term: Int(term), word: Int(word))
                } else {
                    append(Partial(term: term, position: 1, expected: word &+ 1, first: word))
                }
                entry &+= 1
            }
            if count != 0 && tables.patternContinues[pattern] != 0 { advance(pattern, word: word, sink: &sink) }
        }

        /// Drops the terms in progress whose next word has passed, keeping the others in order.
        @inline(__always)
        private mutating func dropPassed(_ word: Int32) {
            var kept = 0
            for index in 0..<count where partial[index].expected >= word {
                partial[kept] = partial[index]
                kept &+= 1
            }
            count = kept
        }

        @inline(__always)
        private mutating func append(_ entry: Partial) {
            if count == capacity { grow() }
            partial[count] = entry
            count &+= 1
        }

        @inline(never)
        private mutating func grow() {
            let larger = UnsafeMutablePointer<Partial>.allocate(capacity: capacity * 2)
            larger.initialize(from: partial, count: count)
            if onHeap { partial.deallocate() }
            partial = larger
            capacity *= 2
            onHeap = true
        }

        /// Moves the terms in progress whose next word is this pattern at this word; reports the
        /// completed ones in (position, term) order.
        @inline(never)
        private mutating func advance(_ pattern: Int, word: Int32, sink: inout Sink) {
            var completed: (position: Int32, term: Int32, first: Int32)?
            var more: [(position: Int32, term: Int32, first: Int32)] = []
            var index = 0
            while index < count {
                let entry = partial[index]
                if entry.expected == word
                    && tables.termPatterns[Int(tables.termPatternStart[Int(entry.term)] &+ entry.position)] == Int32(pattern) {
                    if entry.position &+ 1 == tables.termLengths[Int(entry.term)] {
                        if completed == nil { completed = (entry.position, entry.term, entry.first) } else { more.append((entry.position, entry.term, entry.first)) }
                        // Removed, the rest keeping their order.
                        (partial + index).update(from: partial + index + 1, count: count - index - 1)
                        count &-= 1
                        continue
                    }
                    partial[index].position &+= 1
                    partial[index].expected &+= 1
                }
                index &+= 1
            }
            guard let completed else { return }
            guard !more.isEmpty else { return sink.found(term: Int(completed.term), word: Int(completed.first)) }
            more.append(completed)
            more.sort { ($0.position, $0.term) < ($1.position, $1.term) }
            for entry in more { sink.found(term: Int(entry.term), word: Int(entry.first)) }
        }
    }

    /// Adapts a closure to `MatchSink` for the public `scan`.
    private struct ClosureSink: MatchSink {
        let found: (_ term: Int, _ word: Int) -> Void

        @inline(__always)
        mutating func found(term: Int, word: Int) { found(term, word) }
    }

    /// The trie and term tables: immutable once built. They live in raw memory owned by this
    /// object so the hot loop reads them without bounds checks or reference counting; nothing
    /// writes to them after `init`, hence `@unchecked Sendable`.
    private final class Tables: @unchecked Sendable {
        /// The trie as a double array of cells, one per node plus free cells. A cell holds its
        /// parent's cell in bits 0–23 (`fieldMask` when free), the base of its own children in bits
        /// 24–47, and flags for stems (bit 62) and whole words (bit 63) ending at it, so a step of the
        /// walk is one load. The root is cell 0; a node's child on byte class `c` is cell `base + c`.
        let cells: UnsafeMutablePointer<UInt64>
        /// The same cells in 32 bits (15-bit fields, flags in bits 30 and 31) when they fit: half
        /// the cache footprint. Nil for a trie of 32 767 cells or more.
        let compactCells: UnsafeMutablePointer<UInt32>?

        /// Bits of the check and base fields in a cell of this type.
        static func fieldBits<Cell: FixedWidthInteger>(_: Cell.Type) -> Int {
            Cell.bitWidth == 32 ? 15 : 24
        }

        static let fieldMask: UInt64 = 0xFF_FFFF
        static let baseShift: UInt64 = 24
        static let emptyCell: UInt64 = fieldMask
        static let stemFlag: UInt64 = 1 << 62
        static let wholeFlag: UInt64 = 1 << 63
        /// Word patterns ending at each cell: stems `stems[stemStart[node] ..< stemStart[node + 1]]`,
        /// whole words `wholes[wholeStart[node] ..< wholeStart[node + 1]]`.
        let stemStart: UnsafeMutablePointer<Int32>
        let stems: UnsafeMutablePointer<Int32>
        let wholeStart: UnsafeMutablePointer<Int32>
        let wholes: UnsafeMutablePointer<Int32>
        /// For each distinct word pattern: the terms it starts,
        /// `wordTermTerm[wordTermStart[pattern] ..< wordTermStart[pattern + 1]]`, and whether it is a
        /// later word of some term (`patternContinues`, 0 or 1).
        let wordTermStart: UnsafeMutablePointer<Int32>
        let wordTermTerm: UnsafeMutablePointer<Int32>
        let patternContinues: UnsafeMutablePointer<UInt8>
        /// Each term's word patterns: `termPatterns[termPatternStart[term] ..< termPatternStart[term + 1]]`.
        let termPatternStart: UnsafeMutablePointer<Int32>
        let termPatterns: UnsafeMutablePointer<Int32>
        /// Number of words of each term.
        let termLengths: UnsafeMutablePointer<Int32>
        let termCount: Int
        /// `TermMatcher.byteClass`, next to the cells.
        let byteClass: UnsafeMutablePointer<UInt8>

        init(cells: [UInt64], stemStart: [Int32], stems: [Int32], wholeStart: [Int32], wholes: [Int32],
             wordTermStart: [Int32], wordTermTerm: [Int32], patternContinues: [UInt8], termPatternStart: [Int32],
             termPatterns: [Int32], termLengths: [Int32]) {
            self.cells = .copying(cells)
            if cells.count < 0x7FFF {
                let compact = cells.map { cell -> UInt32 in
                    let check = cell & Self.fieldMask, base = (cell >> Self.baseShift) & Self.fieldMask
                    return UInt32(check == Self.fieldMask ? 0x7FFF : check) | UInt32(base) << 15
                        | (cell & Self.stemFlag != 0 ? 1 << 30 : 0) | (cell & Self.wholeFlag != 0 ? 1 << 31 : 0)
                }
                compactCells = .copying(compact)
            } else {
                compactCells = nil
            }
            self.stemStart = .copying(stemStart)
            self.stems = .copying(stems)
            self.wholeStart = .copying(wholeStart)
            self.wholes = .copying(wholes)
            self.wordTermStart = .copying(wordTermStart)
            self.wordTermTerm = .copying(wordTermTerm)
            self.patternContinues = .copying(patternContinues)
            self.termPatternStart = .copying(termPatternStart)
            self.termPatterns = .copying(termPatterns)
            self.termLengths = .copying(termLengths)
            termCount = termLengths.count
            byteClass = .copying(TermMatcher.byteClass)
        }

        deinit {
            cells.deallocate()
            compactCells?.deallocate()
            patternContinues.deallocate()
            byteClass.deallocate()
            for table in [stemStart, stems, wholeStart, wholes, wordTermStart, wordTermTerm, termPatternStart, termPatterns, termLengths] {
                table.deallocate()
            }
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
