import Foundation

/// Conversion from the builder's fields to the typed records, and from the records to the JSON
/// contract.
enum FeedRecords {
    /// Date fields: the typed ones plus those kept in `extras`.
    static let extraDateKeys = ["created", "expired", "validity_start", "validity_end"]

    static func iso(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Extras: everything not typed, with extra dates turned into ISO + raw; empty strings left out
    /// (the contract never writes them).
    static func extras(_ dictionary: FeedDictionary, typed: Set<String>) -> [String: JSONValue] {
        var extras: [String: JSONValue] = [:]
        for (key, value) in dictionary where !typed.contains(key) && value != .string("") {
            if extraDateKeys.contains(key), let raw = value.stringValue {
                extras[key + "_raw"] = .string(raw)
                if let date = DateParser.parse(raw) { extras[key] = .string(iso(date)) }
            } else {
                extras[key] = value
            }
        }
        return extras
    }

    static let typedEntryKeys: Set<String> = [
        "id", "title", "link", "links", "summary", "content", "published", "updated", "author", "tags",
    ]
    static let typedFeedKeys: Set<String> = [
        "title", "link", "links", "subtitle", "id", "updated", "published", "language", "author", "rights", "tags",
    ]

    static func entry(_ fields: FeedFields, includeExtras: Bool = true) -> FeedEntry {
        let links = fields.links?.compactMap(\.record) ?? []
        let publishedRaw = nonEmpty(fields.published), updatedRaw = nonEmpty(fields.updated)
        return FeedEntry(
            id: nonEmpty(fields.id), title: nonEmpty(fields.title), link: nonEmpty(fields.link), links: links,
            summary: nonEmpty(fields.summary), content: fields.content ?? [],
            published: publishedRaw.flatMap(DateParser.parse), updated: updatedRaw.flatMap(DateParser.parse),
            publishedRaw: publishedRaw, updatedRaw: updatedRaw, author: nonEmpty(fields.author),
            tags: fields.tags?.map(\.record) ?? [],
            enclosures: links.filter { $0.rel == "enclosure" }.map { FeedEnclosure(href: $0.href, type: $0.type, length: $0.length) },
            extras: includeExtras ? extras(fields.untyped(except: typedEntryKeys), typed: typedEntryKeys) : [:])
    }

    static func metadata(_ fields: FeedFields, includeExtras: Bool = true) -> FeedMetadata {
        let publishedRaw = nonEmpty(fields.published), updatedRaw = nonEmpty(fields.updated)
        return FeedMetadata(
            title: nonEmpty(fields.title), link: nonEmpty(fields.link), links: fields.links?.compactMap(\.record) ?? [],
            subtitle: nonEmpty(fields.string("subtitle")), id: nonEmpty(fields.id),
            updated: updatedRaw.flatMap(DateParser.parse), published: publishedRaw.flatMap(DateParser.parse),
            updatedRaw: updatedRaw, publishedRaw: publishedRaw, language: nonEmpty(fields.string("language")),
            author: nonEmpty(fields.author), rights: nonEmpty(fields.string("rights")), tags: fields.tags?.map(\.record) ?? [],
            extras: includeExtras ? extras(fields.untyped(except: typedFeedKeys), typed: typedFeedKeys) : [:])
    }
}

/// The string unless it is absent or empty.
private func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
}

extension FeedLink {
    func jsonObject() -> JSONValue {
        var object: [String: JSONValue] = ["rel": .string(rel), "href": .string(href)]
        if let type { object["type"] = .string(type) }
        if let title { object["title"] = .string(title) }
        if let length { object["length"] = .string(length) }
        if let hreflang { object["hreflang"] = .string(hreflang) }
        return .object(object)
    }
}

extension FeedTag {
    func jsonObject() -> JSONValue {
        var object: [String: JSONValue] = [:]
        if !term.isEmpty { object["term"] = .string(term) }
        if let scheme { object["scheme"] = .string(scheme) }
        if let label { object["label"] = .string(label) }
        return .object(object)
    }
}

extension FeedContent {
    func jsonObject() -> JSONValue {
        var object: [String: JSONValue] = ["value": .string(value)]
        if let type { object["type"] = .string(type) }
        if let language { object["language"] = .string(language) }
        if let base { object["base"] = .string(base) }
        if let src { object["src"] = .string(src) }
        return .object(object)
    }
}

private func put(_ object: inout [String: JSONValue], _ key: String, _ value: String?) {
    if let value { object[key] = .string(value) }
}

private func putDate(_ object: inout [String: JSONValue], _ key: String, _ date: Date?, raw: String?) {
    if let date { object[key] = .string(FeedRecords.iso(date)) }
    if let raw { object[key + "_raw"] = .string(raw) }
}

extension FeedEntry {
    /// The entry in the `parse --json` contract.
    func jsonObject() -> [String: JSONValue] {
        var object = extras
        put(&object, "id", id)
        put(&object, "title", title)
        put(&object, "link", link)
        put(&object, "summary", summary)
        put(&object, "author", author)
        put(&object, "phase_raw", phaseRaw)
        put(&object, "identifier", identifier)
        if let inForce { object["in_force"] = .string(FeedRecords.iso(inForce)) }
        putDate(&object, "published", published, raw: publishedRaw)
        putDate(&object, "updated", updated, raw: updatedRaw)
        if !links.isEmpty { object["links"] = .array(links.map { $0.jsonObject() }) }
        if !content.isEmpty { object["content"] = .array(content.map { $0.jsonObject() }) }
        if !tags.isEmpty { object["tags"] = .array(tags.map { $0.jsonObject() }) }
        if !enclosures.isEmpty {
            object["enclosures"] = .array(enclosures.map { enclosure in
                var item: [String: JSONValue] = ["href": .string(enclosure.href)]
                put(&item, "type", enclosure.type)
                put(&item, "length", enclosure.length)
                return .object(item)
            })
        }
        return object
    }
}

extension FeedMetadata {
    /// The feed element in the `parse --json` contract.
    func jsonObject() -> [String: JSONValue] {
        var object = extras
        put(&object, "title", title)
        put(&object, "link", link)
        put(&object, "subtitle", subtitle)
        put(&object, "id", id)
        put(&object, "language", language)
        put(&object, "author", author)
        put(&object, "rights", rights)
        putDate(&object, "published", published, raw: publishedRaw)
        putDate(&object, "updated", updated, raw: updatedRaw)
        if !links.isEmpty { object["links"] = .array(links.map { $0.jsonObject() }) }
        if !tags.isEmpty { object["tags"] = .array(tags.map { $0.jsonObject() }) }
        return object
    }
}
