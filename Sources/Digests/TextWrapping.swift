/// Line clean-up for the rendered digests: word wrap for the text version, blank-line removal for the HTML.
/// Both work line by line on UTF-8 and only fall back to characters for lines that need wrapping.
enum TextWrapping {
    /// Wraps every line longer than `width` characters at spaces. Continuation lines keep the line's
    /// indentation, plus the width of a list marker (`* `, `- `, `• `) when the line starts with one. A single
    /// word longer than the width (a long URL) stays whole on its own line. Trailing spaces are removed,
    /// runs of blank lines collapse to one, and the text ends with exactly one newline.
    static func wrap(_ text: String, width: Int = 80) -> String {
        var output: [Substring] = []
        for line in lines(text) {
            if line.isEmpty {
                if output.last?.isEmpty == false { output.append("") }
            } else if line.utf8.count <= width || line.count <= width {
                output.append(line)
            } else {
                output += wrapLine(line, width: width).map { Substring($0) }
            }
        }
        while output.last?.isEmpty == true { output.removeLast() }
        while output.first?.isEmpty == true { output.removeFirst() }
        return output.joined(separator: "\n") + "\n"
    }

    /// Drops blank lines and trailing spaces, which the templates' sections leave behind in HTML.
    static func dropBlankLines(_ text: String) -> String {
        lines(text).filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    /// The lines of `text` split at `\n`, each without trailing spaces, tabs or carriage returns.
    private static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            var end = bytes.endIndex
            while end > bytes.startIndex, [0x20, 0x09, 0x0D].contains(bytes[bytes.index(before: end)]) {
                end = bytes.index(before: end)
            }
            return Substring(bytes[bytes.startIndex..<end])
        }
    }

    private static func wrapLine(_ line: Substring, width: Int) -> [String] {
        let indentCount = line.prefix(while: { $0 == " " }).count
        var hanging = indentCount
        let body = line.dropFirst(indentCount)
        for marker in ["* ", "- ", "• "] where body.hasPrefix(marker) {
            hanging += marker.count
        }
        var result: [String] = []
        var current = String(repeating: " ", count: indentCount)
        var currentCount = indentCount
        var currentHasWord = false
        for word in body.split(separator: " ", omittingEmptySubsequences: true) {
            let wordCount = word.count
            if currentHasWord, currentCount + 1 + wordCount > width {
                result.append(current)
                current = String(repeating: " ", count: hanging) + word
                currentCount = hanging + wordCount
            } else {
                current += (currentHasWord ? " " : "") + word
                currentCount += (currentHasWord ? 1 : 0) + wordCount
            }
            currentHasWord = true
        }
        result.append(current)
        return result
    }
}
