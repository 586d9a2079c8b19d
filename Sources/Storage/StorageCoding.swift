import Foundation

/// Dates are stored as ISO 8601 text in UTC (sortable, readable in the sqlite3 shell);
/// lists as compact JSON.
enum StorageCoding {
    static func string(_ date: Date) -> String {
        // gmtime_r + fixed-width digits written into one buffer: the same text as `.iso8601` at a
        // fraction of its cost, which matters when a batch stores tens of thousands of rows.
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else {
            return String(format: "%04ld-%02d-%02dT%02d:%02d:%02dZ", year, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
        }
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            put(Int(parts.tm_mon) + 1, 2, at: 5)
            put(Int(parts.tm_mday), 2, at: 8)
            put(Int(parts.tm_hour), 2, at: 11)
            put(Int(parts.tm_min), 2, at: 14)
            put(Int(parts.tm_sec), 2, at: 17)
            buffer[4] = UInt8(ascii: "-")
            buffer[7] = UInt8(ascii: "-")
            buffer[10] = UInt8(ascii: "T")
            buffer[13] = UInt8(ascii: ":")
            buffer[16] = UInt8(ascii: ":")
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
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
        var json = "["
        json.reserveCapacity(2 + domains.count * 40)
        for (offset, domain) in domains.enumerated() {
            json += offset == 0 ? "{\"id\":" : ",{\"id\":"
            json += quoted(domain.id)
            json += ",\"score\":"
            json += number(domain.score)
            json += "}"
        }
        return json + "]"
    }

    /// Compact JSON of a list of strings.
    static func json(strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        return "[" + strings.map(quoted).joined(separator: ",") + "]"
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) : "0"
    }

    static func quoted(_ text: String) -> String {
        // Most strings need no escape: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
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
        var hasher = Hasher()
        for part in parts { hasher.add(part) }
        return hasher.hex
    }

    /// Hashes raw bytes (a fetched body).
    public static func of(bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.add(bytes: bytes)
        return hasher.hex
    }

    /// Incremental form of ``ContentHash/of(_:)``: adding parts one by one gives the same hash
    /// without building an array of them.
    struct Hasher {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        /// Adds one part and its separator (nil hashes as a NUL byte).
        mutating func add(_ part: String?) {
            if var part {
                part.withUTF8 { add(bytes: $0) }
            } else {
                add(byte: 0)
            }
            add(byte: 0x1f)
        }

        mutating func add(bytes: some Sequence<UInt8>) {
            for byte in bytes { add(byte: byte) }
        }

        @inline(__always)
        private mutating func add(byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }

        /// The hash so far.
        var value: UInt64 { hash }

        /// The hash so far in hex, as ``ContentHash/of(_:)`` returns it.
        var hex: String { String(hash, radix: 16) }
    }
}
