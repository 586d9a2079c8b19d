import Classification
import Testing
import TextFolding

@Suite("TermMatcher: one-pass Aho–Corasick over folded text")
struct TermMatcherTests {
    /// Matches as (term, first word), sorted.
    func matches(_ terms: [String], in text: String) -> [[Int]] {
        let matcher = TermMatcher(terms: terms.map(TermMatcher.words(of:)))
        var found: [[Int]] = []
        matcher.scan(TextFolding.foldedBytes(text)) { found.append([$0, $1]) }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test("a stem matches every ending from a word start; a whole word only itself")
    func stemsAndWords() {
        #expect(matches(["opštin*"], in: "Opština, opštine i општинама; sopština") == [[0, 1], [0, 2], [0, 4]])
        #expect(matches(["grob"], in: "grob groba grobovi") == [[0, 1]])
        #expect(matches(["požar", "požarn*"], in: "Požarevac požar požarni") == [[0, 2], [1, 3]])
    }

    @Test("multi-word terms match consecutive words across punctuation, and only then")
    func multiWord() {
        let terms = ["jedinic* lokaln* samouprav*", "lokaln* samouprav*"]
        #expect(matches(terms, in: "u jedinicama lokalne samouprave") == [[0, 2], [1, 3]])
        #expect(matches(terms, in: "Јединица локалне самоуправе") == [[0, 1], [1, 2]])
        #expect(matches(terms, in: "lokalne, samouprave") == [[1, 1]])
        #expect(matches(terms, in: "lokalne i samouprave").isEmpty)
        #expect(matches(["e-uprav*"], in: "zakon o e-upravi") == [[0, 3]])
    }

    @Test("terms sharing prefixes and suffixes are all reported (failure links)")
    func overlapping() {
        let terms = ["komunaln*", "komunaln* delatnost*", "delatnost*", "nost*"]
        #expect(matches(terms, in: "о комуналним делатностима") == [[0, 2], [1, 2], [2, 3]])
    }

    /// With a Greek term, the trie must tell non-ASCII bytes apart one by one (it once took them all
    /// for the same letter).
    @Test("agrees with a word-by-word reference on many generated texts", arguments: [false, true])
    func reference(withNonASCIITerm: Bool) {
        var terms = ["opstin*", "opstina", "lokaln* samouprav*", "grad", "gradsk*", "otpad*", "otpadn* vod*", "vod*",
                     "a", "ab*", "b a", "skol*", "predskolsk*", "komunaln* delatnost*"]
        var vocabulary = ["opstina", "opstine", "lokalne", "samouprave", "grad", "gradski", "otpadne", "vode", "voda",
                          "a", "ab", "abc", "b", "skola", "predskolska", "komunalne", "delatnosti", "x", "1999", "-", ",", "."]
        if withNonASCIITerm {
            terms += ["δημ*", "δημος grad"]
            vocabulary += ["δημος", "δημοτικη", "δη", "ΔΗΜΟΣ"]
        }
        let parsed = terms.map(TermMatcher.words(of:))
        let matcher = TermMatcher(terms: parsed)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let words = (0..<Int.random(in: 0...14, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            let text = words.joined(separator: Bool.random(using: &generator) ? " " : ", ")
            let bytes = TextFolding.foldedBytes(text)
            var found: [[Int]] = []
            matcher.scan(bytes) { found.append([$0, $1]) }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == referenceMatches(parsed, bytes), "\(text)")
        }
        if withNonASCIITerm {
            // Non-ASCII bytes are told apart one by one: "ΔΗΜΟΣ" folds to "δημοσ" (σ, not the final
            // ς), which the stem matches and the whole word "δημος" does not, though both have the
            // same length and every byte is non-ASCII.
            let stem = terms.count - 2, pair = terms.count - 1
            var found: [[Int]] = []
            matcher.scan(TextFolding.foldedBytes("δημος grad, δημοτικη")) { found.append([$0, $1]) }
            #expect(found.contains([stem, 1]) && found.contains([pair, 1]) && found.contains([stem, 3]))
            found = []
            matcher.scan(TextFolding.foldedBytes("ΔΗΜΟΣ grad")) { found.append([$0, $1]) }
            #expect(found.contains([stem, 1]) && !found.contains([pair, 1]))
        }
    }

    @Test("terms that repeat a word, or start inside another term in progress, agree with the reference")
    func repeatedWords() {
        let terms = ["a a a", "a a", "a b a", "b*", "a b* a b*", "ab a"]
        let parsed = terms.map(TermMatcher.words(of:))
        let matcher = TermMatcher(terms: parsed)
        var state: UInt64 = 42
        for _ in 0..<400 {
            var words: [String] = []
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 60) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                words.append(["a", "b", "ab", "bb"][Int(state >> 62)])
            }
            let bytes = TextFolding.foldedBytes(words.joined(separator: " "))
            var found: [[Int]] = []
            matcher.scan(bytes) { found.append([$0, $1]) }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == referenceMatches(parsed, bytes), "\(words)")
        }
    }

    @Test("a trie too large for compact cells (over 32 767 states) still agrees with the reference")
    func largeTrie() {
        var state: UInt64 = 7
        func letters(_ count: Int) -> String {
            var word = ""
            for _ in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                word.append(Character(Unicode.Scalar(UInt8(0x61 + Int(state >> 33) % 26))))
            }
            return word
        }
        let vocabulary = (0..<8000).map { _ in letters(9) }
        var terms: [String] = []
        for (index, word) in vocabulary.enumerated() {
            switch index % 4 {
            case 0: terms.append(word)
            case 1: terms.append(String(word.prefix(6)) + "*")
            case 2: terms.append(word + " " + vocabulary[(index * 7) % vocabulary.count])
            default: terms.append(String(word.prefix(5)) + "* " + String(vocabulary[(index * 3) % vocabulary.count].prefix(4)) + "*")
            }
        }
        let parsed = terms.map(TermMatcher.words(of:))
        let matcher = TermMatcher(terms: parsed)
        #expect(matcher.stateCount > 32_767)
        for _ in 0..<40 {
            var words: [String] = []
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                words.append(state >> 63 == 0 ? vocabulary[Int(state >> 40) % vocabulary.count] : letters(7))
            }
            let bytes = TextFolding.foldedBytes(words.joined(separator: " "))
            var found: [[Int]] = []
            matcher.scan(bytes) { found.append([$0, $1]) }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == referenceMatches(parsed, bytes))
        }
    }

    @Test("any bytes, not only folded text, split into words and match as the reference says")
    func arbitraryBytes() {
        // Every byte value (upper case, controls, punctuation, non-ASCII), in texts of every length
        // up to 200 bytes and a few longer ones, so words start and end at every offset.
        let terms = ["ab*", "abc", "a* b*", "z9*", "0a", "m\u{E9}*", "q* q* q*"]
        let parsed = terms.map(TermMatcher.words(of:))
        let matcher = TermMatcher(terms: parsed)
        // Every byte value once, and the terms' letters and the space often enough to match.
        let alphabet: [UInt8] = Array(0...255) + Array("abcz09 -.Q".utf8) + Array(repeating: 0x61, count: 200)
            + Array(repeating: 0x62, count: 120) + Array(repeating: 0x63, count: 40) + Array(repeating: 0x71, count: 80)
            + Array(repeating: 0x20, count: 250)
        var state: UInt64 = 5
        var total = 0
        for length in (0...200) + [255, 256, 257, 511, 512, 513, 1500] {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            var found: [[Int]] = []
            matcher.scan(bytes) { found.append([$0, $1]) }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == referenceMatches(parsed, bytes), "\(bytes)")
            total += found.count
        }
        // Dense enough in the terms' letters that hundreds of matches are compared.
        #expect(total > 300)
    }

    /// Word-by-word matching without an automaton.
    func referenceMatches(_ terms: [[TermMatcher.Word]], _ bytes: [UInt8]) -> [[Int]] {
        let isWordByte: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80 }
        let words = bytes.split(whereSeparator: { !isWordByte($0) }).map(Array.init)
        var found: [[Int]] = []
        for (term, termWords) in terms.enumerated() {
            for start in words.indices where start + termWords.count <= words.count {
                let all = termWords.enumerated().allSatisfy { offset, word in
                    let text = words[start + offset]
                    return word.isPrefix ? text.starts(with: word.text) : text == word.text
                }
                if all { found.append([term, start + 1]) }
            }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

@Suite("TermMatcher: long terms and words matching many patterns")
struct TermMatcherWindowTests {
    @Test("terms longer than a few words, and words matching many stems at once, agree with the reference")
    func longTermsAndManyStems() {
        let terms = ["a*", "ab*", "abc*", "abcd*", "abcde*", "abcdef*", "abcdefg", "a* b* a* b* a* b* a* b* c",
                     "abc* abcd* abcdefg", "b* c", "c"]
        let parsed = terms.map(TermMatcher.words(of:))
        let matcher = TermMatcher(terms: parsed)
        var state: UInt64 = 11
        for _ in 0..<300 {
            var words: [String] = []
            for _ in 0..<Int(state >> 59) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                words.append(["a", "b", "c", "abcdefg", "abcd", "bc"][Int(state >> 33) % 6])
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bytes = TextFolding.foldedBytes(words.joined(separator: " "))
            var found: [[Int]] = []
            matcher.scan(bytes) { found.append([$0, $1]) }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == TermMatcherTests().referenceMatches(parsed, bytes), "\(words)")
        }
    }
}
