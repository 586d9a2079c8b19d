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

    func run() throws {
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
}
