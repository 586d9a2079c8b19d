import Foundation

/// Dates are stored as ISO 8601 text in UTC (sortable, readable in the sqlite3 shell);
/// lists as compact JSON.
enum StorageCoding {
    static func string(_ date: Date) -> String {
        // gmtime_r + fixed-width digits: the same text as `.iso8601` at a fraction of its cost,
        // which matters when a batch stores tens of thousands of rows.
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))T"
            + "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))Z"
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

    /// Compact JSON of domain scores, as `json(_:)` writes it, without an encoder per row.
    static func json(domains: [StoredDomain]) -> String {
        "[" + domains.map { "{\"id\":\(quoted($0.id)),\"score\":\(number($0.score))}" }.joined(separator: ",") + "]"
    }

    /// Compact JSON of a list of strings.
    static func json(strings: [String]) -> String {
        "[" + strings.map(quoted).joined(separator: ",") + "]"
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) : "0"
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
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
