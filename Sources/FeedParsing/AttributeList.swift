/// An element's attributes in document order, keyed `prefix:local` (lower-cased). Elements carry a
/// handful at most, so a lookup is a scan from the end (the last duplicate wins, as in a dictionary)
/// and no hash table is built per element.
struct AttributeList {
    private(set) var pairs: [(key: String, value: String)] = []

    init() {}

    var isEmpty: Bool { pairs.isEmpty }

    /// The value of `key`; setting nil removes it.
    subscript(key: String) -> String? {
        get {
            var index = pairs.count
            while index > 0 {
                index -= 1
                if pairs[index].key == key { return pairs[index].value }
            }
            return nil
        }
        set {
            guard let newValue else {
                pairs.removeAll { $0.key == key }
                return
            }
            if let index = pairs.lastIndex(where: { $0.key == key }) {
                pairs[index].value = newValue
            } else {
                pairs.append((key, newValue))
            }
        }
    }

    /// The attributes as a feedparser object.
    var object: JSONValue {
        var object: [String: JSONValue] = [:]
        for (key, value) in pairs { object[key] = .string(value) }
        return .object(object)
    }
}
