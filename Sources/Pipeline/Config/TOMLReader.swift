import Foundation
import TOMLKit

/// Reads typed values out of one TOML file, with errors that name the file, the line and the key,
/// and a list of keys nobody asked for (misspellings the secretariat should hear about).
final class TOMLReader {
    let file: String
    private let lines: [Substring]
    private let root: TOMLTable
    private var consumed = Set<String>()

    /// Parses a file. Syntax errors carry TOML's own line and column.
    init(file: String) throws {
        self.file = file
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file, message: "cannot be read (\(error.localizedDescription)); check the path and that it is UTF-8")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line,
                              message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        }
    }

    /// The 1-based line where `key` is assigned inside `[table]` (or the top level), if found.
    func line(of path: String) -> Int? {
        let parts = path.split(separator: ".")
        let key = String(parts.last ?? "")
        let table = parts.dropLast().joined(separator: ".")
        var current = ""
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                current = String(line[line.index(after: line.startIndex)..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if key.isEmpty || (current == path) { if current == path { return index + 1 } }
                continue
            }
            if current == table, line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }

    func error(_ path: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(of: path), key: path, message: message)
    }

    private func value(_ path: String) -> (any TOMLValueConvertible)? {
        consumed.insert(path)
        var table: TOMLTable? = root
        let parts = path.split(separator: ".").map(String.init)
        for part in parts.dropLast() {
            table = table?[part]?.table
        }
        return table?[parts.last!]
    }

    /// True when the key is present.
    func has(_ path: String) -> Bool {
        var table: TOMLTable? = root
        let parts = path.split(separator: ".").map(String.init)
        for part in parts.dropLast() { table = table?[part]?.table }
        return table?[parts.last!] != nil
    }

    func string(_ path: String) throws -> String? {
        guard let value = value(path) else { return nil }
        guard let string = value.string else { throw error(path, "must be a string in quotes, found \(value.type)") }
        return string
    }

    func requiredString(_ path: String) throws -> String {
        guard let string = try string(path) else { throw error(path, "is required; add `\(path.split(separator: ".").last!) = \"…\"`") }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(path, "must not be empty") }
        return string
    }

    func int(_ path: String) throws -> Int? {
        guard let value = value(path) else { return nil }
        guard let int = value.int else { throw error(path, "must be a whole number, found \(value.type)") }
        return int
    }

    func double(_ path: String) throws -> Double? {
        guard let value = value(path) else { return nil }
        if let int = value.int { return Double(int) }
        guard let double = value.double else { throw error(path, "must be a number, found \(value.type)") }
        return double
    }

    func bool(_ path: String) throws -> Bool? {
        guard let value = value(path) else { return nil }
        guard let bool = value.bool else { throw error(path, "must be true or false, found \(value.type)") }
        return bool
    }

    func strings(_ path: String) throws -> [String]? {
        guard let value = value(path) else { return nil }
        guard let array = value.array else { throw error(path, "must be a list of strings like [\"a\", \"b\"]") }
        return try array.map { element in
            guard let string = element.string else { throw error(path, "must contain only strings") }
            return string
        }
    }

    /// Marks a whole table as read by someone else (a later stage validates it).
    func consume(prefix: String) {
        consumed.insert(prefix)
    }

    /// Keys present in the file that no reader asked for, as dotted paths.
    func unknownKeys() -> [String] {
        var found: [String] = []
        func walk(_ table: TOMLTable, _ prefix: String) {
            for key in table.keys.sorted() {
                let path = prefix.isEmpty ? key : prefix + "." + key
                if consumed.contains(path) { continue }
                if let child = table[key]?.table {
                    walk(child, path)
                } else {
                    found.append(path)
                }
            }
        }
        walk(root, "")
        return found
    }

    /// Throws for the first unknown key, naming the keys that are allowed.
    func rejectUnknownKeys(allowed: String) throws {
        if let key = unknownKeys().first {
            throw error(key, "unknown key; allowed here: \(allowed)")
        }
    }
}
