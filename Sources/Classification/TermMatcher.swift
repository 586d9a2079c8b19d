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
/// (one 32-bit cell per node while it fits), so the walk is one load per byte from a table far
/// smaller than a dense automaton over the ~3 800 states of the shipped terms.
///
/// A multi-word term is reported when its last word matches: the patterns the previous few text
/// words matched are kept in a small window, so the earlier words are checked by lookup instead of
/// tracking every term in progress. Matches go to an inlined `MatchSink` (the public `scan` wraps
/// a closure in one).
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

    /// The one byte a letter or digit class stands for; 0x100 (no byte) for the non-ASCII class,
    /// whose bytes the trie tells apart one by one.
    static func byte(ofClass byteClass: Int) -> Int {
        byteClass <= 26 ? 0x60 + byteClass : byteClass <= 36 ? 0x30 + byteClass - 27 : 0x100
    }

    /// The compiled trie and term tables, shared by every copy of the matcher.
    fileprivate let tables: Tables

    /// The compiled terms, by id.
    public let terms: [[Word]]

    /// Number of terms.
    public var termCount: Int { terms.count }

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
        // For each pattern, the one-word terms it is (in term order) and the longer terms it ends
        // (by length, then term: the order in which completed terms are reported).
        var singleLists: [[Int32]] = []
        var endingLists: [[Int32]] = []
        for list in wordTerms {
            singleLists.append(list.filter { termLengths[Int($0.term)] == 1 }.map(\.term).sorted())
            endingLists.append(list.filter { termLengths[Int($0.term)] > 1 && $0.position == termLengths[Int($0.term)] - 1 }
                .map(\.term).sorted { (termLengths[Int($0)], $0) < (termLengths[Int($1)], $1) })
        }
        let termPatterns = terms.map { $0.map { Int32(wordIndex[$0]!) } }

        // The trie, built in insertion order, then laid out as a double array (see `Tables`),
        // breadth-first so that the first letters' cells share a few cache lines.
        // Each node's children by byte, in byte order.
        var children: [[(byte: UInt8, node: Int)]] = [[]]
        var nodeStems: [[Int32]] = [[]]
        var nodeWholes: [[Int32]] = [[]]
        for (id, word) in words.enumerated() {
            var node = 0
            for byte in word.text {
                if let next = children[node].first(where: { $0.byte == byte }) {
                    node = next.node
                    continue
                }
                children[node].append((byte, children.count))
                children[node].sort { $0.byte < $1.byte }
                children.append([])
                nodeStems.append([])
                nodeWholes.append([])
                node = children.count - 1
            }
            if word.isPrefix { nodeStems[node].append(Int32(id)) } else { nodeWholes[node].append(Int32(id)) }
        }
        var order = [0]
        var head = 0
        while head < order.count {
            order += children[order[head]].map(\.node)
            head += 1
        }
        stateCount = order.count

        // Double array: a node's child on byte `b` sits in cell `base(node) + b` and is valid when
        // that cell's check names the node. Each node gets the lowest base whose cells are free.
        // Cells are indexed by the byte itself, so the walk needs no class lookup per step and
        // non-ASCII bytes (terms in other scripts) are told apart like any other.
        let span = 256
        var slot = [Int](repeating: -1, count: children.count)
        var cells = [UInt64](repeating: Tables.emptyCell, count: span)
        var used = [Bool](repeating: false, count: span)
        slot[0] = 0
        used[0] = true
        // By byte, the cells below the first letter's only ever hold a root child on a digit: the
        // search for a free cell starts at the first letter's, else the base search would start
        // over from 0 for every node.
        var firstFree = 0x61
        for old in order {
            let edges = children[old]
            var base = 0
            if let lowest = edges.first.map({ Int($0.byte) }) {
                while firstFree < used.count && used[firstFree] { firstFree += 1 }
                base = max(0, firstFree - lowest)
                while true {
                    let top = base + span
                    if top > used.count {
                        used += [Bool](repeating: false, count: top - used.count)
                        cells += [UInt64](repeating: Tables.emptyCell, count: top - cells.count)
                    }
                    if edges.allSatisfy({ !used[base + Int($0.byte)] }) { break }
                    base += 1
                }
                for (byte, child) in edges {
                    let cell = base + Int(byte)
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
        // Padding: `base + byte` of any node stays inside the array.
        cells += [UInt64](repeating: Tables.emptyCell, count: span)
        // The patterns ending at each node, by the node's cell.
        func byCell(_ lists: [[Int32]]) -> [[Int32]] {
            var result = [[Int32]](repeating: [], count: cells.count)
            for old in order { result[slot[old]] = lists[old] }
            return result
        }
        // The most patterns one text word can match: the stems on its trie path and one whole word.
        var mostPatterns = 1
        var stemsOnPath = [Int](repeating: 0, count: children.count)
        for old in order {
            let here = stemsOnPath[old] + nodeStems[old].count
            mostPatterns = max(mostPatterns, here + nodeWholes[old].count)
            for child in children[old] { stemsOnPath[child.node] = here }
        }
        var window = 1
        while window < (termLengths.max().map(Int.init) ?? 1) { window *= 2 }
        tables = Tables(cells: cells, stems: byCell(nodeStems), wholes: byCell(nodeWholes), singles: singleLists,
                        endings: endingLists, termPatterns: termPatterns, window: window, mostPatterns: mostPatterns)
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
        // The walk needs a separator after the text: a copy gets one.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + 1) { copy in
            _ = copy.initialize(fromContentsOf: text)
            copy[text.count] = 0x20
            scan(terminated: UnsafeBufferPointer(rebasing: copy[..<text.count]), into: &sink)
        }
    }

    /// `scan(_:into:)` for text followed in memory by a separator byte (a space, say): the byte at
    /// `text.baseAddress + text.count` is read and must not be a letter, a digit or non-ASCII.
    @inline(__always)
    func scan<Sink: MatchSink>(terminated text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        Self.scan(terminated: text, tables: tables, into: &sink)
    }

    /// The matcher's tables held without a reference count, for a caller that keeps the matcher
    /// itself alive for as long as it uses this (the classifier's model does): copying it, as
    /// each classification does, retains and releases nothing.
    struct Unretained {
        fileprivate let tables: Unmanaged<Tables>

        /// `TermMatcher.scan(terminated:into:)`.
        @inline(__always)
        func scan<Sink: MatchSink>(terminated text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
            tables._withUnsafeGuaranteedRef { TermMatcher.scan(terminated: text, tables: $0, into: &sink) }
        }
    }

    /// This matcher as an `Unretained` view.
    var unretained: Unretained { Unretained(tables: .passUnretained(tables)) }

    @inline(__always)
    private static func scan<Sink: MatchSink>(terminated text: UnsafeBufferPointer<UInt8>, tables: Tables, into sink: inout Sink) {
        guard let bytes = text.baseAddress else { return }
        precondition(tables.byteClass[Int(bytes[text.count])] == 0, "TermMatcher: the text must be followed by a separator")
        // Everything the walk reads from the tables, taken before the closure so that it captures
        // no reference to retain (`Matches` holds the tables unowned; the caller keeps them alive).
        let compact = tables.compactCells, cells = tables.cells, classes = tables.byteClass
        let twoLetters = tables.twoLetters
        var matches = Matches<Sink>(tables: tables)
        // The patterns matched by the last `window` text words, for multi-word terms.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: matches.windowSize) { recent in
            matches.start(recent: recent.baseAddress!)
            if let compact {
                Self.walk(bytes, count: text.count, cells: compact, classes: classes, twoLetters: twoLetters,
                          matches: &matches, sink: &sink)
            } else {
                Self.walk(bytes, count: text.count, cells: cells, classes: classes, twoLetters: twoLetters,
                          matches: &matches, sink: &sink)
            }
        }
    }

    /// The scanning loop: from each word start, follow the double array while some pattern
    /// continues, then skip the rest of the word. `bytes[count]` is a separator, so the loops
    /// within a word need no bounds check; no term word holds a separator byte, so none leads to a child.
    @inline(__always)
    private static func walk<Cell: FixedWidthInteger & UnsignedInteger, Sink: MatchSink>(
        _ bytes: UnsafePointer<UInt8>, count: Int, cells: UnsafeMutablePointer<Cell>, classes: UnsafePointer<UInt8>,
        twoLetters: UnsafeMutablePointer<Int32>, matches: inout Matches<Sink>, sink: inout Sink
    ) {
        let bits = Cell(Tables.fieldBits(Cell.self))
        let mask: Cell = (1 << bits) - 1
        // 32 bits: base, the two flags, the check on top (read with one shift); 64 bits: base,
        // check, flags in the top bits.
        let compact = Cell.bitWidth == 32
        let shift: Cell = compact ? bits + 2 : bits
        let stemFlag: Cell = compact ? 1 << bits : 1 << (Cell.bitWidth - 2)
        let wholeFlag: Cell = compact ? 1 << (bits + 1) : 1 << (Cell.bitWidth - 1)
        let rootBase = Int(cells[0] & mask)
        var index = 0
        var word: Int32 = 0
        while true {
            // Skip separators to the next word start.
            while index < count && classes[Int(bytes[index])] == 0 { index &+= 1 }
            guard index < count else { return }
            word &+= 1
            // Walk the trie while some pattern continues; report stems as they end.
            var node = 0
            var base = rootBase
            // The first two letters in one lookup when no pattern ends before the third
            // (`bytes[index + 1]` is at worst the separator after the text).
            let jump = Int(twoLetters[Int(classes[Int(bytes[index])]) &* Self.classCount &+ Int(classes[Int(bytes[index &+ 1])])])
            if jump != 0 {
                node = jump
                base = Int(cells[jump] & mask)
                index &+= 2
            }
            while true {
                let byte = Int(bytes[index])
                let target = base &+ byte
                let cell = cells[target]
                if Int((cell >> shift) & mask) != node { break }
                node = target
                base = Int(cell & mask)
                if cell & stemFlag != 0 { matches.stems(at: node, word: word, sink: &sink) }
                index &+= 1
            }
            // At the word's end, whole words (the root's cell has no flags); then the rest of the word.
            if classes[Int(bytes[index])] == 0 {
                if cells[node] & wholeFlag != 0 { matches.wholes(at: node, word: word, sink: &sink) }
            } else {
                repeat { index &+= 1 } while classes[Int(bytes[index])] != 0
            }
        }
    }

    /// Calls `found` for every term occurring in `bytes` (already folded), with its first word.
    public func scan(_ bytes: [UInt8], found: (_ term: Int, _ word: Int) -> Void) {
        bytes.withUnsafeBufferPointer { scan($0, found: found) }
    }

    /// Turns word-pattern matches into term matches. A one-word term is reported with its pattern; a
    /// longer term when its last word's pattern matches and each earlier word's pattern matched the
    /// text word before it, which the window of recent words tells.
    private struct Matches<Sink: MatchSink> {
        /// Unowned: `scan` holds the tables for the whole walk, and the walk retains nothing.
        unowned(unsafe) let tables: Tables
        /// Per text word `w` in slot `w % window`: the word's number, how many patterns it matched,
        /// then the patterns (`slotStride - 2` places). Set by `start`.
        var recent: UnsafeMutablePointer<Int32>
        let stride: Int
        let slotMask: Int32
        let window: Int

        init(tables: Tables) {
            self.tables = tables
            recent = UnsafeMutablePointer(bitPattern: 8)!
            stride = tables.slotStride
            slotMask = tables.slotMask
            window = tables.window
        }

        /// The number of `Int32` places `start` needs.
        var windowSize: Int { window &* stride }

        /// Starts a walk with the window at `recent` (`windowSize` places).
        @inline(__always)
        mutating func start(recent: UnsafeMutablePointer<Int32>) {
            self.recent = recent
            // No word is numbered 0: every slot starts empty.
            var entry = recent
            for _ in 0..<window {
                entry.pointee = 0
                entry += stride
            }
        }

        @inline(never)
        mutating func stems(at node: Int, word: Int32, sink: inout Sink) {
            patterns(tables.code + Int(tables.stemCode[node]), word: word, sink: &sink)
        }

        @inline(__always)
        mutating func wholes(at node: Int, word: Int32, sink: inout Sink) {
            patterns(tables.code + Int(tables.wholeCode[node]), word: word, sink: &sink)
        }

        /// The word patterns ending at a node, from its record in `Tables.code`: each pattern's
        /// one-word terms and the longer terms it ends, read in one pass over adjacent memory.
        @inline(__always)
        private mutating func patterns(_ record: UnsafeMutablePointer<Int32>, word: Int32, sink: inout Sink) {
            var code = record + 1
            var patterns = Int(record[0])
            while patterns > 0 {
                // Remember the pattern for the terms that continue in the next words.
                let pattern = code[0]
                let entry = recent + Int(word & slotMask) &* stride
                if entry[0] != word {
                    entry[0] = word
                    entry[1] = 0
                }
                entry[2 + Int(entry[1])] = pattern
                entry[1] &+= 1
                // One-word terms, in term order.
                var count = Int(code[1])
                code += 2
                while count > 0 {
                    sink.found(term: Int(code[0]), word: Int(word), lastWord: Int(word))
                    code += 1
                    count &-= 1
                }
                // Longer terms this word completes, by length then term: each as its id, its
                // number of earlier words and their patterns.
                count = Int(code[0])
                code += 1
                while count > 0 {
                    let term = Int(code[0]), last = Int(code[1])
                    let first = word &- Int32(last)
                    if first >= 1 && matched(code + 2, words: last, from: first) {
                        sink.found(term: term, word: Int(first), lastWord: Int(word))
                    }
                    code += 2 &+ last
                    count &-= 1
                }
                patterns &-= 1
            }
        }

        /// True when the `words` patterns at `patterns` matched the text words from `first` on.
        @inline(__always)
        private func matched(_ patterns: UnsafeMutablePointer<Int32>, words: Int, from first: Int32) -> Bool {
            for position in 0..<words {
                let word = first &+ Int32(position)
                let entry = recent + Int(word & slotMask) &* stride
                guard entry[0] == word else { return false }
                let wanted = patterns[position]
                var found = false
                for index in 0..<Int(entry[1]) where entry[2 + index] == wanted {
                    found = true
                    break
                }
                guard found else { return false }
            }
            return true
        }
    }

    /// Adapts a closure to `MatchSink` for the public `scan`.
    private struct ClosureSink: MatchSink {
        let found: (_ term: Int, _ word: Int) -> Void

        @inline(__always)
        mutating func found(term: Int, word: Int, lastWord: Int) { found(term, word) }
    }

    /// The trie and term tables: immutable once built. They live in raw memory owned by this
    /// object so the hot loop reads them without bounds checks or reference counting; nothing
    /// writes to them after `init`, hence `@unchecked Sendable`.
    fileprivate final class Tables: @unchecked Sendable {
        /// The trie as a double array of cells, one per node plus free cells. A cell holds the base
        /// of its own children in bits 0–23, its parent's cell in bits 24–47 (all ones when free),
        /// and flags for stems (bit 62) and whole words (bit 63) ending at it, so a step of the walk
        /// is one load and one mask. The root is cell 0; a node's child on byte `b` is cell `base + b`.
        /// (`init` takes them with the two fields the other way round, as built.)
        let cells: UnsafeMutablePointer<UInt64>
        /// The same cells in 32 bits (base in bits 0–14, flags in 15 and 16, check in 17–31) when they fit: half
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
        /// Per cell, where its record of the stems (and of the whole words) ending at it starts in
        /// `code`: the number of patterns, then per pattern its id, its one-word terms (count, ids)
        /// and the longer terms it ends (count, then per term its id, its number of earlier words
        /// `n` and the `n` patterns of those words). One record holds all a match needs, so a
        /// match touches one or two cache lines rather than one per table. Cells without any
        /// point at an empty record.
        let stemCode: UnsafeMutablePointer<Int32>
        let wholeCode: UnsafeMutablePointer<Int32>
        let code: UnsafeMutablePointer<Int32>
        /// Text words remembered for multi-word terms (a power of two, at least the longest term).
        let window: Int
        /// Int32 places per word in the window (the most patterns one text word can match, plus 2)
        /// and `window - 1`, computed once.
        let slotStride: Int
        let slotMask: Int32
        /// `TermMatcher.byteClass`, next to the cells.
        let byteClass: UnsafeMutablePointer<UInt8>
        /// For two byte classes `a` and `b` (at `a * classCount + b`), the cell the walk reaches
        /// after them from the root, when neither step ends a stem; 0 when the walk must take the
        /// two steps itself.
        let twoLetters: UnsafeMutablePointer<Int32>

        /// Takes the trie's cells, the stems and the whole words ending at each cell, each pattern's
        /// one-word terms and the longer terms it ends, and each term's patterns; packs the lists into
        /// the records of `code`.
        init(cells: [UInt64], stems: [[Int32]], wholes: [[Int32]], singles: [[Int32]], endings: [[Int32]],
             termPatterns: [[Int32]], window: Int, mostPatterns: Int) {
            self.cells = .copying(cells.map { cell in
                let check = cell & Self.fieldMask, base = (cell >> Self.baseShift) & Self.fieldMask
                return base | check << Self.baseShift | cell & (Self.stemFlag | Self.wholeFlag)
            })
            if cells.count < 0x7FFF {
                let compact = cells.map { cell -> UInt32 in
                    let check = cell & Self.fieldMask, base = (cell >> Self.baseShift) & Self.fieldMask
                    return UInt32(base) | UInt32(check == Self.fieldMask ? 0x7FFF : check) << 17
                        | (cell & Self.stemFlag != 0 ? 1 << 15 : 0) | (cell & Self.wholeFlag != 0 ? 1 << 16 : 0)
                }
                compactCells = .copying(compact)
            } else {
                compactCells = nil
            }
            self.window = window
            slotStride = mostPatterns + 2
            slotMask = Int32(window - 1)
            // The records, in cell order; offset 0 is the empty record.
            var code: [Int32] = [0]
            func records(_ byCell: [[Int32]]) -> [Int32] {
                byCell.map { patterns -> Int32 in
                    guard !patterns.isEmpty else { return 0 }
                    let offset = Int32(code.count)
                    code.append(Int32(patterns.count))
                    for pattern in patterns.map(Int.init) {
                        code.append(Int32(pattern))
                        code.append(Int32(singles[pattern].count))
                        code += singles[pattern]
                        code.append(Int32(endings[pattern].count))
                        for term in endings[pattern].map(Int.init) {
                            let earlier = termPatterns[term].dropLast()
                            code += [Int32(term), Int32(earlier.count)]
                            code += earlier
                        }
                    }
                    return offset
                }
            }
            stemCode = .copying(records(stems))
            wholeCode = .copying(records(wholes))
            self.code = .copying(code)
            byteClass = .copying(TermMatcher.byteClass)
            // Cells as built: the parent in the low field, the base above it.
            func child(_ parent: Int, _ symbol: Int) -> Int? {
                let target = Int((cells[parent] >> Self.baseShift) & Self.fieldMask) + symbol
                guard target < cells.count, Int(cells[target] & Self.fieldMask) == parent else { return nil }
                return target
            }
            let width = TermMatcher.classCount
            var jumps = [Int32](repeating: 0, count: width * width)
            for first in 1..<width {
                guard let one = child(0, TermMatcher.byte(ofClass: first)), cells[one] & Self.stemFlag == 0 else { continue }
                for second in 1..<width {
                    guard let two = child(one, TermMatcher.byte(ofClass: second)), cells[two] & Self.stemFlag == 0 else { continue }
                    jumps[first * width + second] = Int32(two)
                }
            }
            twoLetters = .copying(jumps)
        }

        deinit {
            cells.deallocate()
            compactCells?.deallocate()
            byteClass.deallocate()
            twoLetters.deallocate()
            for table in [stemCode, wholeCode, code] {
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
