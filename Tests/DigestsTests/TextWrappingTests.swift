import Foundation
import Testing
@testable import Digests

@Suite("80-column text wrapping")
struct TextWrappingTests {
    @Test("long lines wrap at spaces with hanging indentation; long words stay whole")
    func wraps() {
        let reason = (1...40).map { "beseda\($0)" }.joined(separator: " ")
        let url = "https://example.org/" + String(repeating: "x", count: 100)
        let wrapped = TextWrapping.wrap("  - \(reason)\n\(url)\nshort   \n\n\n\nend")
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.count <= 80 || !line.trimmingCharacters(in: .whitespaces).contains(" "), "\(line)")
        }
        #expect(lines.first?.hasPrefix("  - beseda1 ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("    beseda") == true, "continuation lines hang under the text")
        #expect(lines.contains { $0 == Substring(url) })
        #expect(lines.contains("short"), "trailing spaces are removed")
        #expect(!wrapped.contains("\n\n\n"), "blank lines collapse")
        #expect(wrapped.hasSuffix("end\n"))
        let words = reason.split(separator: " ")
        #expect(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "-" }).filter { $0.hasPrefix("beseda") }
            .map(String.init) == words.map(String.init), "no word is lost or split")
    }

    @Test("Cyrillic counts characters, not bytes")
    func cyrillic() {
        let line = String(repeating: "Ж", count: 79)
        #expect(TextWrapping.wrap(line) == line + "\n")
    }
}
