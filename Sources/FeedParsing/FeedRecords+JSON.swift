import Foundation

/// Conversion between the builder's feedparser dictionaries and the typed records, and back to the
/// JSON contract.
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

    static func links(_ value: JSONValue?) -> [FeedLink] {
        // Each object is walked once (one pass, string compares) instead of looked up key by key.
        (value?.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue else { return nil }
            var rel: String?, href: String?, type: String?, title: String?, length: String?, hreflang: String?
            for (key, field) in object {
                guard case .string(let text) = field else { continue }
                switch key {
                case "rel": rel = text
                case "href": href = text
                case "type": type = text
                case "title": title = text
                case "length": length = text
                case "hreflang": hreflang = text
                default: break
                }
            }
            guard let href else { return nil }
            var link = FeedLink(rel: rel ?? "alternate", href: href, type: type, title: title)
            link.length = length
            link.hreflang = hreflang
            return link
        }
    }

    static func tags(_ value: JSONValue?) -> [FeedTag] {
        (value?.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue else { return nil }
            var tag = FeedTag(term: "")
            for (key, field) in object {
                guard case .string(let text) = field else { continue }
                switch key {
                case "term": tag.term = text
                case "scheme": tag.scheme = text
                case "label": tag.label = text
                default: break
                }
            }
            return tag
        }
    }

    static func content(_ value: JSONValue?) -> [FeedContent] {
        (value?.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue else { return nil }
            var content = FeedContent(type: object.string("type"), language: object.string("language"), value: object.string("value") ?? "")
            content.base = object.string("base")
            content.src = object.string("src")
            return content
        }
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
        var extras: [String: JSONValue] = [:]
        if includeExtras {
            var untyped = fields.other
            if let authors = fields.authors { untyped["authors"] = .array(authors.map(\.json)) }
            extras = Self.extras(untyped, typed: typedEntryKeys)
        }
        return FeedEntry(
            id: nonEmpty(fields.id), title: nonEmpty(fields.title), link: nonEmpty(fields.link), links: links,
            summary: nonEmpty(fields.summary), content: fields.content ?? [],
            published: publishedRaw.flatMap(DateParser.parse), updated: updatedRaw.flatMap(DateParser.parse),
            publishedRaw: publishedRaw, updatedRaw: updatedRaw, author: nonEmpty(fields.author),
            tags: fields.tags?.map(\.record) ?? [],
            enclosures: links.filter { $0.rel == "enclosure" }.map { FeedEnclosure(href: $0.href, type: $0.type, length: $0.length) },
            extras: extras)
    }

    static func metadata(_ fields: FeedFields, includeExtras: Bool = true) -> FeedMetadata {
        metadata(fields.dictionary, includeExtras: includeExtras)
    }

    static func metadata(_ d: FeedDictionary, includeExtras: Bool = true) -> FeedMetadata {
        let publishedRaw = d.text("published")
        let updatedRaw = d.text("updated")
        return FeedMetadata(
            title: d.text("title"), link: d.text("link"), links: links(d["links"]), subtitle: d.text("subtitle"),
            id: d.text("id"), updated: updatedRaw.flatMap(DateParser.parse), published: publishedRaw.flatMap(DateParser.parse),
            updatedRaw: updatedRaw, publishedRaw: publishedRaw, language: d.text("language"), author: d.text("author"),
            rights: d.text("rights"), tags: tags(d["tags"]), extras: includeExtras ? extras(d, typed: typedFeedKeys) : [:])
    }
}

/// The string unless it is absent or empty (as ``FeedDictionary/text(_:)``).
private func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
}

extension FeedDictionary {
    /// The string under `key` unless it is empty.
    func text(_ key: String) -> String? {
        guard let value = string(key), !value.isEmpty else { return nil }
        return value
    }
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
