/// Turns the SAX events of an RSS, RDF or Atom document into feedparser-shaped dictionaries.
///
/// A port of the Universal Feed Parser's element rules (element stack, content parameters,
/// `xml:base`/`xml:lang` tracking, author/contributor details, node precedence), so its test
/// corpus applies. It never sees C types: ``XMLPushParser`` feeds it Swift values.
///
/// Its state is marked `@exclusivity(unchecked)`: one parser drives it from one thread, and the
/// run-time exclusivity checks on every property access cost about an eighth of the parse time.
final class FeedBuilder {
    private struct Frame {
        var element: String
        var expectingText: Bool
        /// False for frames whose text nobody reads (an entry's own text between its children).
        var collectsText = true
        var pieces: [String] = []
        var buffer: [UInt8] = []

        mutating func flush() {
            guard !buffer.isEmpty else { return }
            pieces.append(String(decoding: buffer, as: UTF8.self))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private enum ContextKind { case source, image, textinput, entry, feed }

    @exclusivity(unchecked) private(set) var version = ""
    @exclusivity(unchecked) private(set) var feed = FeedFields()
    @exclusivity(unchecked) private(set) var entries: [FeedFields] = []
    /// The first element name of the document, for sniffing.
    @exclusivity(unchecked) private(set) var rootElement: String?
    @exclusivity(unchecked) var doctypeMentionsNetscape = false
    /// When set, each finished entry is handed over and not kept.
    @exclusivity(unchecked) var onEntry: ((FeedFields) -> Void)?
    /// How many entries went to `onEntry`.
    @exclusivity(unchecked) private(set) var entriesHandedOut = 0

    @exclusivity(unchecked) private var stack: [Frame] = []
    /// Emptied text buffers kept for the next elements, so reading text does not allocate.
    @exclusivity(unchecked) private var spareBuffers: [[UInt8]] = []
    @exclusivity(unchecked) private var sourceData = FeedFields()
    /// The depth at which each entry field was set (feedparser's node precedence); a handful per entry.
    @exclusivity(unchecked) private var entryDepths: [(key: String, depth: Int)] = []
    /// How many of `entryDepths` belong to the current entry (the slots are reused entry after entry).
    @exclusivity(unchecked) private var entryDepthCount = 0
    @exclusivity(unchecked) private var inFeed = false, inEntry = false, inSource = false, inImage = false, inTextInput = false
    @exclusivity(unchecked) private var inAuthor = false, inContributor = false, inPublisher = false
    @exclusivity(unchecked) private var guidIsLink = false
    @exclusivity(unchecked) private var hasContent = false
    @exclusivity(unchecked) private var summaryKey: String?
    @exclusivity(unchecked) private var titleDepth = -1
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var inContent = 0
    /// Elements serialized as markup inside XHTML content that are still open.
    @exclusivity(unchecked) private var inlineDepth = 0
    /// The depth of the element whose content is being read, so unclosed inline markup
    /// (recovered documents) never swallows the rest of the document.
    @exclusivity(unchecked) private var contentDepth = 0
    /// The parameters of the text construct being read (feedparser's `contentparams`).
    private struct ContentParams {
        var type: String?
        var language: String?
        var base: String?
        var src: String?
        var isXHTML = false

        mutating func setType(_ value: String) {
            type = value
            isXHTML = value == "application/xhtml+xml"
        }

        /// The content block with `value`.
        func record(value: String) -> FeedContent {
            var content = FeedContent(type: type, language: language, value: value)
            if let base, !base.isEmpty { content.base = base }
            content.src = src
            return content
        }
    }
    @exclusivity(unchecked) private var contentParams = ContentParams()
    @exclusivity(unchecked) private var contentIsBase64 = false
    @exclusivity(unchecked) private var lang: String?
    @exclusivity(unchecked) private var baseURI: String
    /// The `xml:base` and `xml:lang` in effect after each open element's start, recorded only for
    /// elements where they differ from the record below (most elements change neither); an
    /// element's parent's values are those of the nearest record under it.
    @exclusivity(unchecked) private var scopes: [(depth: Int, base: String, lang: String?)] = []

    /// Whether `*_detail` objects (only read back as extras) are built.
    private let includeDetails: Bool

    init(documentURL: String?, includeDetails: Bool = true) {
        baseURI = documentURL ?? ""
        self.includeDetails = includeDetails
    }

    // MARK: Namespaces

    private static let knownNamespaces: [String: String] = [
        "http://backend.userland.com/rss": "", "http://blogs.law.harvard.edu/tech/rss": "",
        "http://purl.org/rss/1.0/": "", "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://example.com/newformat#": "", "http://example.com/necho": "", "http://purl.org/echo/": "",
        "uri/of/echo/namespace#": "", "http://purl.org/pie/": "", "http://purl.org/atom/ns#": "",
        "http://www.w3.org/2005/atom": "", "http://purl.org/rss/1.0/modules/rss091#": "",
        "http://webns.net/mvcb/": "admin", "http://purl.org/rss/1.0/modules/aggregation/": "ag",
        "http://purl.org/rss/1.0/modules/annotate/": "annotate", "http://media.tangent.org/rss/1.0/": "audio",
        "http://backend.userland.com/blogchannelmodule": "blogchannel", "http://creativecommons.org/ns#license": "cc",
        "http://web.resource.org/cc/": "cc", "http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html": "creativecommons",
        "http://backend.userland.com/creativecommonsrssmodule": "creativecommons",
        "http://purl.org/rss/1.0/modules/company": "co", "http://purl.org/rss/1.0/modules/content/": "content",
        "http://my.theinfo.org/changed/1.0/rss/": "cp", "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms", "http://purl.org/rss/1.0/modules/email/": "email",
        "http://purl.org/rss/1.0/modules/event/": "ev", "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
        "http://freshmeat.net/rss/fm/": "fm", "http://xmlns.com/foaf/0.1/": "foaf",
        "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo", "http://www.georss.org/georss": "georss",
        "http://www.opengis.net/gml": "gml", "http://postneo.com/icbm/": "icbm",
        "http://purl.org/rss/1.0/modules/image/": "image", "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://example.com/dtds/podcast-1.0.dtd": "itunes", "http://purl.org/rss/1.0/modules/link/": "l",
        "http://search.yahoo.com/mrss": "media", "http://search.yahoo.com/mrss/": "media",
        "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
        "http://prismstandard.org/namespaces/1.2/basic/": "prism", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
        "http://www.w3.org/2000/01/rdf-schema#": "rdfs", "http://purl.org/rss/1.0/modules/reference/": "ref",
        "http://purl.org/rss/1.0/modules/richequiv/": "reqv", "http://purl.org/rss/1.0/modules/search/": "search",
        "http://purl.org/rss/1.0/modules/slash/": "slash", "http://schemas.xmlsoap.org/soap/envelope/": "soap",
        "http://purl.org/rss/1.0/modules/servicestatus/": "ss", "http://hacks.benhammersley.com/rss/streaming/": "str",
        "http://purl.org/rss/1.0/modules/subscription/": "sub", "http://purl.org/rss/1.0/modules/syndication/": "sy",
        "http://schemas.pocketsoap.com/rss/mydescmodule/": "szf", "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
        "http://purl.org/rss/1.0/modules/threading/": "thr", "http://purl.org/rss/1.0/modules/textinput/": "ti",
        "http://madskills.com/public/xml/rss/module/trackback/": "trackback", "http://wellformedweb.org/commentapi/": "wfw",
        "http://purl.org/rss/1.0/modules/wiki/": "wiki", "http://www.w3.org/1999/xhtml": "xhtml",
        "http://www.w3.org/1999/xlink": "xlink", "http://www.w3.org/xml/1998/namespace": "xml",
        "http://podlove.org/simple-chapters": "psc",
    ]

    private var prefixCache: [String: String] = [:]

    /// The canonical prefix for a namespace URI ("" for the feed formats' own namespaces).
    func canonicalPrefix(uri: String?, documentPrefix: String?) -> String {
        guard let uri, !uri.isEmpty else { return "" }
        if let cached = prefixCache[uri] { return cached }
        var lowered = uri.lowercased()
        if lowered.contains("backend.userland.com/rss") { lowered = "http://backend.userland.com/rss" }
        let prefix = Self.knownNamespaces[lowered] ?? (documentPrefix ?? "").lowercased()
        prefixCache[uri] = prefix
        return prefix
    }

    /// Notes a namespace declaration; the first feed namespace seen fixes the version.
    func declareNamespace(uri: String) {
        guard version.isEmpty else { return }
        switch uri.lowercased() {
        case "http://my.netscape.com/rdf/simple/0.9/": version = "rss090"
        case "http://purl.org/rss/1.0/": version = "rss10"
        case "http://www.w3.org/2005/atom": version = "atom10"
        default: break
        }
    }

    // MARK: SAX events

    /// An element starts. `prefix` is canonical ("" for feed elements), `local` lower-cased,
    /// attributes keyed `prefix:local` lower-cased, in document order.
    func startElement(prefix: String, local: String, attributes: [(String, String)]) {
        startElement(ElementName(prefix: prefix, local: local), attributes: attributes)
    }

    /// An element starts, its name already resolved (``XMLPushParser`` caches names per element).
    func startElement(_ name: ElementName, attributes: [(String, String)]) {
        let prefix = name.prefix, local = name.local
        if rootElement == nil { rootElement = prefix.isEmpty ? local : prefix + ":" + local }
        depth += 1
        var attrs = AttributeList()
        for (key, value) in attributes {
            attrs[key] = (key == "rel" || key == "type") ? value.lowercased() : value
        }
        // xml:base and xml:lang (most elements have no attributes: skip the lookups)
        if !attrs.isEmpty, let base = attrs["xml:base"] ?? attrs["base"], !base.isEmpty {
            let resolved = URIResolver.resolve(URIResolver.collapsingSchemeSlashes(base), against: baseURI)
            if URIResolver.isAcceptable(resolved) { baseURI = resolved }
        }
        let declaredLang = attrs.isEmpty ? nil : attrs["xml:lang"] ?? attrs["lang"]
        var newLang = declaredLang
        if newLang == "" {
            newLang = nil
        } else if newLang == nil {
            newLang = lang
        }
        if let newLang, declaredLang != nil, local == "feed" || local == "rss", prefix.isEmpty {
            feed["language"] = .string(newLang.replacingAll("_", with: "-"))
        }
        lang = newLang
        if let top = scopes.last, top.base == baseURI, top.lang == newLang {
            // same scope as the element's parent: nothing to record
        } else {
            scopes.append((depth, baseURI, newLang))
        }

        // A new entry inside content means libxml2 recovered unclosed markup by nesting the rest of
        // the document in it: close the content and the current entry first.
        if inContent > 0 && inEntry && prefix.isEmpty && (local == "entry" || local == "item") {
            recoverFromUnclosedContent()
        }

        // Markup inside content is kept as (X)HTML text.
        if inContent > 0 && !(contentParams.type ?? "xml").endsWithBytes("xml") {
            if local == "div" && (prefix.isEmpty || prefix == "xhtml") { return }
            contentParams.setType("application/xhtml+xml")
        }
        if inContent > 0 && contentParams.isXHTML {
            var tag = "<" + local
            if (local == "svg" || local == "math") && attrs["xmlns"] == nil {
                attrs["xmlns"] = local == "svg" ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1998/Math/MathML"
            }
            inlineDepth += 1
            for (key, value) in attrs.pairs {
                tag += " " + key + "=\"" + FeedText.xmlEscape(value, quotes: true) + "\""
            }
            appendMarkup(tag + ">")
            return
        }

        // Elements without a prefix end an image or text input (ill-formed feeds leave them open).
        if inTextInput && prefix.isEmpty && !Self.isTextInputChild(local) { inTextInput = false }
        if inImage && prefix.isEmpty && !Self.isImageChild(local) { inImage = false }

        let key = name.key
        if !start(key, name.rule, attrs) {
            if attrs.isEmpty {
                push(key, expectingText: true)
            } else {
                withContext { $0[key] = attrs.object }
            }
        }
    }

    /// An element ends.
    func endElement(prefix: String, local: String) {
        endElement(ElementName(prefix: prefix, local: local))
    }

    /// An element ends, its name already resolved.
    func endElement(_ name: ElementName) {
        let prefix = name.prefix, local = name.local, key = name.key
        if inlineDepth > 0 && depth > contentDepth {
            inlineDepth -= 1
            appendMarkup("</" + local + ">")
            popScopes()
            return
        }
        if !end(key, name.rule) { _ = pop(key) }
        var skipMarkup = false
        if inContent > 0 && !(contentParams.type ?? "xml").endsWithBytes("xml") {
            if local == "div" && (prefix.isEmpty || prefix == "xhtml") {
                skipMarkup = true
            } else {
                contentParams.setType("application/xhtml+xml")
            }
        }
        if !skipMarkup && inContent > 0 && contentParams.isXHTML {
            appendMarkup("</" + local + ">")
        }
        popScopes()
    }

    private func recoverFromUnclosedContent() {
        inlineDepth = 0
        while let top = stack.last, top.element != "item" {
            if inContent > 0 {
                if top.element == "content" { endContent() } else { popContent(top.element) }
            } else {
                stack.removeLast()
            }
        }
        _ = end("item", .item)
    }

    private func popScopes() {
        if let top = scopes.last, top.depth == depth { scopes.removeLast() }
        if let parent = scopes.last {
            if !parent.base.isEmpty { baseURI = parent.base }
            lang = parent.lang
        }
        depth -= 1
    }

    /// Text (or CDATA) inside the current element.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty, stack[stack.count - 1].collectsText else { return }
        if inContent > 0 && contentParams.isXHTML {
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): stack[stack.count - 1].buffer.append(contentsOf: Array("&lt;".utf8))
                case UInt8(ascii: ">"): stack[stack.count - 1].buffer.append(contentsOf: Array("&gt;".utf8))
                case UInt8(ascii: "&"): stack[stack.count - 1].buffer.append(contentsOf: Array("&amp;".utf8))
                default: stack[stack.count - 1].buffer.append(byte)
                }
            }
        } else {
            stack[stack.count - 1].buffer.append(contentsOf: bytes)
        }
    }

    private func appendMarkup(_ markup: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].flush()
        stack[stack.count - 1].pieces.append(markup)
    }

    // MARK: Element stack

    private func push(_ element: String, expectingText: Bool) {
        var frame = Frame(element: element, expectingText: expectingText)
        if let spare = spareBuffers.popLast() { frame.buffer = spare }
        stack.append(frame)
    }

    private func pushContent(_ element: String, _ attrs: AttributeList, defaultType: String, expectingText: Bool) {
        inContent += 1
        contentDepth = depth
        if let current = lang { lang = current.replacingAll("_", with: "-") }
        let type = FeedText.mapContentType(attrs.isEmpty ? defaultType : attrs["type"] ?? defaultType)
        contentParams = ContentParams(language: lang, base: baseURI)
        contentParams.setType(type)
        if !attrs.isEmpty && attrs["mode"] == "base64" {
            contentIsBase64 = true
        } else if type.startsWithBytes("text/") || type.endsWithBytes("+xml") || type.endsWithBytes("/xml") {
            contentIsBase64 = false
        } else {
            contentIsBase64 = true
        }
        push(element, expectingText: expectingText)
    }

    @discardableResult
    private func popContent(_ element: String) -> String? {
        let value = pop(element)
        inContent = max(0, inContent - 1)
        inlineDepth = 0
        contentParams = ContentParams()
        contentIsBase64 = false
        return value
    }

    private func currentContext() -> ContextKind {
        if inSource { return .source }
        if inImage && feed.has("image") { return .image }
        if inTextInput { return .textinput }
        if inEntry && !entries.isEmpty { return .entry }
        return .feed
    }

    private func withContext<R>(_ body: (inout FeedFields) -> R) -> R {
        switch currentContext() {
        case .source: return body(&sourceData)
        case .image: return withFeedObject("image", body)
        case .textinput: return withFeedObject("textinput", body)
        case .entry: return body(&entries[entries.count - 1])
        case .feed: return body(&feed)
        }
    }

    /// Runs `body` on the feed's `image` or `textinput` object.
    private func withFeedObject<R>(_ key: String, _ body: (inout FeedFields) -> R) -> R {
        var fields = FeedFields()
        for (name, value) in feed[key]?.objectValue ?? [:] { fields[name] = value }
        let result = body(&fields)
        feed[key] = .object(fields.dictionary)
        return result
    }

    private func save(_ key: String, _ value: JSONValue, overwrite: Bool = false) {
        withContext { context in
            if overwrite || !context.has(key) { context[key] = value }
        }
    }

    /// Pops `element` when it is on top and stores its text where feedparser would.
    @discardableResult
    private func pop(_ element: String, stripWhitespace: Bool = true) -> String? {
        guard let top = stack.last, top.element == element else { return nil }
        var frame = stack.removeLast()
        var output: String
        if frame.pieces.isEmpty {
            // Plain text, the common case: no markup pieces to join or unwrap; trimmed as bytes.
            output = stripWhitespace ? Self.trimmedText(frame.buffer) : String(decoding: frame.buffer, as: UTF8.self)
            // The text buffer's capacity is reused by the next element.
            if spareBuffers.count < 16 && frame.buffer.capacity > 0 {
                frame.buffer.removeAll(keepingCapacity: true)
                spareBuffers.append(frame.buffer)
            }
        } else {
            frame.flush()
            output = joinedPieces(frame.pieces)
            if stripWhitespace { output = output.trimmingWhitespace() }
        }
        return store(output, element: element, expectingText: frame.expectingText)
    }

    /// UTF-8 bytes as a string without leading and trailing XML whitespace (space, tab, CR, LF).
    private static func trimmedText(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0.trimmingXMLSpace(), as: UTF8.self) }
    }

    /// The text of an element read as XHTML pieces; Atom 1.0's wrapping `<div>` is removed.
    private func joinedPieces(_ input: [String]) -> String {
        var pieces = input
        if version == "atom10" && contentParams.isXHTML {
            while pieces.count > 1, pieces.last!.trimmingWhitespace().isEmpty { pieces.removeLast() }
            while pieces.count > 1, pieces.first!.trimmingWhitespace().isEmpty { pieces.removeFirst() }
            if let first = pieces.first, first == "<div>" || first.hasPrefix("<div "), pieces.last == "</div>" {
                var depth = 0
                var closedEarly = false
                for piece in pieces.dropLast() {
                    if piece.hasPrefix("</") {
                        depth -= 1
                        if depth == 0 { closedEarly = true; break }
                    } else if piece.hasPrefix("<") && !piece.hasSuffix("/>") {
                        depth += 1
                    }
                }
                if !closedEarly { pieces = Array(pieces.dropFirst().dropLast()) }
            }
        }
        return pieces.count == 1 ? pieces[0] : pieces.joined()
    }

    /// Stores an element's text where feedparser would (node precedence, details, links).
    private func store(_ text: String, element: String, expectingText: Bool) -> String {
        var output = text
        guard expectingText else { return output }

        if contentIsBase64, let decoded = Base64.decode(output) { output = decoded }
        if Self.canBeRelativeURI(element) && !output.isEmpty && (element != "id" || guidIsLink) {
            output = URIResolver.resolve(output, against: baseURI)
        }
        // One scan decides which of the text rules below can change anything: without `<` or `&`
        // neither the HTML sniffing nor the rewriting applies, without U+0080–U+009F no mapping.
        let traits = FeedText.Traits(output)
        if traits.hasMarkup && !version.startsWithBytes("atom") && contentParams.type == "text/plain" && FeedText.looksLikeHTML(output) {
            contentParams.setType("text/html")
        }
        if traits.hasMarkup {
            let isHTMLish = contentParams.type.map { FeedText.isHTMLType(FeedText.mapContentType($0)) } ?? true
            if isHTMLish && Self.canContainRelativeURIs(element) {
                // Character references the rewriter decodes may be C1 controls: look again.
                output = FeedText.translateCP1252(HTMLRewriter.normalize(output, base: baseURI))
            } else if traits.hasC1 {
                output = FeedText.translateCP1252(output)
            }
        } else if traits.hasC1 {
            output = FeedText.translateCP1252(output)
        }

        if Self.isTagText(element) { return output }
        if element == "title" && titleDepth > -1 && titleDepth <= depth { return output }

        if inEntry && !inSource && !entries.isEmpty {
            let last = entries.count - 1
            if element == "content" {
                let block = contentParams.record(value: output)
                if entries[last].content == nil { entries[last].content = [block] } else { entries[last].content!.append(block) }
            } else if element == "link" {
                if !inImage {
                    output = FeedText.unmangleLink(output)
                    let rel = entries[last].links?.last?.rel
                    if rel == "alternate" || entries[last].link == nil { entries[last].link = output }
                    if !output.isEmpty { entries[last].setLastLinkHref(output) }
                }
            } else {
                let key = element == "description" ? "summary" : element
                if let index = entryDepths[..<entryDepthCount].firstIndex(where: { $0.key == key }) {
                    // a shallower element already set it (node precedence)
                    if depth <= entryDepths[index].depth {
                        entryDepths[index].depth = depth
                        entries[last].setText(key, output)
                    }
                } else {
                    if entryDepthCount < entryDepths.count {
                        entryDepths[entryDepthCount] = (key, depth)
                    } else {
                        entryDepths.append((key, depth))
                    }
                    entryDepthCount += 1
                    entries[last].setText(key, output)
                }
                if inContent > 0 && includeDetails {
                    entries[last][key + "_detail"] = contentParams.record(value: output).jsonObject()
                }
            }
        } else if inFeed || inSource {
            let key = element == "description" ? "subtitle" : element
            let params = contentParams
            withContext { context in
                if key == "link" {
                    let fixed = FeedText.unmangleLink(output)
                    context[key] = .string(fixed)
                    context.setLastLinkHref(fixed)
                } else {
                    context[key] = .string(output)
                    if inContent > 0 && includeDetails { context[key + "_detail"] = params.record(value: output).jsonObject() }
                }
            }
        }
        return output
    }

    // Small fixed vocabularies are matched with `switch` (string compares) rather than hashed.
    private static func isTextInputChild(_ local: String) -> Bool {
        switch local {
        case "title", "link", "description", "name": return true
        default: return false
        }
    }

    private static func isImageChild(_ local: String) -> Bool {
        switch local {
        case "title", "link", "description", "url", "href", "width", "height": return true
        default: return false
        }
    }

    // Element names are compared after a length check: most names differ in length, and a failed
    // String comparison costs far more than reading a small string's length.

    /// Elements whose text is a URI resolved against `xml:base`.
    static func canBeRelativeURI(_ element: String) -> Bool {
        switch element.utf8.count {
        case 2: return element == "id"
        case 3: return element == "url"
        case 4: return element == "link" || element == "docs" || element == "href" || element == "icon" || element == "logo"
        case 8: return element == "comments"
        case 11: return element == "wfw_comment"
        case 14: return element == "wfw_commentrss"
        default: return false
        }
    }

    /// Elements whose (X)HTML text may hold relative URIs.
    static func canContainRelativeURIs(_ element: String) -> Bool {
        switch element.utf8.count {
        case 4: return element == "info"
        case 5: return element == "title"
        case 6: return element == "rights"
        case 7: return element == "content" || element == "summary" || element == "tagline"
        case 8: return element == "subtitle"
        case 9: return element == "copyright"
        case 11: return element == "description"
        default: return false
        }
    }

    /// Elements whose text becomes tags, not a field.
    private static func isTagText(_ element: String) -> Bool {
        switch element.utf8.count {
        case 4: return element == "tags"
        case 8: return element == "category"
        case 15: return element == "itunes_keywords"
        default: return false
        }
    }

    // MARK: Element rules

    /// Elements with their own rules (feedparser's `_start_…`/`_end_…` methods), looked up once
    /// per event instead of comparing strings.
    enum ElementKey: CaseIterable {
        case rss, channel, feed, image, textinput, item, entry, author, managingeditor, dc_author, dc_creator,
             itunes_author, itunes_owner, contributor, dc_contributor, name, itunes_name, url, homepage, uri,
             email, itunes_email, width, height, subtitle, tagline, itunes_subtitle, rights, copyright,
             dc_rights, language, dc_language, webmaster, dc_publisher, published, dcterms_issued, issued,
             pubdate, updated, modified, dcterms_modified, dc_date, lastbuilddate, created, dcterms_created,
             expirationdate, category, dc_subject, keywords, media_category, itunes_category, cloud, link,
             producturl, guid, id, title, dc_title, media_title, description, dc_description, media_description,
             abstract, info, feedburner_browserfriendly, generator, summary, itunes_summary, enclosure, source,
             content, body, xhtml_body, content_encoded, fullitem, itunes_image, itunes_block, itunes_explicit,
             itunes_keywords, itunes_link, dcterms_valid, creativecommons_license, cc_license, newlocation, tags
    }

    static let elementKeys: [String: ElementKey] = Dictionary(
        uniqueKeysWithValues: ElementKey.allCases.map { ("\($0)", $0) })

    /// Runs the start rule of `key`; false when there is none.
    private func start(_ key: String, _ rule: ElementKey?, _ attrs: AttributeList) -> Bool {
        guard let element = rule else { return false }
        switch element {
        case .rss:
            if !version.hasPrefix("rss") {
                switch attrs["version"] ?? "" {
                case "0.91": version = doctypeMentionsNetscape ? "rss091n" : "rss091u"
                case "0.92": version = "rss092"
                case "0.93": version = "rss093"
                case "0.94": version = "rss094"
                case let other where other.hasPrefix("2."): version = "rss20"
                default: version = "rss"
                }
            }
        case .channel:
            inFeed = true
            cdfCommon(attrs)
        case .feed:
            inFeed = true
            if version.isEmpty {
                switch attrs["version"] {
                case "0.1": version = "atom01"
                case "0.2": version = "atom02"
                case "0.3": version = "atom03"
                default: version = "atom"
                }
            }
        case .image:
            if !inEntry { feed.updateObject("image") { _ in } }
            inImage = true
            titleDepth = -1
            push("image", expectingText: false)
        case .textinput:
            feed.updateObject("textinput") { _ in }
            inTextInput = true
            titleDepth = -1
            push("textinput", expectingText: false)
        case .item, .entry:
            entries.append(FeedFields(keepsOther: includeDetails))
            entryDepthCount = 0
            push("item", expectingText: false)
            stack[stack.count - 1].collectsText = false
            inEntry = true
            guidIsLink = false
            titleDepth = -1
            if let about = attrs["rdf:about"] { withContext { $0["id"] = .string(about) } }
            cdfCommon(attrs)
        case .author, .managingeditor, .dc_author, .dc_creator, .itunes_author:
            inAuthor = true
            push("author", expectingText: true)
            withContext { context in
                if context.authors == nil { context.authors = [PersonFields()] } else { context.authors!.append(PersonFields()) }
            }
        case .itunes_owner:
            inPublisher = true
            push("publisher", expectingText: false)
        case .contributor:
            inContributor = true
            withContext { $0.append(.object([:]), toArray: "contributors") }
            push("contributor", expectingText: false)
        case .dc_contributor:
            inContributor = true
            withContext { $0.append(.object([:]), toArray: "contributors") }
            push("name", expectingText: false)
        case .name, .itunes_name: push("name", expectingText: false)
        case .url, .homepage, .uri: push("href", expectingText: true)
        case .email, .itunes_email: push("email", expectingText: false)
        case .width, .height: push(key, expectingText: false)
        case .subtitle, .tagline, .itunes_subtitle:
            pushContent("subtitle", attrs, defaultType: "text/plain", expectingText: true)
        case .rights, .copyright, .dc_rights:
            pushContent("rights", attrs, defaultType: "text/plain", expectingText: true)
        case .language, .dc_language: push("language", expectingText: true)
        case .webmaster, .dc_publisher: push("publisher", expectingText: true)
        case .published, .dcterms_issued, .issued, .pubdate: push("published", expectingText: true)
        case .updated, .modified, .dcterms_modified, .dc_date, .lastbuilddate: push("updated", expectingText: true)
        case .created, .dcterms_created: push("created", expectingText: true)
        case .expirationdate: push("expired", expectingText: true)
        case .category, .dc_subject, .keywords, .media_category:
            var scheme = attrs["scheme"] ?? attrs["domain"]
            if key == "media_category" && scheme == nil { scheme = "http://search.yahoo.com/mrss/category_schema" }
            addTag(term: attrs["term"], scheme: scheme, label: attrs["label"])
            push("category", expectingText: true)
        case .itunes_category:
            addTag(term: attrs["text"], scheme: "http://www.itunes.com/", label: nil)
            push("category", expectingText: true)
        case .cloud:
            withContext { $0["cloud"] = attrs.object }
        case .link, .producturl:
            startLink(attrs)
        case .guid, .id:
            guidIsLink = (attrs["ispermalink"] ?? "true") == "true"
            push("id", expectingText: true)
        case .title, .dc_title, .media_title:
            pushContent("title", attrs, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case .description, .dc_description, .media_description:
            let hasSummary = withContext { $0.summary != nil }
            if hasSummary && !hasContent {
                summaryKey = "content"
                startContent(attrs, defaultType: "text/plain")
            } else {
                pushContent("description", attrs, defaultType: "text/html", expectingText: inFeed || inEntry || inSource)
            }
        case .abstract:
            pushContent("description", attrs, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case .info, .feedburner_browserfriendly:
            pushContent("info", attrs, defaultType: "text/plain", expectingText: true)
        case .generator:
            var detail = enforceHref(attrs)
            if let href = detail["href"] { detail["href"] = URIResolver.resolve(href, against: baseURI) }
            withContext { $0["generator_detail"] = detail.object }
            push("generator", expectingText: true)
        case .summary, .itunes_summary:
            let hasSummary = withContext { $0.summary != nil }
            if hasSummary && !hasContent {
                summaryKey = "content"
                startContent(attrs, defaultType: "text/plain")
            } else {
                summaryKey = "summary"
                pushContent("summary", attrs, defaultType: "text/plain", expectingText: true)
            }
        case .enclosure:
            var link = enforceHref(attrs)
            link["rel"] = "enclosure"
            if let href = link["href"] { link["href"] = URIResolver.resolve(href, against: baseURI) }
            withContext { context in
                if context.links == nil { context.links = [LinkFields(link)] } else { context.links!.append(LinkFields(link)) }
            }
        case .source:
            if let url = attrs["url"] { sourceData["href"] = .string(url) }
            push("source", expectingText: true)
            inSource = true
            titleDepth = -1
        case .content:
            startContent(attrs, defaultType: "text/plain")
        case .body, .xhtml_body:
            pushContent("content", attrs, defaultType: "application/xhtml+xml", expectingText: true)
        case .content_encoded, .fullitem:
            hasContent = true
            pushContent("content", attrs, defaultType: "text/html", expectingText: true)
        case .itunes_image:
            push("itunes_image", expectingText: false)
            if let href = attrs["href"] ?? attrs["url"] {
                withContext { $0["image"] = .object(["href": .string(href)]) }
            }
        case .itunes_block, .itunes_explicit:
            push(key, expectingText: false)
        case .itunes_link:
            guard attrs["rel"] == "image", let href = attrs["href"] else { return false }
            withContext { $0["image"] = .object(["href": .string(href)]) }
        case .dcterms_valid: push("validity", expectingText: true)
        case .creativecommons_license: push("license", expectingText: true)
        case .cc_license:
            if let resource = attrs["rdf:resource"] {
                withContext { $0.appendLink(LinkFields(rel: "license", href: resource)) }
            }
        case .newlocation, .tags: push(key, expectingText: true)
        default:
            return false
        }
        return true
    }

    /// Runs the end rule of `key`; false when there is none.
    private func end(_ key: String, _ rule: ElementKey?) -> Bool {
        guard let element = rule else { return false }
        switch element {
        case .rss, .feed, .channel:
            if key != "rss" { inFeed = false }
            if key == "rss" { return false }
        case .image:
            pop("image")
            inImage = false
        case .textinput:
            pop("textinput")
            inTextInput = false
        case .item, .entry:
            pop("item")
            inEntry = false
            hasContent = false
            if let onEntry, !entries.isEmpty {
                onEntry(entries.removeLast())
                entriesHandedOut += 1
            }
        case .author, .managingeditor, .dc_author, .dc_creator, .itunes_author:
            pop("author")
            inAuthor = false
            syncAuthorDetail("author")
        case .itunes_owner:
            pop("publisher")
            inPublisher = false
            syncAuthorDetail("publisher")
        case .contributor:
            pop("contributor")
            inContributor = false
        case .dc_contributor:
            endName()
            inContributor = false
        case .name, .itunes_name: endName()
        case .url, .homepage, .uri:
            let value = pop("href")
            if inAuthor {
                saveAuthor("href", value)
            } else if inContributor {
                saveContributor("href", value)
            }
        case .email, .itunes_email:
            let value = pop("email")
            if inPublisher {
                saveAuthor("email", value, prefix: "publisher")
            } else if inAuthor {
                saveAuthor("email", value)
            } else if inContributor {
                saveContributor("email", value)
            }
        case .width, .height:
            let value = pop(key).flatMap { Int($0) } ?? 0
            if inImage { withContext { $0[key] = .number(Double(value)) } }
        case .subtitle, .tagline, .itunes_subtitle: popContent("subtitle")
        case .rights, .copyright, .dc_rights: popContent("rights")
        case .language, .dc_language:
            lang = pop("language")
        case .webmaster, .dc_publisher:
            pop("publisher")
            syncAuthorDetail("publisher")
        case .published, .dcterms_issued, .issued, .pubdate: pop("published")
        case .updated, .modified, .dcterms_modified, .dc_date, .lastbuilddate: pop("updated")
        case .created, .dcterms_created: pop("created")
        case .expirationdate: pop("expired")
        case .category, .dc_subject, .keywords, .media_category, .itunes_category:
            guard let value = pop("category"), !value.isEmpty else { return true }
            withContext { context in
                if let last = context.tags?.last, last.term == nil || last.term == "" {
                    context.tags![context.tags!.count - 1].term = value
                    return
                }
                context.addTag(term: value, scheme: nil, label: nil)
            }
        case .itunes_keywords:
            for term in (pop("itunes_keywords") ?? "").split(separator: ",") {
                let trimmed = String(term).trimmingWhitespace()
                if !trimmed.isEmpty { addTag(term: trimmed, scheme: "http://www.itunes.com/", label: nil) }
            }
        case .link, .producturl: pop("link")
        case .guid, .id:
            let value = pop("id")
            let hasLink = withContext { $0.link != nil }
            // `guidislink` only reaches extras: entries without extras do not keep it.
            if includeDetails || !inEntry { save("guidislink", .bool(guidIsLink && !hasLink)) }
            if guidIsLink, let value { save("link", .string(value)) }
        case .title, .dc_title:
            guard let value = popContent("title"), !value.isEmpty else { return true }
            titleDepth = depth
        case .media_title:
            let saved = titleDepth
            if let value = popContent("title"), !value.isEmpty { titleDepth = depth }
            titleDepth = saved
        case .description, .dc_description, .media_description, .abstract:
            if summaryKey == "content" {
                endContent()
            } else {
                popContent("description")
            }
            summaryKey = nil
        case .info, .feedburner_browserfriendly: popContent("info")
        case .generator:
            let value = pop("generator")
            withContext { context in
                if context.has("generator_detail"), let value {
                    context.updateObject("generator_detail") { $0["name"] = .string(value) }
                }
            }
        case .summary, .itunes_summary:
            if summaryKey == "content" {
                endContent()
            } else {
                popContent(summaryKey ?? "summary")
            }
            summaryKey = nil
        case .source:
            inSource = false
            if let value = pop("source"), !value.isEmpty { sourceData["title"] = .string(value) }
            let source = sourceData.dictionary
            withContext { $0["source"] = .object(source) }
            sourceData = FeedFields()
        case .content, .body, .xhtml_body, .content_encoded, .fullitem:
            endContent()
        case .itunes_image: pop("itunes_image")
        case .itunes_block:
            let value = pop("itunes_block", stripWhitespace: false)
            withContext { $0["itunes_block"] = .number(value == "yes" || value == "Yes" ? 1 : 0) }
        case .itunes_explicit:
            let value = pop("itunes_explicit", stripWhitespace: false)
            let answer = (value ?? "").trimmingWhitespace().lowercased()
            let explicit: JSONValue = ["yes", "true", "explicit"].contains(answer) ? .bool(true)
                : (["clean", "no", "false"].contains(answer) ? .bool(false) : .null)
            withContext { $0["itunes_explicit"] = explicit }
        case .dcterms_valid:
            // "start=2002-10-13T09:00+01:00;end=2002-10-17T17:00+01:00;scheme=W3C-DTF"
            for part in (pop("validity") ?? "").split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
                guard pair.count == 2, pair[0] == "start" || pair[0] == "end" else { continue }
                save("validity_" + pair[0], .string(pair[1]), overwrite: true)
            }
        case .creativecommons_license:
            guard let value = pop("license") else { return true }
            withContext { context in
                context["license"] = nil
                context.appendLink(LinkFields(rel: "license", href: value))
            }
        case .newlocation:
            guard let value = pop("newlocation"), currentContext() == .feed else { return true }
            feed["newlocation"] = .string(URIResolver.resolve(value, against: baseURI))
        case .tags:
            for term in (pop("tags") ?? "").split(separator: ",") {
                let trimmed = String(term).trimmingWhitespace()
                if !trimmed.isEmpty { addTag(term: trimmed, scheme: nil, label: nil) }
            }
        default:
            return false
        }
        return true
    }

    private func startContent(_ attrs: AttributeList, defaultType: String) {
        hasContent = true
        pushContent("content", attrs, defaultType: defaultType, expectingText: true)
        if let src = attrs["src"] { contentParams.src = URIResolver.resolve(src, against: baseURI) }
    }

    private func endContent() {
        let type = FeedText.mapContentType(contentParams.type)
        let copyToSummary = type == "text/plain" || FeedText.isHTMLType(type)
        let value = popContent("content")
        if copyToSummary, let value { save("summary", .string(value)) }
    }

    private func startLink(_ attrs: AttributeList) {
        var link = LinkFields(rel: "alternate", type: "text/html")
        if !attrs.isEmpty {
            link = LinkFields(attrs)
            if link.rel == nil { link.rel = "alternate" }
            if link.type == nil { link.type = link.rel == "self" ? "application/atom+xml" : "text/html" }
            link.href = Self.href(in: attrs).map { URIResolver.resolve($0, against: baseURI) }
        }
        let expectingText = inFeed || inEntry || inSource
        withContext { context in
            if context.links == nil { context.links = [] }
            if !(inEntry && inImage) { context.links!.append(link) }
            if let href = link.href, link.rel == "alternate", FeedText.isHTMLType(FeedText.mapContentType(link.type)) {
                context.link = href
            }
        }
        if link.href == nil { push("link", expectingText: expectingText) }
    }

    /// The address of a link-like element: `url`, `uri` or `href`, in feedparser's order.
    private static func href(in attrs: AttributeList) -> String? {
        attrs["url"] ?? attrs["uri"] ?? attrs["href"]
    }

    /// The attributes with the element's address under `href` only.
    private func enforceHref(_ input: AttributeList) -> AttributeList {
        var attrs = input
        if let href = Self.href(in: attrs) {
            attrs["url"] = nil
            attrs["uri"] = nil
            attrs["href"] = href
        }
        return attrs
    }

    private func cdfCommon(_ attrs: AttributeList) {
        if let lastmod = attrs["lastmod"] {
            push("updated", expectingText: true)
            stack[stack.count - 1].buffer = Array(lastmod.utf8)
            pop("updated")
        }
        if let href = attrs["href"] {
            startLink(AttributeList())
            stack[stack.count - 1].buffer = Array(href.utf8)
            pop("link")
        }
    }

    private func addTag(term: String?, scheme: String?, label: String?) {
        withContext { $0.addTag(term: term, scheme: scheme, label: label) }
    }

    // MARK: People

    private func endName() {
        let value = pop("name")
        if inPublisher {
            saveAuthor("name", value, prefix: "publisher")
        } else if inAuthor {
            saveAuthor("name", value)
        } else if inContributor {
            saveContributor("name", value)
        } else if inTextInput, let value {
            withContext { $0["name"] = .string(value) }
        }
    }

    private func saveAuthor(_ key: String, _ value: String?, prefix: String = "author") {
        guard let value else { return }
        withContext { context in
            if context.keepsOther { context.updateObject(prefix + "_detail") { $0[key] = .string(value) } }
        }
        syncAuthorDetail()
        withContext { $0.setLastAuthor(key, value) }
    }

    private func saveContributor(_ key: String, _ value: String?) {
        guard let value else { return }
        withContext { context in
            if context.keepsOther { context.updateLast(in: "contributors") { $0[key] = .string(value) } }
        }
    }

    private func syncAuthorDetail(_ key: String = "author") {
        withContext { context in
            // Only authors are kept as a list of people (nothing builds one for publishers).
            let isAuthor = key == "author"
            if isAuthor, let detail = context.authors?.last, !detail.isEmpty {
                let name = detail.name.flatMap { $0.isEmpty ? nil : $0 }
                let email = detail.email.flatMap { $0.isEmpty ? nil : $0 }
                if let name, let email {
                    context[key] = .string("\(name) (\(email))")
                } else if let name {
                    context[key] = .string(name)
                } else if let email {
                    context[key] = .string(email)
                }
                return
            }
            guard var author = context.string(key), !author.isEmpty else { return }
            var email: String?
            if let found = AuthorText.email(in: author) {
                email = found
                author = author.replacingAll(found, with: "").replacingAll("()", with: "").replacingAll("<>", with: "")
                    .replacingAll("&lt;&gt;", with: "").trimmingWhitespace()
                if author.hasPrefix("(") { author.removeFirst() }
                if author.hasSuffix(")") { author.removeLast() }
                author = author.trimmingWhitespace()
            }
            guard !author.isEmpty || email != nil else { return }
            // feedparser fills the last entry of `authors` and keeps the first `author_detail`.
            let parsed = PersonFields(name: author.isEmpty ? nil : author, email: email)
            if isAuthor { context.mergeIntoLastAuthor(parsed) }
            if context.keepsOther && !context.has(key + "_detail") { context[key + "_detail"] = parsed.json }
        }
    }
}
