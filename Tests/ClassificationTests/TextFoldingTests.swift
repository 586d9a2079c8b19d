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
}
