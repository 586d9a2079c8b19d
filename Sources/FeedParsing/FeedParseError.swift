/// Why a document could not be parsed at all (recoverable problems set `bozo` instead).
///
/// Codes are stable: `empty-document`, `not-a-feed`, `entity-refused`, `dtd-refused`,
/// `entity-expansion-refused`, `xml-error`, `encoding-unsupported`, `xpath-error`, `html-error`,
/// `selectors-required`.
public struct FeedParseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable machine-readable code.
    public var code: String
    /// A human description.
    public var message: String
    /// The line of the document where the problem was found, when known.
    public var line: Int?
    /// The column of the document where the problem was found, when known.
    public var column: Int?

    /// Creates an error.
    public init(code: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let line {
            text += " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")"
        }
        return text
    }
}
