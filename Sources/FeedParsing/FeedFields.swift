/// A person of a feed or entry (author, contributor, publisher) as feedparser records it.
struct PersonFields: Equatable {
    var name: String?
    var email: String?
    var href: String?

    var isEmpty: Bool { name == nil && email == nil && href == nil }

    subscript(key: String) -> String? {
        get {
            switch key {
            case "name": return name
            case "email": return email
            case "href": return href
            default: return nil
            }
        }
        set {
            switch key {
            case "name": name = newValue
            case "email": email = newValue
            case "href": href = newValue
            default: break
            }
        }
    }

    var json: JSONValue {
        var object: FeedDictionary = [:]
        if let name { object["name"] = .string(name) }
        if let email { object["email"] = .string(email) }
        if let href { object["href"] = .string(href) }
        return .object(object)
    }
}

/// A link while its element is read: the attributes feedparser keeps, any of them absent.
struct LinkFields: Equatable {
    var rel: String?
    var href: String?
    var type: String?
    var title: String?
    var length: String?
    var hreflang: String?

    init(rel: String? = nil, href: String? = nil, type: String? = nil, title: String? = nil) {
        self.rel = rel
        self.href = href
        self.type = type
        self.title = title
    }

    /// A link from an element's attributes (`rel`, `href`, `type`, `title`, `length`, `hreflang`;
    /// the others are not kept by the typed records either).
    init(_ attributes: AttributeList) {
        rel = attributes["rel"]
        href = attributes["href"]
        type = attributes["type"]
        title = attributes["title"]
        length = attributes["length"]
        hreflang = attributes["hreflang"]
    }

    var record: FeedLink? {
        guard let href else { return nil }
        var link = FeedLink(rel: rel ?? "alternate", href: href, type: type, title: title)
        link.length = length
        link.hreflang = hreflang
        return link
    }

    var json: JSONValue {
        var object: FeedDictionary = [:]
        if let rel { object["rel"] = .string(rel) }
        if let href { object["href"] = .string(href) }
        if let type { object["type"] = .string(type) }
        if let title { object["title"] = .string(title) }
        if let length { object["length"] = .string(length) }
        if let hreflang { object["hreflang"] = .string(hreflang) }
        return .object(object)
    }
}

/// A tag while it is read; feedparser writes absent parts as null and compares tags whole.
struct TagFields: Equatable {
    var term: String?
    var scheme: String?
    var label: String?

    var record: FeedTag {
        FeedTag(term: term ?? "", scheme: scheme, label: label)
    }

    var json: JSONValue {
        .object(["term": term.map(JSONValue.string) ?? .null, "scheme": scheme.map(JSONValue.string) ?? .null,
                 "label": label.map(JSONValue.string) ?? .null])
    }
}

/// The fields of one feedparser context — the feed, an entry, an entry's source, the feed's image
/// or text input — while the document streams by.
///
/// The fields the typed records read (and the builder's rules read back) are stored typed; every
/// other feedparser key goes to `other`, which is dropped altogether when `keepsOther` is false
/// (entries when the caller asked for no extras: none of those keys reaches a typed field).
/// The `subscript` gives the dictionary view of all of it, for the rules that are rare enough not to
/// need a typed path.
struct FeedFields {
    var id: String?
    var title: String?
    var link: String?
    var summary: String?
    var author: String?
    var published: String?
    var updated: String?
    /// nil: no `links` key; an empty array is a present, empty `links`.
    var links: [LinkFields]?
    var content: [FeedContent]?
    var tags: [TagFields]?
    var authors: [PersonFields]?
    var other: FeedDictionary = [:]
    let keepsOther: Bool

    init(keepsOther: Bool = true) {
        self.keepsOther = keepsOther
    }

    /// The dictionary view of one key (typed fields converted on the way).
    subscript(key: String) -> JSONValue? {
        get {
            switch key {
            case "id": return id.map(JSONValue.string)
            case "title": return title.map(JSONValue.string)
            case "link": return link.map(JSONValue.string)
            case "summary": return summary.map(JSONValue.string)
            case "author": return author.map(JSONValue.string)
            case "published": return published.map(JSONValue.string)
            case "updated": return updated.map(JSONValue.string)
            case "links": return links.map { .array($0.map(\.json)) }
            case "content": return content.map { .array($0.map { $0.jsonObject() }) }
            case "tags": return tags.map { .array($0.map(\.json)) }
            case "authors": return authors.map { .array($0.map(\.json)) }
            default: return other[key]
            }
        }
        set {
            if setTextField(key, newValue?.stringValue) { return }
            switch key {
            case "links": links = newValue.map { Self.objects($0).map(Self.link) }
            case "content": content = newValue.map { Self.objects($0).map(Self.content) }
            case "tags": tags = newValue.map { Self.objects($0).map(Self.tag) }
            case "authors": authors = newValue.map { Self.objects($0).map(Self.person) }
            default: if keepsOther { other[key] = newValue }
            }
        }
    }

    /// Stores an element's text under `key`.
    mutating func setText(_ key: String, _ value: String) {
        if !setTextField(key, value) { self[key] = .string(value) }
    }

    /// Sets one of the typed text fields; false when `key` is not one. The length is checked before
    /// any comparison (this is on the hot path of every element's text).
    private mutating func setTextField(_ key: String, _ value: String?) -> Bool {
        switch key.utf8.count {
        case 2 where key == "id": id = value
        case 4 where key == "link": link = value
        case 5 where key == "title": title = value
        case 6 where key == "author": author = value
        case 7 where key == "summary": summary = value
        case 7 where key == "updated": updated = value
        case 9 where key == "published": published = value
        default: return false
        }
        return true
    }

    /// Whether `key` holds a value.
    func has(_ key: String) -> Bool {
        switch key {
        case "id": return id != nil
        case "title": return title != nil
        case "link": return link != nil
        case "summary": return summary != nil
        case "author": return author != nil
        case "published": return published != nil
        case "updated": return updated != nil
        case "links": return links != nil
        case "content": return content != nil
        case "tags": return tags != nil
        case "authors": return authors != nil
        default: return other[key] != nil
        }
    }

    /// The string under `key`.
    func string(_ key: String) -> String? { self[key]?.stringValue }

    /// Appends to the array stored under `key`, creating it when absent.
    mutating func append(_ value: JSONValue, toArray key: String) {
        var array = self[key]?.arrayValue ?? []
        array.append(value)
        self[key] = .array(array)
    }

    /// Mutates the last object of the array under `key`; creates `[{}]` first when it is empty.
    mutating func updateLast(in key: String, _ body: (inout FeedDictionary) -> Void) {
        var array = self[key]?.arrayValue ?? []
        if array.isEmpty { array.append(.object([:])) }
        var last = array.removeLast().objectValue ?? [:]
        body(&last)
        array.append(.object(last))
        self[key] = .array(array)
    }

    /// Mutates the object under `key`, creating it when absent.
    mutating func updateObject(_ key: String, _ body: (inout FeedDictionary) -> Void) {
        var object = self[key]?.objectValue ?? [:]
        body(&object)
        self[key] = .object(object)
    }

    /// Appends a link, creating `links` when absent.
    mutating func appendLink(_ link: LinkFields) {
        if links == nil { links = [link] } else { links!.append(link) }
    }

    /// Sets `href` of the last link, adding an empty link first when there is none.
    mutating func setLastLinkHref(_ href: String) {
        if links == nil || links!.isEmpty {
            links = [LinkFields()]
        }
        links![links!.count - 1].href = href
    }

    /// Sets `key` of the last person in `authors`, adding an empty one first when there is none.
    mutating func setLastAuthor(_ key: String, _ value: String) {
        if authors == nil || authors!.isEmpty {
            authors = [PersonFields()]
        }
        authors![authors!.count - 1][key] = value
    }

    /// Fills the last person of a non-empty `authors` list with the parts of `person` that are there.
    mutating func mergeIntoLastAuthor(_ person: PersonFields) {
        guard authors?.isEmpty == false else { return }
        if let name = person.name { authors![authors!.count - 1].name = name }
        if let email = person.email { authors![authors!.count - 1].email = email }
        if let href = person.href { authors![authors!.count - 1].href = href }
    }

    /// Adds a tag unless an equal one is there (feedparser's `_addTag`).
    mutating func addTag(term: String?, scheme: String?, label: String?) {
        var list = tags ?? []
        defer { tags = list }
        if term == nil && scheme == nil && label == nil { return }
        let tag = TagFields(term: term, scheme: scheme, label: label)
        if !list.contains(tag) { list.append(tag) }
    }

    /// The keys stored typed.
    private static let typedKeys = ["id", "title", "link", "summary", "author", "published", "updated", "links", "content",
                                    "tags", "authors"]

    /// Everything as one feedparser dictionary.
    var dictionary: FeedDictionary { untyped(except: []) }

    /// The dictionary view without the keys in `typed` (the record's own fields): what goes to extras.
    func untyped(except typed: Set<String>) -> FeedDictionary {
        var result = other
        for key in Self.typedKeys where !typed.contains(key) {
            if let value = self[key] { result[key] = value }
        }
        return result
    }

    // MARK: From the dictionary view

    private static func objects(_ value: JSONValue) -> [FeedDictionary] {
        (value.arrayValue ?? []).map { $0.objectValue ?? [:] }
    }

    private static func link(_ object: FeedDictionary) -> LinkFields {
        var link = LinkFields(rel: object.string("rel"), href: object.string("href"), type: object.string("type"),
                              title: object.string("title"))
        link.length = object.string("length")
        link.hreflang = object.string("hreflang")
        return link
    }

    private static func content(_ object: FeedDictionary) -> FeedContent {
        var content = FeedContent(type: object.string("type"), language: object.string("language"),
                                  value: object.string("value") ?? "")
        content.base = object.string("base")
        content.src = object.string("src")
        return content
    }

    private static func tag(_ object: FeedDictionary) -> TagFields {
        TagFields(term: object.string("term"), scheme: object.string("scheme"), label: object.string("label"))
    }

    private static func person(_ object: FeedDictionary) -> PersonFields {
        PersonFields(name: object.string("name"), email: object.string("email"), href: object.string("href"))
    }
}
