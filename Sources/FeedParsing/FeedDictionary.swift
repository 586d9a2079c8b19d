/// A feedparser-shaped dictionary: the untyped fields of ``FeedFields`` and the objects inside them.
typealias FeedDictionary = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    /// The string under `key`.
    func string(_ key: String) -> String? { self[key]?.stringValue }
}
