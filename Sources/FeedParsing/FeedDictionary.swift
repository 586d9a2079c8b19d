/// The feedparser-shaped dictionary the builder fills while the document streams by.
typealias FeedDictionary = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    /// Appends to the array stored under `key`, creating it when absent.
    mutating func append(_ value: JSONValue, toArray key: String) {
        var array = self[key]?.arrayValue ?? []
        self[key] = nil
        array.append(value)
        self[key] = .array(array)
    }

    /// Mutates the last object of the array under `key`; creates `[{}]` first when `createIfEmpty`.
    mutating func updateLast(in key: String, createIfEmpty: Bool = true, _ body: (inout FeedDictionary) -> Void) {
        var array = self[key]?.arrayValue ?? []
        if array.isEmpty {
            guard createIfEmpty else { return }
            array.append(.object([:]))
        }
        self[key] = nil
        var last = array.removeLast().objectValue ?? [:]
        body(&last)
        array.append(.object(last))
        self[key] = .array(array)
    }

    /// Mutates the object under `key`, creating it when absent.
    mutating func updateObject(_ key: String, _ body: (inout FeedDictionary) -> Void) {
        var object = self[key]?.objectValue ?? [:]
        self[key] = nil
        body(&object)
        self[key] = .object(object)
    }

    /// The string under `key`.
    func string(_ key: String) -> String? { self[key]?.stringValue }
}
