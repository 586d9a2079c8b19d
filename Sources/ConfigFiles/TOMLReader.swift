import Foundation
import TOMLKit

/// Reads typed values out of one TOML file, with errors (``ConfigError``) that name the file, the
/// line and the key.
///
/// Two ways to read:
/// - by dotted path from the top (`reader.string("fetch.user_agent")`), which records every key
///   asked for so ``unknownKeys()`` and ``rejectUnknownKeys(allowed:)`` can report misspellings;
/// - through a ``Table`` view of the top level (``topLevel``), of one `[table]` or of the n-th
///   `[[table]]` (``table(_:)``, ``tables(_:)``), or of a sub-table of those (``Table/table(_:)``),
///   whose errors are keyed like `mail.from`, `member[2].email` or `domain[3].terms.sl`.
///
/// Line lookup is textual: it finds `key =` inside `[table]` or inside the n-th `[[table]]`, or under
/// the `[table.sub]` header of a sub-table.
public final class TOMLReader {
    /// The file read.
    public let file: String
    private let lines: [String]
    private let root: TOMLTable
    private var consumed = Set<String>()

    /// Reads and parses `file`.
    /// - Throws: ``ConfigError`` when it cannot be read or is not valid TOML (with TOML's line and column).
    public init(file: String) throws(ConfigError) {
        self.file = file
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file, message: "cannot be read (\(error.localizedDescription)); check the path and that it is UTF-8")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line,
                              message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        } catch {
            throw ConfigError(file: file, message: "not valid TOML: \(error)")
        }
    }

    // MARK: Line lookup

    /// The 1-based line where the dotted `path` is assigned inside `[table]` (or at the top level),
    /// or the line of the header when `path` names a table; nil when not found.
    public func line(of path: String) -> Int? {
        let parts = path.split(separator: ".")
        let key = String(parts.last ?? "")
        let table = parts.dropLast().joined(separator: ".")
        var current = ""
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                current = String(line[line.index(after: line.startIndex)..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if current == path { return index + 1 }
                continue
            }
            if current == table, line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }

    /// The line of the header `[table]`, or of the `index`-th (0-based) `[[table]]` header.
    public func headerLine(_ table: String, index: Int? = nil) -> Int? {
        var seen = 0
        for (number, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let index {
                guard line.hasPrefix("[["), Self.header(line) == table else { continue }
                if seen == index { return number + 1 }
                seen += 1
            } else if line.hasPrefix("["), !line.hasPrefix("[["), Self.header(line) == table {
                return number + 1
            }
        }
        return nil
    }

    /// The line assigning `key` in `[table]` (or in the `index`-th `[[table]]`), else the header line.
    /// With `subTable` (a dotted path such as `terms`), the key is looked for under the header
    /// `[table.subTable]` — for an array entry, the one before the next `[[table]]` — else that
    /// header's line, else the table's.
    public func line(of key: String, in table: String, index: Int? = nil, subTable: String? = nil) -> Int? {
        guard let start = headerLine(table, index: index) else { return nil }
        guard let subTable else { return line(of: key, after: start) ?? start }
        guard let header = subTableHeaderLine(subTable, of: table, index: index, from: start) else { return start }
        return line(of: key, after: header) ?? header
    }

    /// The line of `[table.subTable]`: after the `index`-th `[[table]]` header (line `start`) and
    /// before the next one, or anywhere for a plain `[table]`.
    private func subTableHeaderLine(_ subTable: String, of table: String, index: Int?, from start: Int) -> Int? {
        let wanted = table + "." + subTable
        for number in (index == nil ? 0 : start)..<lines.count {
            let line = lines[number].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("[") else { continue }
            if index != nil, line.hasPrefix("[["), Self.header(line) == table { break }
            if !line.hasPrefix("[["), Self.header(line) == wanted { return number + 1 }
        }
        return nil
    }

    /// The line assigning `key` among the lines after the header on line `header` (1-based), up to
    /// the next header.
    private func line(of key: String, after header: Int) -> Int? {
        for number in header..<lines.count {
            let line = lines[number].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { break }
            for spelling in [key, "\"\(key)\""] where line.hasPrefix(spelling) {
                if line.dropFirst(spelling.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return number + 1 }
            }
        }
        return nil
    }

    private static func header(_ line: String) -> String {
        let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
        return inner.trimmingCharacters(in: .whitespaces)
    }

    /// An error about the dotted `path`, with the line that sets it.
    public func error(_ path: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(of: path), key: path, message: message)
    }

    // MARK: Reads by dotted path

    /// The value at `path`, which now counts as read.
    private func value(_ path: String) -> (any TOMLValueConvertible)? {
        consumed.insert(path)
        return lookup(path)
    }

    private func lookup(_ path: String) -> (any TOMLValueConvertible)? {
        var table: TOMLTable? = root
        let parts = path.split(separator: ".").map(String.init)
        for part in parts.dropLast() { table = table?[part]?.table }
        return table?[parts.last!]
    }

    /// True when the key is present (it does not count as read).
    public func has(_ path: String) -> Bool {
        lookup(path) != nil
    }

    /// The string at `path`, nil when absent.
    public func string(_ path: String) throws(ConfigError) -> String? {
        try value(path).map { value throws(ConfigError) in try Self.text(value) { error(path, $0) } }
    }

    /// The non-empty string at `path`; absent or blank is an error.
    public func requiredString(_ path: String) throws(ConfigError) -> String {
        try Self.required(try string(path), key: String(path.split(separator: ".").last!)) { error(path, $0) }
    }

    /// The whole number at `path`, nil when absent.
    public func int(_ path: String) throws(ConfigError) -> Int? {
        guard let value = value(path) else { return nil }
        guard let int = value.int else { throw error(path, "must be a whole number, found \(value.type)") }
        return int
    }

    /// The number (whole or not) at `path`, nil when absent.
    public func double(_ path: String) throws(ConfigError) -> Double? {
        try value(path).map { value throws(ConfigError) in try Self.number(value) { error(path, $0) } }
    }

    /// The boolean at `path`, nil when absent.
    public func bool(_ path: String) throws(ConfigError) -> Bool? {
        try value(path).map { value throws(ConfigError) in try Self.flag(value) { error(path, $0) } }
    }

    /// The list of strings at `path`, nil when absent.
    public func strings(_ path: String) throws(ConfigError) -> [String]? {
        guard let value = value(path) else { return nil }
        return try Self.stringList(value) { error(path, $0) }
    }

    // Typed values, shared by the reads by path and the table views; `fail` turns a message into
    // the caller's keyed error.

    static func text(_ value: any TOMLValueConvertible, _ fail: (String) -> ConfigError) throws(ConfigError) -> String {
        guard let text = value.string else { throw fail("must be a string in quotes, found \(value.type)") }
        return text
    }

    static func required(_ text: String?, key: String, _ fail: (String) -> ConfigError) throws(ConfigError) -> String {
        guard let text else { throw fail("is required; add `\(key) = \"…\"`") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("must not be empty") }
        return text
    }

    static func number(_ value: any TOMLValueConvertible, _ fail: (String) -> ConfigError) throws(ConfigError) -> Double {
        if let int = value.int { return Double(int) }
        guard let double = value.double else { throw fail("must be a number, found \(value.type)") }
        return double
    }

    static func flag(_ value: any TOMLValueConvertible, _ fail: (String) -> ConfigError) throws(ConfigError) -> Bool {
        guard let flag = value.bool else { throw fail("must be true or false, found \(value.type)") }
        return flag
    }

    static func stringList(_ value: any TOMLValueConvertible, _ fail: (String) -> ConfigError) throws(ConfigError) -> [String] {
        guard let array = value.array else { throw fail("must be a list of strings like [\"a\", \"b\"]") }
        var result: [String] = []
        for element in array {
            guard let string = element.string else { throw fail("must contain only strings") }
            result.append(string)
        }
        return result
    }

    static func stringOrList(_ value: any TOMLValueConvertible, _ fail: (String) -> ConfigError) throws(ConfigError) -> [String] {
        if let string = value.string { return [string] }
        guard value.array != nil else {
            throw fail("must be a string or a list of strings like [\"a\", \"b\"], found \(value.type)")
        }
        return try stringList(value, fail)
    }

    /// Marks a whole table as read by someone else (a later stage validates it).
    public func consume(prefix: String) {
        consumed.insert(prefix)
    }

    /// Keys present in the file that no reader asked for, as dotted paths.
    public func unknownKeys() -> [String] {
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
    public func rejectUnknownKeys(allowed: String) throws(ConfigError) {
        if let key = unknownKeys().first {
            throw error(key, "unknown key; allowed here: \(allowed)")
        }
    }

    // MARK: Table views

    /// A view of the file's top level: its keys, typed reads and errors keyed by the bare key.
    public var topLevel: Table { Table(source: self, table: root, name: "", index: nil) }

    /// A view of the plain `[name]` table, nil when absent or not a table.
    public func table(_ name: String) -> Table? {
        guard let table = root[name]?.table else { return nil }
        return Table(source: self, table: table, name: name, index: nil)
    }

    /// Views of every `[[name]]` table, in file order; empty when `name` is absent.
    /// - Throws: ``ConfigError`` (key `name` or `name[n]`) when `name` is not an array of tables.
    public func tables(_ name: String) throws(ConfigError) -> [Table] {
        guard let value = root[name] else { return [] }
        guard let array = value.array else {
            throw ConfigError(file: file, key: name, message: "write each \(name) as a `[[\(name)]]` table")
        }
        var result: [Table] = []
        for index in 0..<array.count {
            guard let table = array[index].table else {
                throw ConfigError(file: file, key: "\(name)[\(index + 1)]", message: "write each \(name) as a `[[\(name)]]` table")
            }
            result.append(Table(source: self, table: table, name: name, index: index))
        }
        return result
    }

    /// Typed reads from one table of a ``TOMLReader``; every error names file, line and key
    /// (`mail.smtp_url`, or `member[2].email` for the second `[[member]]`).
    public struct Table {
        /// The file this table belongs to.
        public let source: TOMLReader
        private let table: TOMLTable
        /// Table name (`mail`, `member`); empty for the top level.
        public let name: String
        /// Position among `[[name]]` tables (0-based), nil for a plain `[name]`.
        public let index: Int?
        /// The dotted path of this view inside `[name]` or `[[name]]` (`terms` for `[domain.terms]`),
        /// nil for the table itself.
        public let subTable: String?

        init(source: TOMLReader, table: TOMLTable, name: String, index: Int?, subTable: String? = nil) {
            self.source = source
            self.table = table
            self.name = name
            self.index = index
            self.subTable = subTable
        }

        /// `name`, or `name[n]` (1-based) for an array-of-tables entry, then `.subTable` if any.
        public var keyPrefix: String {
            (index.map { "\(name)[\($0 + 1)]" } ?? name) + (subTable.map { ".\($0)" } ?? "")
        }

        /// The keys present, sorted.
        public var keys: [String] { table.keys.sorted() }

        /// True when `key` is present.
        public func contains(_ key: String) -> Bool { table[key] != nil }

        /// A view of the sub-table at `key` (`[name.key]`, or `key = { … }`), nil when absent or not
        /// a table.
        public func table(_ key: String) -> Table? {
            guard let child = table[key]?.table else { return nil }
            return Table(source: source, table: child, name: name, index: index, subTable: subTable.map { "\($0).\(key)" } ?? key)
        }

        /// An error about `key` in this table (or the table itself when nil), with its line.
        public func error(_ key: String?, _ message: String) -> ConfigError {
            let line: Int?
            if name.isEmpty {
                line = key.flatMap { source.line(of: $0) }
            } else if let key {
                line = source.line(of: key, in: name, index: index, subTable: subTable)
            } else {
                line = source.headerLine(name, index: index)
            }
            let prefix = keyPrefix
            let fullKey = key.map { prefix.isEmpty ? $0 : "\(prefix).\($0)" } ?? prefix
            return ConfigError(file: source.file, line: line, key: fullKey.isEmpty ? nil : fullKey, message: message)
        }

        /// The string at `key`, nil when absent.
        public func string(_ key: String) throws(ConfigError) -> String? {
            try table[key].map { value throws(ConfigError) in try TOMLReader.text(value) { error(key, $0) } }
        }

        /// The non-empty string at `key`; absent or blank is an error.
        public func requiredString(_ key: String) throws(ConfigError) -> String {
            try TOMLReader.required(try string(key), key: key) { error(key, $0) }
        }

        /// The list of strings at `key`, nil when absent.
        public func strings(_ key: String) throws(ConfigError) -> [String]? {
            guard let value = table[key] else { return nil }
            return try TOMLReader.stringList(value) { error(key, $0) }
        }

        /// A string or a list of strings at `key` (one string is a list of one), nil when absent.
        public func stringOrList(_ key: String) throws(ConfigError) -> [String]? {
            guard let value = table[key] else { return nil }
            return try TOMLReader.stringOrList(value) { error(key, $0) }
        }

        /// The number (whole or not) at `key`, nil when absent.
        public func number(_ key: String) throws(ConfigError) -> Double? {
            try table[key].map { value throws(ConfigError) in try TOMLReader.number(value) { error(key, $0) } }
        }

        /// The boolean at `key`, nil when absent.
        public func bool(_ key: String) throws(ConfigError) -> Bool? {
            try table[key].map { value throws(ConfigError) in try TOMLReader.flag(value) { error(key, $0) } }
        }

        /// Throws for the first key not in `allowed`.
        public func rejectUnknownKeys(_ allowed: [String]) throws(ConfigError) {
            for key in table.keys.sorted() where !allowed.contains(key) {
                throw error(key, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
            }
        }
    }
}
