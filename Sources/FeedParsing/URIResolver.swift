/// RFC 3986 reference resolution (section 5.2), without Foundation's URL so IRIs and odd
/// characters survive unchanged.
enum URIResolver {
    private struct Parts {
        var scheme: String?
        var authority: String?
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    private static func split(_ text: String) -> Parts {
        var rest = Substring(text)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var scheme: String?
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
           rest.first!.isLetter {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        var authority: String?
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        return Parts(scheme: scheme, authority: authority, path: rest, query: query, fragment: fragment)
    }

    /// Resolves `reference` against `base`; returns `reference` unchanged when `base` is empty or
    /// not absolute.
    static func resolve(_ reference: String, against base: String?) -> String {
        let reference = reference.trimmingWhitespace()
        guard let base, !base.isEmpty else { return reference }
        let r = split(reference)
        if r.scheme != nil { return reference }
        let b = split(base)
        guard let baseScheme = b.scheme else { return reference }
        var target = Parts(scheme: baseScheme, authority: nil, path: "", query: nil, fragment: r.fragment)
        if let authority = r.authority {
            target.authority = authority
            target.path = Substring(removeDotSegments(String(r.path)))
            target.query = r.query
        } else {
            target.authority = b.authority
            if r.path.isEmpty {
                target.path = b.path
                target.query = r.query ?? b.query
            } else {
                if r.path.hasPrefix("/") {
                    target.path = Substring(removeDotSegments(String(r.path)))
                } else {
                    target.path = Substring(removeDotSegments(merge(base: b, path: r.path)))
                }
                target.query = r.query
            }
        }
        var result = baseScheme + ":"
        if let authority = target.authority { result += "//" + authority }
        result += target.path
        if let query = target.query { result += "?" + query }
        if let fragment = target.fragment { result += "#" + fragment }
        return result
    }

    /// URI schemes a base may use (feedparser's `ACCEPTABLE_URI_SCHEMES`); anything else
    /// (`javascript:`, `data:`) is ignored as a base.
    static let acceptableSchemes: Set<String> = [
        "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms", "news", "nntp",
        "oai", "rsync", "rtsp", "sftp", "shttp", "sip", "sips", "snews", "svn", "svn+ssh", "telnet", "urn", "wais",
        "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk", "irc", "ircs", "irc6", "itms", "msnim", "skype",
        "ssh", "smb", "ymsg",
    ]

    /// Whether `uri` is absolute with an acceptable scheme.
    static func isAcceptable(_ uri: String) -> Bool {
        guard let scheme = split(uri).scheme else { return false }
        return acceptableSchemes.contains(scheme)
    }

    /// `http:///example.com/` to `http://example.com/` (a common mistake in `xml:base`).
    static func collapsingSchemeSlashes(_ uri: String) -> String {
        guard let range = uri.range(of: ":///"), uri[..<range.lowerBound].allSatisfy({ $0.isLetter }) else { return uri }
        var rest = uri[range.upperBound...]
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        return uri[..<range.lowerBound] + "://" + rest
    }

    private static func merge(base: Parts, path: Substring) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        if let slash = base.path.lastIndex(of: "/") { return String(base.path[...slash]) + path }
        return String(path)
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            if segment == "." {
                if last { output.append("") }
            } else if segment == ".." {
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var joined = output.joined(separator: "/")
        if path.hasPrefix("/") && !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }
}
