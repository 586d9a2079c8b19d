import ConfigFiles
import Foundation
import TOMLKit

/// One parsed rule file with helpers that turn every problem into a `ConfigError`
/// naming the file, the line and the key.
struct RuleFile {
    let path: String
    let root: TOMLTable
    private let lines: [Substring]

    init(url: URL) throws {
        path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, message: "cannot be read (\(error.localizedDescription)); check the rules folder and that the file is UTF-8")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: path, line: error.source.begin.line,
                                            message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        }
    }

    /// An error about `key`, inside the `index`-th `[[array]]` table when given, else inside `[table]`.
    func error(_ key: String?, in table: String? = nil, index: Int? = nil, _ message: String) -> ConfigError {
        var name = key
        if let table { name = index.map { "\(table)[\($0 + 1)]" } ?? table }
        if let table, let key { name = (name ?? table) + "." + key }
        return ConfigError(file: path, line: line(of: key, in: table, index: index), key: name, message: message)
    }

    /// The 1-based line of `key` inside the `index`-th `[[table]]` (or `[table]`, or the top level),
    /// including its sub-tables; else the line of the table header.
    func line(of key: String?, in table: String?, index: Int?) -> Int? {
        var occurrence = -1
        var inTarget = table == nil
        var headerLine: Int?
        for (number, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let header = String(line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" }))
                    .trimmingCharacters(in: .whitespaces)
                if let table, header == table {
                    occurrence += 1
                    inTarget = index == nil || index == occurrence
                    if inTarget, headerLine == nil { headerLine = number + 1 }
                } else if let table, header.hasPrefix(table + ".") {
                    // a sub-table of the current element keeps its place
                } else {
                    inTarget = false
                }
                continue
            }
            guard inTarget, let key else { continue }
            for spelling in [key, "\"\(key)\""] where line.hasPrefix(spelling) {
                if line.dropFirst(spelling.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return number + 1 }
            }
        }
        return headerLine
    }
}

extension TOMLTable {
    /// String value of `key`; a wrong type is reported with the file, line and key.
    func string(_ key: String, _ file: RuleFile, in table: String?, index: Int? = nil) throws -> String? {
        guard let value = self[key] else { return nil }
        guard let string = value.string else {
            throw file.error(key, in: table, index: index, "must be a string in quotes, found \(value.type)")
        }
        return string
    }

    /// A number value of `key`.
    func number(_ key: String, _ file: RuleFile, in table: String?, index: Int? = nil) throws -> Double? {
        guard let value = self[key] else { return nil }
        if let int = value.int { return Double(int) }
        guard let double = value.double else {
            throw file.error(key, in: table, index: index, "must be a number such as 0.5, found \(value.type)")
        }
        return double
    }

    /// A string or a list of strings.
    func strings(_ key: String, _ file: RuleFile, in table: String?, index: Int? = nil) throws -> [String]? {
        guard let value = self[key] else { return nil }
        if let string = value.string { return [string] }
        guard let array = value.array else {
            throw file.error(key, in: table, index: index, "must be a string or a list of strings like [\"a\", \"b\"], found \(value.type)")
        }
        return try array.map { element in
            guard let string = element.string else {
                throw file.error(key, in: table, index: index, "must contain only strings in quotes")
            }
            return string
        }
    }

    /// Rejects keys other than `allowed`, naming the ones that are.
    func rejectUnknown(_ allowed: [String], _ file: RuleFile, in table: String?, index: Int? = nil) throws {
        for key in keys.sorted() where !allowed.contains(key) {
            throw file.error(key, in: table, index: index, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
        }
    }
}
