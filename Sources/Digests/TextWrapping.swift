/// Word-wraps plain text for the text digests.
enum TextWrapping {
    /// Wraps every line longer than `width` at spaces. Continuation lines keep the line's indentation,
    /// plus the width of a list marker (`* `, `- `, `• `) when the line starts with one. A single word longer
    /// than the width (a long URL) stays whole on its own line. Trailing spaces are removed and runs of
    /// blank lines collapse to one.
    static func wrap(_ text: String, width: Int = 80) -> String {
        var output: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
            if line.isEmpty {
                if output.last?.isEmpty == false { output.append("") }
                continue
            }
            guard line.count > width else {
                output.append(line)
                continue
            }
            let indentCount = line.prefix(while: { $0 == " " }).count
            var hanging = indentCount
            let body = line.dropFirst(indentCount)
            for marker in ["* ", "- ", "• "] where body.hasPrefix(marker) {
                hanging += marker.count
            }
            let firstIndent = String(repeating: " ", count: indentCount)
            let nextIndent = String(repeating: " ", count: hanging)
            var current = firstIndent
            var currentHasWord = false
            for word in body.split(separator: " ", omittingEmptySubsequences: true) {
                if currentHasWord, current.count + 1 + word.count > width {
                    output.append(current)
                    current = nextIndent + word
                } else {
                    current += (currentHasWord ? " " : "") + word
                }
                currentHasWord = true
            }
            output.append(current)
        }
        while output.last?.isEmpty == true { output.removeLast() }
        while output.first?.isEmpty == true { output.removeFirst() }
        return output.joined(separator: "\n") + "\n"
    }
}
