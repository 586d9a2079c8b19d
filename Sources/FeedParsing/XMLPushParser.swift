import CLibXML2

/// libxml2's SAX2 push parser driving a ``FeedBuilder``: the only place feeds meet C.
///
/// Options: `RECOVER | NONET | NOERROR | NOWARNING` (never `NOENT`, `DTDLOAD`, `DTDATTR`,
/// `DTDVALID`, `XINCLUDE` or `HUGE`), plus `IGNORE_ENC` because the encoding is decided by
/// ``EncodingSniffer`` and forced. Entities go through ``EntityGuard``; errors are collected
/// through the structured error callback, so nothing reaches stderr.
/// The per-event caches are `@exclusivity(unchecked)` (one thread, no overlapping accesses).
final class XMLPushParser {
    struct Problem {
        var message: String
        var line: Int
        var column: Int
        var fatal: Bool
    }

    let builder: FeedBuilder
    let entities = EntityGuard()
    private(set) var errors: [Problem] = []
    private var context: xmlParserCtxtPtr?
    private var documentEntities: [String: xmlEntityPtr] = [:]
    private var retiredEntities: [xmlEntityPtr] = []
    @exclusivity(unchecked) private var localNames: [UnsafeRawPointer: String] = [:]
    private struct NamespaceKey: Hashable {
        var uri: UnsafeRawPointer?
        var prefix: UnsafeRawPointer?
    }
    @exclusivity(unchecked) private var prefixes: [NamespaceKey: String] = [:]
    /// Element names resolved per (local name, namespace URI, prefix) pointer triple: libxml2 interns
    /// names in the parser's dictionary, so identical names arrive as identical pointers. A small
    /// direct-mapped table, so the common case costs no hashing.
    private struct NameSlot {
        var local: UnsafeRawPointer?
        var uri: UnsafeRawPointer?
        var prefix: UnsafeRawPointer?
        var name: ElementName?
    }
    @exclusivity(unchecked) private var nameSlots = [NameSlot](repeating: NameSlot(), count: 256)
    @exclusivity(unchecked) private var attributeBuffer: [(String, String)] = []

    init(builder: FeedBuilder, encoding: String) throws(FeedParseError) {
        XMLRuntime.prepare()
        _ = HTMLEntityTable.shared
        self.builder = builder
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, localname, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            XMLPushParser.from(user).startElement(localname, prefix, uri, Int(namespaceCount), namespaces,
                                                  Int(attributeCount), attributes)
        }
        handler.endElementNs = { user, localname, prefix, uri in
            XMLPushParser.from(user).endElement(localname, prefix, uri)
        }
        handler.characters = { user, bytes, length in
            guard let bytes else { return }
            XMLPushParser.from(user).builder.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        handler.getEntity = { user, name in
            guard let name else { return nil }
            return XMLPushParser.from(user).entity(named: String(cString: name))
        }
        handler.getParameterEntity = { _, _ in nil }
        handler.entityDecl = { user, name, type, publicID, systemID, content in
            guard let name else { return }
            XMLPushParser.from(user).declareEntity(String(cString: name), type: type, publicID: publicID.map { String(cString: $0) },
                                                   systemID: systemID.map { String(cString: $0) },
                                                   content: content.map { String(cString: $0) })
        }
        handler.internalSubset = { user, name, externalID, systemID in
            let parser = XMLPushParser.from(user)
            let systemText = systemID.map { String(cString: $0) }
            if let systemText, systemText.lowercased().contains("netscape") || externalID.map({ String(cString: $0) })?.lowercased().contains("netscape") == true {
                parser.builder.doctypeMentionsNetscape = true
            }
            parser.entities.doctype(name: name.map { String(cString: $0) } ?? "", publicID: externalID.map { String(cString: $0) },
                                    systemID: systemText)
            parser.stopIfRefused()
        }
        handler.serror = { user, error in
            guard let user, let error else { return }
            XMLPushParser.from(user).record(error.pointee)
        }
        let unmanaged = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, unmanaged, nil, 0, nil) else {
            throw FeedParseError(code: "xml-error", message: "libxml2 could not create a parser")
        }
        self.context = context
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue)
        xmlCtxtUseOptions(context, options)
        // UTF-8 is libxml2's own encoding: no converter needed (IGNORE_ENC keeps the declaration out).
        if EncodingSniffer.normalize(encoding) != "utf-8" {
            guard let encoder = xmlFindCharEncodingHandler(encoding) else {
                throw FeedParseError(code: "encoding-unsupported", message: "libxml2 does not know the encoding \(encoding)")
            }
            xmlSwitchToEncoding(context, encoder)
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        for record in documentEntities.values { HTMLEntityTable.freeRecord(record) }
        for record in retiredEntities { HTMLEntityTable.freeRecord(record) }
    }

    private static func from(_ pointer: UnsafeMutableRawPointer?) -> XMLPushParser {
        Unmanaged<XMLPushParser>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Feeds a chunk; `last` ends the document.
    func push(_ bytes: UnsafeBufferPointer<UInt8>, last: Bool) throws(FeedParseError) {
        guard let context else { return }
        bytes.withMemoryRebound(to: CChar.self) { chars in
            _ = xmlParseChunk(context, chars.baseAddress, Int32(chars.count), last ? 1 : 0)
        }
        if let refusal = entities.refusal { throw refusal }
    }

    private func stopIfRefused() {
        if entities.refusal != nil, let context { xmlStopParser(context) }
    }

    // MARK: Callbacks

    private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = localNames[key] { return known }
        let text = String(cString: pointer).lowercased()
        localNames[key] = text
        return text
    }

    private func canonicalPrefix(_ uri: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> String {
        guard let uri else { return prefix.map { String(cString: $0).lowercased() } ?? "" }
        let key = NamespaceKey(uri: UnsafeRawPointer(uri), prefix: prefix.map(UnsafeRawPointer.init))
        if let known = prefixes[key] { return known }
        let value = builder.canonicalPrefix(uri: String(cString: uri), documentPrefix: prefix.map { String(cString: $0) })
        prefixes[key] = value
        return value
    }

    private func elementName(_ localname: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
                             _ uri: UnsafePointer<xmlChar>?) -> ElementName {
        let local = UnsafeRawPointer(localname), uriKey = uri.map(UnsafeRawPointer.init)
        let prefixKey = prefix.map(UnsafeRawPointer.init)
        // Interned names sit a few bytes apart: mix the bits (Fibonacci hashing) before taking 8 of them.
        let bits = (UInt64(UInt(bitPattern: local)) ^ (UInt64(UInt(bitPattern: uriKey)) &<< 1)) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: bits &>> 56) & (nameSlots.count - 1)
        if let cached = nameSlots[slot].name, nameSlots[slot].local == local, nameSlots[slot].uri == uriKey,
           nameSlots[slot].prefix == prefixKey {
            return cached
        }
        let resolved = ElementName(prefix: canonicalPrefix(uri, prefix), local: name(localname))
        nameSlots[slot] = NameSlot(local: local, uri: uriKey, prefix: prefixKey, name: resolved)
        return resolved
    }

    private func startElement(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                              _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int,
                              _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int,
                              _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let localname else { return }
        if let namespaces {
            for index in 0..<namespaceCount {
                if let declared = namespaces[index * 2 + 1] { builder.declareNamespace(uri: String(cString: declared)) }
            }
        }
        if !attributeBuffer.isEmpty { attributeBuffer.removeAll(keepingCapacity: true) }
        if let attributes {
            for index in 0..<attributeCount {
                let base = index * 5
                guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let attributePrefix = attributes[base + 2] == nil ? "" : canonicalPrefix(attributes[base + 2], attributes[base + 1])
                let key = attributePrefix.isEmpty ? name(local) : attributePrefix + ":" + name(local)
                var value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                // Without entity substitution libxml2 keeps `&amp;` in attributes as `&#38;`.
                if value.containsByte(UInt8(ascii: "&")) { value = value.replacingAll("&#38;", with: "&") }
                attributeBuffer.append((key, value))
            }
        }
        builder.startElement(elementName(localname, prefix, uri), attributes: attributeBuffer)
    }

    private func endElement(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        guard let localname else { return }
        builder.endElement(elementName(localname, prefix, uri))
    }

    private func entity(named name: String) -> xmlEntityPtr? {
        if entities.isDeclared(name) {
            // Every reference is charged against the document's expansion budget, cached or not.
            guard let text = entities.expand(name) else {
                stopIfRefused()
                return nil
            }
            if let record = documentEntities[name] { return record }
            let record = HTMLEntityTable.makeRecord(name: name, text: text)
            documentEntities[name] = record
            return record
        }
        return HTMLEntityTable.shared.record(for: name)
    }

    private func declareEntity(_ name: String, type: Int32, publicID: String?, systemID: String?, content: String?) {
        let kind: EntityGuard.Kind
        switch xmlEntityType(UInt32(type)) {
        case XML_INTERNAL_GENERAL_ENTITY: kind = .internalGeneral
        case XML_EXTERNAL_GENERAL_PARSED_ENTITY, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY: kind = .externalGeneral
        case XML_INTERNAL_PARAMETER_ENTITY: kind = .internalParameter
        case XML_EXTERNAL_PARAMETER_ENTITY: kind = .externalParameter
        default: kind = .other
        }
        entities.declare(name: name, kind: kind, publicID: publicID, systemID: systemID, content: content)
        // libxml2 looks entities up while it reads later declarations; those expansions may be stale now.
        retiredEntities.append(contentsOf: documentEntities.values)
        documentEntities = [:]
        stopIfRefused()
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0).trimmingWhitespace() } ?? "XML error \(error.code)"
        // Parameter entities with a public identifier are deliberately not loaded (see EntityGuard).
        if message.hasPrefix("PEReference:") { return }
        errors.append(Problem(message: message, line: Int(error.line), column: Int(error.int2),
                              fatal: error.level.rawValue >= XML_ERR_FATAL.rawValue))
    }
}
