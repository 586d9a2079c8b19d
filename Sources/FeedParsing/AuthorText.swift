import Foundation

/// The e-mail address inside an author string, as feedparser finds it.
enum AuthorText {
    /// The first e-mail address in `text` (with an optional `?subject=…`), as feedparser finds it.
    static func email(in text: String) -> String? {
        guard text.containsByte(UInt8(ascii: "@")) else { return nil }
        let scalars = Array(text.unicodeScalars)
        func isLocal(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || "_-.+".unicodeScalars.contains(s))
        }
        func isDomain(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == ".")
        }
        for (index, scalar) in scalars.enumerated() where scalar == "@" {
            var start = index
            while start > 0, isLocal(scalars[start - 1]) { start -= 1 }
            var end = index + 1
            while end < scalars.count, isDomain(scalars[end]) { end += 1 }
            guard start < index, end > index + 1 else { continue }
            var domain = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            while domain.hasSuffix(".") { domain.removeLast(); end -= 1 }
            guard domain.contains("."), let tld = domain.split(separator: ".").last, (2...4).contains(tld.count) else { continue }
            if end + 9 <= scalars.count, String(String.UnicodeScalarView(scalars[end..<(end + 9)])) == "?subject=" {
                var stop = end + 9
                while stop < scalars.count, !CharacterSet.whitespacesAndNewlines.contains(scalars[stop]) { stop += 1 }
                if stop > end + 9 { end = stop }
            }
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
        return nil
    }
}
