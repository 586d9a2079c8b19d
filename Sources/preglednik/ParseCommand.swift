import ArgumentParser
import FeedParsing
import Foundation

/// `preglednik parse FILE --json`: one normalized document, no database.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one feed or document and print it in the normalized form (Universal Feed Parser field names).")

    @Argument(help: "The document file ('-' reads standard input).")
    var file: String

    @Option(name: .long, help: "The document's address, for resolving relative links.")
    var url: String?

    @Option(name: .long, help: "The HTTP Content-Type it was served with; its charset wins over the XML declaration.")
    var contentType: String?

    @Option(name: .long, help: "Document kind: rss, atom, rdf, xml, html (default: detected).")
    var kind: String?

    @Option(name: .long, help: "Encoding to assume when neither HTTP nor the document declares one (e.g. windows-1250).")
    var encoding: String?

    @Flag(name: .long, help: "Print JSON (the stable contract).")
    var json = false

    @Flag(name: .long, help: "Indent the JSON.")
    var pretty = false

    @Flag(name: .customLong("json-lines"), help: .hidden)
    var jsonLines = false

    func run() throws {
        if jsonLines {
            try runManifest()
            return
        }
        let bytes: [UInt8]
        if file == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("preglednik: cannot read \(file)\n".utf8))
                throw ExitCode(6)
            }
            bytes = Array(data)
        }
        var documentKind: DocumentKind?
        if let kind {
            guard let known = DocumentKind(rawValue: kind) else { throw ValidationError("--kind must be rss, atom, rdf, xml or html") }
            guard known != .xml && known != .html else {
                throw ValidationError("xml and html documents need XPath selectors: use `preglednik check` with a source definition")
            }
            documentKind = known
        }
        do {
            let feed = try FeedParser.parse(bytes, kind: documentKind, selectors: nil,
                                            options: FeedParseOptions(documentURL: url, contentType: contentType, defaultEncoding: encoding))
            if json {
                FileHandle.standardOutput.write(feed.jsonData(pretty: pretty))
                FileHandle.standardOutput.write(Data("\n".utf8))
            } else {
                printLine("\(feed.version.isEmpty ? feed.kind.rawValue : feed.version) \(feed.encoding)\(feed.bozo ? " (recovered: \(feed.bozoException ?? ""))" : "") — \(feed.feed.title ?? "untitled"), \(feed.entries.count) entries")
                for entry in feed.entries {
                    printLine("- \(entry.published.map { $0.formatted(.iso8601) } ?? "-")  \(entry.title ?? "(no title)")  \(entry.link ?? "")")
                }
            }
        } catch {
            FileHandle.standardError.write(Data("preglednik: \(file): \(error.description)\n".utf8))
            throw ExitCode(6)
        }
    }

    /// Hidden batch mode for conformance harnesses: `file` is a manifest of tab-separated lines
    /// (path, URL, Content-Type — the last two may be empty); prints one JSON document per line,
    /// or `{"error": …}` for a document that could not be parsed.
    private func runManifest() throws {
        guard let manifest = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }) else {
            FileHandle.standardError.write(Data("preglednik: cannot read \(file)\n".utf8))
            throw ExitCode(6)
        }
        for line in manifest.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let documentURL = fields.count > 1 && !fields[1].isEmpty ? fields[1] : url
            let documentType = fields.count > 2 && !fields[2].isEmpty ? fields[2] : contentType
            var output: Data
            if let data = FileManager.default.contents(atPath: fields[0]) {
                do {
                    output = try FeedParser.parse(Array(data), kind: nil, selectors: nil,
                                                  options: FeedParseOptions(documentURL: documentURL, contentType: documentType,
                                                                            defaultEncoding: encoding)).jsonData()
                } catch {
                    output = (try? JSONEncoder().encode(["error": error.description])) ?? Data("{}".utf8)
                }
            } else {
                output = Data(#"{"error":"cannot read file"}"#.utf8)
            }
            output.append(Data("\n".utf8))
            FileHandle.standardOutput.write(output)
        }
    }
}
