import Foundation
import Testing
@testable import Storage

struct SQLiteStatementTests {
    @Test("typed binds keep text, empty text and NULL apart, and a parameter's buffer can grow")
    func typedBinds() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = store.database
        try database.execute("CREATE TABLE t (a TEXT, b TEXT)")
        let insert = try SQLiteStatement(database: database, sql: "INSERT INTO t (a, b) VALUES (?1, ?2)")
        let long = String(repeating: "občina ", count: 40)
        for (a, b) in [("kratko", nil), ("", "x"), (long, "y"), ("ž", long)] as [(String, String?)] {
            try insert.bind(a, at: 1)
            try insert.bind(b, at: 2)
            try insert.run()
        }
        let rows = try database.query("SELECT a, b, b IS NULL FROM t ORDER BY rowid")
        #expect(rows.map { $0.text(0) } == ["kratko", "", long, "ž"])
        #expect(rows.map { $0.text(1) } == [nil, "x", "y", long])
        #expect(rows.map { $0.integer(2) } == [1, 0, 0, 0])
    }

    @Test("rebinding a statement that is still returning rows is refused")
    func busyStatement() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let select = try SQLiteStatement(database: store.database, sql: "SELECT id FROM sources WHERE id <> ?1")
        try select.bind("none", at: 1)
        #expect(try select.step())
        #expect(throws: SQLiteError.self) { try select.bind("other", at: 1) }
        select.reset()
        try select.bind("si-dz", at: 1)
        var ids: [String] = []
        while try select.step() { ids.append(select.text(at: 0) ?? "") }
        #expect(ids.sorted() == ["rs-sg", "si-ul"])
    }
}
