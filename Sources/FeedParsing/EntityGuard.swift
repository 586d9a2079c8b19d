/// The entity policy for hostile XML: libxml2 never substitutes or loads entities; this guard
/// decides what a reference means.
///
/// - External general entities (`SYSTEM`/`PUBLIC`) are refused (XXE to a file or over HTTP).
/// - Parameter entities are refused, except an external one with a `PUBLIC` identifier, which is
///   ignored (a well-known DTD such as XHTML's entity sets, never fetched).
/// - An external DTD subset named by a relative or `file:` system identifier is refused; one named
///   by `http(s)` or a public identifier is ignored.
/// - Internal entities are expanded here, within a budget: one expansion may not exceed 8 KiB nor
///   nest deeper than 16, and a document may not expand more than 1 MiB in total. Billion laughs,
///   quadratic blow-up and cycles are refused.
final class EntityGuard {
    static let maxEntityBytes = 8 * 1024
    static let maxTotalBytes = 1024 * 1024
    static let maxDepth = 16

    enum Kind { case internalGeneral, externalGeneral, internalParameter, externalParameter, other }

    private var declarations: [String: String] = [:]
    private var expansions: [String: String] = [:]
    private var totalBytes = 0
    /// Set once a rule refuses the document; parsing stops.
    private(set) var refusal: FeedParseError?

    private func refuse(_ code: String, _ message: String) {
        if refusal == nil { refusal = FeedParseError(code: code, message: message) }
    }

    /// A `<!DOCTYPE name PUBLIC "…" "…">` or `SYSTEM "…"` declaration.
    func doctype(name: String, publicID: String?, systemID: String?) {
        guard let systemID, publicID == nil else { return }
        let lowered = systemID.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return }
        refuse("dtd-refused", "the document needs the external DTD \"\(systemID)\", which is never loaded")
    }

    /// An `<!ENTITY …>` declaration.
    func declare(name: String, kind: Kind, publicID: String?, systemID: String?, content: String?) {
        switch kind {
        case .externalGeneral:
            refuse("entity-refused", "external entity '\(name)' (\(systemID ?? publicID ?? "?")) is not loaded: external entities are refused")
        case .internalParameter:
            refuse("dtd-refused", "parameter entity '%\(name);' is refused")
        case .externalParameter:
            if publicID == nil {
                refuse("entity-refused", "external parameter entity '%\(name);' (\(systemID ?? "?")) is refused")
            }
        case .internalGeneral:
            if declarations[name] == nil { declarations[name] = content ?? "" }
            expansions = [:]
        case .other:
            break
        }
    }

    /// Whether `name` was declared in the document's internal subset.
    func isDeclared(_ name: String) -> Bool { declarations[name] != nil }

    /// The replacement text of a declared internal entity, or nil (refusal set) when over budget.
    func expand(_ name: String) -> String? {
        guard refusal == nil else { return nil }
        var visiting: Set<String> = []
        guard let text = expansion(of: name, depth: 0, visiting: &visiting) else { return nil }
        totalBytes += text.utf8.count
        if totalBytes > Self.maxTotalBytes {
            refuse("entity-expansion-refused", "entity references expand to more than \(Self.maxTotalBytes) bytes in total (quadratic blow-up)")
            return nil
        }
        return text
    }

    private func expansion(of name: String, depth: Int, visiting: inout Set<String>) -> String? {
        if let known = expansions[name] { return known }
        guard let raw = declarations[name] else { return nil }
        guard depth < Self.maxDepth else {
            refuse("entity-expansion-refused", "entity '\(name)' nests deeper than \(Self.maxDepth) levels")
            return nil
        }
        guard visiting.insert(name).inserted else {
            refuse("entity-expansion-refused", "entity '\(name)' refers to itself")
            return nil
        }
        defer { visiting.remove(name) }
        var output = ""
        var rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semicolon = rest[afterAmp...].firstIndex(of: ";") else {
                output += rest[amp...]
                rest = ""
                break
            }
            let reference = String(rest[afterAmp..<semicolon])
            rest = rest[rest.index(after: semicolon)...]
            if reference.hasPrefix("#") {
                output += CharacterReference.decode(reference) ?? "&\(reference);"
            } else if let predefined = CharacterReference.predefined[reference] {
                output += predefined
            } else if declarations[reference] != nil {
                guard let inner = expansion(of: reference, depth: depth + 1, visiting: &visiting) else { return nil }
                output += inner
            } else if let html = HTMLEntityTable.shared.text(for: reference) {
                output += html
            }
            if output.utf8.count > Self.maxEntityBytes {
                refuse("entity-expansion-refused", "entity '\(name)' expands to more than \(Self.maxEntityBytes) bytes (billion laughs)")
                return nil
            }
        }
        output += rest
        if output.utf8.count > Self.maxEntityBytes {
            refuse("entity-expansion-refused", "entity '\(name)' expands to more than \(Self.maxEntityBytes) bytes")
            return nil
        }
        expansions[name] = output
        return output
    }
}

/// Numeric character references and XML's five predefined entities.
enum CharacterReference {
    static let predefined: [String: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]

    /// `#233` or `#xE9` to its character.
    static func decode(_ reference: String) -> String? {
        let digits = reference.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits)
        }
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
