import Testing
import TextFolding

@Suite("TextFolding: case, diacritics, Cyrillic, whitespace")
struct TextFoldingTests {
    @Test("Slovenian and Serbo-Croatian Latin diacritics fold to ASCII; đ folds to dj")
    func latinDiacritics() {
        #expect(TextFolding.folded("Občina  Žalec — Šoštanj") == "obcina zalec - sostanj")
        #expect(TextFolding.folded("ĆEVAPČIĆI") == "cevapcici")
        #expect(TextFolding.folded("Đurđevdan") == "djurdjevdan")
        #expect(TextFolding.folded("Ærø Straße") == "aero strasse")
    }

    @Test("Serbian and Macedonian Cyrillic transliterate to the same folded Latin")
    func cyrillic() {
        #expect(TextFolding.folded("Предлог закона о општинама") == "predlog zakona o opstinama")
        #expect(TextFolding.folded("Ђурђевдан") == "djurdjevdan")
        #expect(TextFolding.folded("ЉУБАВ, ЊИВА, ЏЕП, ЋУПРИЈА, ЖАБА, ШУМА, ЧАША") == "ljubav, njiva, dzep, cuprija, zaba, suma, casa")
        #expect(TextFolding.folded("Ѓорѓи Ќерка Ѕвезда") == "gjorgji kjerka dzvezda")
        #expect(TextFolding.folded("Закон о локалној самоуправи") == TextFolding.folded("Zakon o lokalnoj samoupravi"))
    }

    @Test("decomposed (NFD) input folds like precomposed input")
    func decomposed() {
        let nfd = "Obc\u{030C}ina Z\u{030C}alec"
        #expect(TextFolding.folded(nfd) == "obcina zalec")
        #expect(TextFolding.folded(nfd) == TextFolding.folded("Občina Žalec"))
    }

    @Test("typographic dashes and quotes become ASCII, so rule wordings match however they were typed")
    func typographic() {
        #expect(TextFolding.folded("druga obravnava – MDT") == "druga obravnava - mdt")
        #expect(TextFolding.folded("Awaiting Parliament’s position") == "awaiting parliament's position")
        #expect(TextFolding.folded("„Službeni glasnik RS“") == "\"sluzbeni glasnik rs\"")
        #expect(TextFolding.folded("«Uradni list» … točka") == "\"uradni list\" . tocka")
    }

    @Test("whitespace runs of every kind collapse to one space; ends are trimmed")
    func whitespace() {
        #expect(TextFolding.folded("  a\t\n b\u{00A0}\u{2003}c  ") == "a b c")
        #expect(TextFolding.folded("") == "")
        #expect(TextFolding.folded(" \n ") == "")
    }

    @Test("other scripts are lowercased and kept; malformed UTF-8 never crashes")
    func otherScripts() {
        #expect(TextFolding.folded("ΑΘΗΝΑ Αθήνα") == "αθηνα αθήνα")
        var bytes: [UInt8] = []
        let malformed: [UInt8] = [0x61, 0xC3, 0x20, 0xFF, 0x62]
        malformed.withUnsafeBufferPointer { TextFolding.fold(utf8: $0, into: &bytes) }
        #expect(String(decoding: bytes, as: UTF8.self) == "a b")
    }

    @Test("latinized keeps diacritics and case")
    func latinized() {
        #expect(TextFolding.latinized("Предлог закона о комуналним делатностима") == "Predlog zakona o komunalnim delatnostima")
        #expect(TextFolding.latinized("Ђурђевдан у Ћуприји, џеп, Љубљана") == "Đurđevdan u Ćupriji, džep, Ljubljana")
        #expect(TextFolding.latinized("Občina Žalec") == "Občina Žalec")
    }

    @Test("foldedBytes and fold(into:) agree with folded")
    func bytes() {
        let text = "Ђурђевдан  Občina"
        #expect(String(decoding: TextFolding.foldedBytes(text), as: UTF8.self) == TextFolding.folded(text))
        var buffer: [UInt8] = Array("x ".utf8)
        TextFolding.fold(text, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "x " + TextFolding.folded(text))
    }

    @Test("mixed ASCII text folds like a per-character reference, wherever spaces, controls and capitals fall")
    func asciiRunsMatchReference() {
        // The folder copies plain ASCII eight bytes at a time; the reference goes one character at a time.
        let alphabet: [Character] = ["a", "Z", "m", "Q", "0", "9", "-", ".", "'", "~", "@", "[", "`", "{",
                                     " ", " ", " ", "\t", "\n", "\u{7F}", "\u{01}", "č", "Ж", "\u{00A0}"]
        func reference(_ text: String) -> String {
            var words: [String] = []
            var word = ""
            for character in text {
                let mapped: String
                switch character {
                case " ", "\t", "\n", "\u{7F}", "\u{01}", "\u{00A0}": mapped = ""
                case "č": mapped = "c"
                case "Ж": mapped = "z"
                default: mapped = character.lowercased()
                }
                if mapped.isEmpty {
                    if !word.isEmpty { words.append(word) }
                    word = ""
                } else {
                    word += mapped
                }
            }
            if !word.isEmpty { words.append(word) }
            return words.joined(separator: " ")
        }
        var state: UInt64 = 0x1234_5678
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58)
            var text = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            #expect(TextFolding.folded(text) == reference(text), "\(text.debugDescription)")
        }
    }
}

@Suite("TextFolding: runs of two-byte letters")
struct TextFoldingRunTests {
    @Test("every two-byte scalar folds the same inside a run of Cyrillic letters as on its own")
    func twoByteRuns() {
        for value in UInt32(0x80)..<0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = TextFolding.folded("x" + String(Character(scalar)) + "x")
            let inRun = TextFolding.folded("ж" + String(Character(scalar)) + "ж")
            // Same middle whatever leads into it: "x…x" and "ж…ж" differ only in their first and last letters.
            #expect(alone.dropFirst().dropLast() == inRun.dropFirst().dropLast(), "U+\(String(value, radix: 16))")
        }
    }

    @Test("marks, no-break spaces and other scripts inside Cyrillic and Latin-1 runs")
    func mixedRuns() {
        #expect(TextFolding.folded("ОПШТИНА\u{00A0}Кула") == "opstina kula")
        #expect(TextFolding.folded("ÀÉÎÕÜçñ") == "aeioucn")
        #expect(TextFolding.folded("Ша\u{0301}ргарепа") == "sargarepa")
        #expect(TextFolding.folded("ЖαЖ") == "zαz")
        #expect(TextFolding.folded("\u{0301}Ж") == "z")
    }
}
