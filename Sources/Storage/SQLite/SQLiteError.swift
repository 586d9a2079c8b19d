/// A failure reported by SQLite, with the statement or file it concerns.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary result code (e.g. 5 = SQLITE_BUSY, 11 = SQLITE_CORRUPT).
    public var code: Int32
    /// SQLite's message plus our context.
    public var message: String

    /// Creates an error.
    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
