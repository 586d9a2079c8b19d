import Foundation
import TOMLKit

/// One parsed TOML file plus its lines, so errors about a value can point at the line that sets it.
/// Line lookup is textual: it finds `key =` inside `[table]` or inside the n-th `[[array]]` table.
struct MailTOMLFile {
    let file: String
    let root: TOMLTable
    private let lines: [String]

    /// Reads and parses `file`.
    /// - Throws: ``MailConfigError`` when it cannot be read or is not valid TOML (with TOML's line).
    init(file: String) throws(MailConfigError) {
        self.file = file
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw MailConfigError(file: file, message: "cannot be read (\(error.localizedDescription)); check the path and that it is UTF-8")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw MailConfigError(file: file, line: error.source.begin.line,
                                  message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        } catch {
            throw MailConfigError(file: file, message: "not valid TOML: \(error)")
        }
    }

    /// The line of the header `[table]`, or of the `index`-th (0-based) `[[table]]` header.
    func headerLine(_ table: String, index: Int? = nil) -> Int? {
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
    func line(of key: String, in table: String, index: Int? = nil) -> Int? {
        guard let start = headerLine(table, index: index) else { return nil }
        for number in start..<lines.count {
            let line = lines[number].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { break }
            if line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return number + 1
            }
        }
        return start
    }

    private static func header(_ line: String) -> String {
        let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
        return inner.trimmingCharacters(in: .whitespaces)
    }
}

/// Typed reads from one table of a ``MailTOMLFile``; every error names file, line and key.
struct MailTOMLTableReader {
    let source: MailTOMLFile
    let table: TOMLTable
    /// Table name (`mail`, `member`).
    let name: String
    /// Position among `[[name]]` tables, nil for a plain `[name]`.
    let index: Int?

    var keyPrefix: String { index.map { "\(name)[\($0 + 1)]" } ?? name }

    func error(_ key: String?, _ message: String) -> MailConfigError {
        let line = key.map { source.line(of: $0, in: name, index: index) } ?? source.headerLine(name, index: index)
        return MailConfigError(file: source.file, line: line ?? nil, key: key.map { "\(keyPrefix).\($0)" } ?? keyPrefix, message: message)
    }

    func string(_ key: String) throws(MailConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "must be a string in quotes") }
        return text
    }

    func requiredString(_ key: String) throws(MailConfigError) -> String {
        guard let text = try string(key) else { throw error(key, "is required; add `\(key) = \"…\"`") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    func strings(_ key: String) throws(MailConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "must be a list of strings like [\"a\", \"b\"]") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw error(key, "must contain only strings") }
            result.append(text)
        }
        return result
    }

    func number(_ key: String) throws(MailConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        if let int = value.int { return Double(int) }
        guard let double = value.double else { throw error(key, "must be a number") }
        return double
    }

    func bool(_ key: String) throws(MailConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "must be true or false") }
        return flag
    }

    /// Throws for the first key not in `allowed`.
    func rejectUnknownKeys(_ allowed: [String]) throws(MailConfigError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw error(key, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
        }
    }
}
