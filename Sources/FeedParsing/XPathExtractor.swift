import CLibXML2

/// Items of XML open data and HTML list pages, picked with XPath 1.0 selectors (libxml2's XML and
/// HTML parsers and XPath). These documents are built as a tree, bounded by the fetcher's maximum
/// body size; external entities and DTDs are never loaded.
enum XPathExtractor {
    static func parse(_ bytes: [UInt8], kind: DocumentKind, selectors: XPathSelectors,
                      options: FeedParseOptions) throws(FeedParseError) -> ParsedFeed {
        XMLRuntime.prepare()
        guard bytes.contains(where: { $0 > 0x20 }) else {
            throw FeedParseError(code: "empty-document", message: "the document is empty")
        }
        var warnings: [String] = []
        var bozo: String?
        let encoding: String?
        let reported: String
        var start = 0
        if kind == .html {
            let http = options.contentType.flatMap(EncodingSniffer.charset(inContentType:))
            let (bom, bomLength) = EncodingSniffer.byteOrderMark(bytes)
            start = bomLength
            if let chosen = bom ?? http {
                encoding = chosen
            } else if let meta = metaCharset(bytes) {
                encoding = meta
            } else if EncodingSniffer.isValidUTF8(bytes) {
                encoding = "UTF-8"
            } else {
                encoding = options.defaultEncoding ?? "windows-1250"
            }
            reported = EncodingSniffer.normalize(encoding ?? "utf-8")
        } else {
            let decision = EncodingSniffer.decide(bytes, contentType: options.contentType, defaultEncoding: options.defaultEncoding)
            encoding = decision.name
            reported = decision.reported
            start = decision.bomLength
            warnings += decision.warnings
            bozo = decision.bozoMessage
        }
        // Own parser context: its error state is ours, not the thread's (tests parse in parallel).
        guard let parserContext = kind == .html ? htmlNewParserCtxt() : xmlNewParserCtxt() else {
            throw FeedParseError(code: "xml-error", message: "libxml2 could not create a parser")
        }
        defer { kind == .html ? htmlFreeParserCtxt(parserContext) : xmlFreeParserCtxt(parserContext) }
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let base = chars.baseAddress! + start
                let count = Int32(chars.count - start)
                if kind == .html {
                    let flags = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
                    return htmlCtxtReadMemory(parserContext, base, count, options.documentURL, encoding, Int32(flags))
                }
                let flags = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                    | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue
                return xmlCtxtReadMemory(parserContext, base, count, options.documentURL, encoding, Int32(flags))
            }
        }
        let lastError = parserContext.pointee.lastError
        let lastMessage = lastError.message.map { String(cString: $0).trimmingWhitespace() }
        guard let document else {
            throw FeedParseError(code: kind == .html ? "html-error" : "xml-error", message: lastMessage ?? "the document could not be parsed")
        }
        defer { xmlFreeDoc(document) }
        if kind == .xml, parserContext.pointee.wellFormed == 0 {
            bozo = bozo ?? (lastMessage.map { "\($0) (line \(lastError.line))" } ?? "the document is not well-formed")
        }
        guard let context = xmlXPathNewContext(document) else {
            throw FeedParseError(code: "xpath-error", message: "libxml2 could not create an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = { _, _ in }

        let items = try evaluate(selectors.items, in: context, field: "items")
        defer { xmlXPathFreeObject(items) }
        var entries: [FeedEntry] = []
        if let nodes = items.pointee.nodesetval, nodes.pointee.nodeNr > 0 {
            for index in 0..<Int(nodes.pointee.nodeNr) {
                guard let node = nodes.pointee.nodeTab[index] else { continue }
                context.pointee.node = node
                func field(_ expression: String?, _ name: String) throws(FeedParseError) -> String? {
                    guard let expression else { return nil }
                    return try stringValue(expression, in: context, field: name)
                }
                let title = try field(selectors.title, "title")
                let link = try field(selectors.link, "link").map { URIResolver.resolve($0, against: options.documentURL) }
                let published = try field(selectors.published, "published")
                let updated = try field(selectors.updated, "updated")
                var entry = FeedEntry(
                    id: try field(selectors.id, "id"), title: title, link: link,
                    links: link.map { [FeedLink(rel: "alternate", href: $0, type: "text/html")] } ?? [],
                    summary: try field(selectors.summary, "summary"),
                    published: published.flatMap(DateParser.parse), updated: updated.flatMap(DateParser.parse),
                    publishedRaw: published, updatedRaw: updated)
                entry.phaseRaw = try field(selectors.phase, "phase")
                entry.identifier = try field(selectors.identifier, "identifier")
                entry.inForce = try field(selectors.inForce, "in_force").flatMap(DateParser.parse)
                entries.append(entry)
            }
        } else {
            warnings.append("the items selector \(selectors.items) matched nothing")
        }
        var feed = FeedMetadata()
        if let link = options.documentURL { feed.link = link }
        if let titleNode = firstString("//title", in: context, document: document) { feed.title = titleNode }
        return ParsedFeed(kind: kind, version: "", encoding: reported, bozo: bozo != nil, bozoException: bozo,
                          feed: feed, entries: entries, warnings: warnings)
    }

    private static func evaluate(_ expression: String, in context: xmlXPathContextPtr, field: String) throws(FeedParseError) -> xmlXPathObjectPtr {
        guard let object = xmlXPathEvalExpression(expression, context) else {
            throw FeedParseError(code: "xpath-error", message: "the \(field) selector \(expression) is not a valid XPath 1.0 expression")
        }
        return object
    }

    /// The string value of the first node an expression selects (or of a string/number result);
    /// whitespace runs collapsed; nil when empty.
    private static func stringValue(_ expression: String, in context: xmlXPathContextPtr, field: String) throws(FeedParseError) -> String? {
        let node = context.pointee.node
        defer { context.pointee.node = node }
        let object = try evaluate(expression, in: context, field: field)
        defer { xmlXPathFreeObject(object) }
        var text: String?
        if object.pointee.type == XPATH_NODESET {
            if let nodes = object.pointee.nodesetval, nodes.pointee.nodeNr > 0, let first = nodes.pointee.nodeTab[0],
               let content = xmlNodeGetContent(first) {
                text = String(cString: content)
                pg_xml_free(content)
            }
        } else if let cast = xmlXPathCastToString(object) {
            text = String(cString: cast)
            pg_xml_free(cast)
        }
        guard let text else { return nil }
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" })
            .joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    private static func firstString(_ expression: String, in context: xmlXPathContextPtr, document: xmlDocPtr) -> String? {
        let node = context.pointee.node
        context.pointee.node = xmlDocGetRootElement(document)
        defer { context.pointee.node = node }
        return try? stringValue(expression, in: context, field: "title")
    }

    /// A `<meta charset>` or `http-equiv` charset in the first 4 KiB of an HTML page.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let meta = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let end = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<end]
            if let charset = tag.range(of: "charset=") {
                let value = tag[charset.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                let name = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if !name.isEmpty { return String(name) }
            }
            searchStart = end
        }
        return nil
    }
}
