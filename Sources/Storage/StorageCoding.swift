import Foundation

/// Dates are stored as ISO 8601 text in UTC (sortable, readable in the sqlite3 shell);
/// lists as compact JSON.
enum StorageCoding {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func string(_ date: Date?) -> String? {
        date.map(string)
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "[]"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// FNV-1a 64-bit, hex. Used to notice changed items and bodies, not for security.
public enum ContentHash {
    /// Hashes the UTF-8 bytes of the parts, separated so ("ab","c") ≠ ("a","bc").
    public static func of(_ parts: [String?]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in (part ?? "\u{0}").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Hashes raw bytes (a fetched body).
    public static func of(bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
