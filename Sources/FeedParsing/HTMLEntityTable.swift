import CLibXML2

/// HTML 4's named character entities (`&eacute;`, `&nbsp;` …), read once from libxml2's table, as
/// ready-made libxml2 entity records so XML feeds that use them parse as feedparser reads them.
final class HTMLEntityTable: @unchecked Sendable {
    /// The process-wide table (immutable after creation).
    static let shared = HTMLEntityTable()

    private let texts: [String: String]
    private let records: [String: xmlEntityPtr]
    /// Every known entity name.
    let names: Set<String>

    private init() {
        XMLRuntime.prepare()
        var texts: [String: String] = [:]
        var records: [String: xmlEntityPtr] = [:]
        for codePoint in 1...10_000 {
            guard let description = htmlEntityValueLookup(UInt32(codePoint)), let namePointer = description.pointee.name,
                  let scalar = Unicode.Scalar(UInt32(codePoint)) else { continue }
            let name = String(cString: namePointer)
            let text = String(Character(scalar))
            texts[name] = text
            records[name] = Self.makeRecord(name: name, text: text)
        }
        texts["apos"] = "'"
        self.texts = texts
        self.records = records
        self.names = Set(texts.keys)
    }

    /// The character an entity name stands for.
    func text(for name: String) -> String? { texts[name] }

    /// The libxml2 record for `name`, inlined by the parser as text.
    func record(for name: String) -> xmlEntityPtr? { records[name] }

    /// A predefined-type entity record whose content libxml2 copies as character data.
    static func makeRecord(name: String, text: String) -> xmlEntityPtr {
        let record = xmlEntityPtr.allocate(capacity: 1)
        record.initialize(to: xmlEntity())
        record.pointee.type = XML_ENTITY_DECL
        record.pointee.name = UnsafePointer(xmlCharStrdup(name))
        record.pointee.content = xmlCharStrdup(text)
        record.pointee.length = Int32(text.utf8.count)
        record.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        return record
    }

    /// Frees a record made by ``makeRecord(name:text:)``.
    static func freeRecord(_ record: xmlEntityPtr) {
        pg_xml_free(UnsafeMutableRawPointer(mutating: record.pointee.name))
        pg_xml_free(record.pointee.content)
        record.deallocate()
    }
}

/// One-time, process-wide libxml2 setup: parser initialisation and an external entity loader that
/// loads nothing (a second line behind `XML_PARSE_NONET` and the entity guard).
enum XMLRuntime {
    private static let prepared: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func prepare() { _ = prepared }
}
