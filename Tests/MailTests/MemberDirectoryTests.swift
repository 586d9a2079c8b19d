import ConfigFiles
import Foundation
import Testing
@testable import Mail

@Suite("Members and [mail] settings: clear errors naming file, line and key")
struct MemberDirectoryTests {
    func file(_ text: String) throws -> (URL, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-members-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("members.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file.path)
    }

    func loadError(_ text: String) throws -> ConfigError? {
        let (folder, path) = try file(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try MemberDirectory.load(file: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("the shipped config/members.toml loads: three members in sl, sr-Cyrl and en")
    func shippedMembers() throws {
        let directory = try MemberDirectory.load(file: MailFixtures.repository.appendingPathComponent("config/members.toml").path)
        #expect(directory.members.map(\.language) == ["sl", "sr-Cyrl", "en"])
        #expect(directory.members.allSatisfy { $0.email.domain == "example.org" })
        #expect(directory.subscribers(of: .eu).count == 2)
        let first = try #require(directory.members.first)
        #expect(first.wants(domains: ["local-finance"], relevance: 0.5, jurisdiction: "si"))
        #expect(!first.wants(domains: ["defence"], relevance: 0.9, jurisdiction: "si"))
        #expect(!first.wants(domains: ["local-finance"], relevance: 0.1, jurisdiction: "si"))
        #expect(!first.wants(domains: ["local-finance"], relevance: 0.9, jurisdiction: "rs"))
    }

    @Test("a bad address names the file, the line and the member's key")
    func badAddress() throws {
        let error = try #require(try loadError("""
            [[member]]
            name = "A"
            email = "a@example.org"
            language = "sl"

            [[member]]
            name = "B"
            language = "en"
            email = "b at example.org"
            """))
        #expect(error.key == "member[2].email")
        #expect(error.line == 9)
        #expect(error.file.hasSuffix("members.toml"))
        #expect(error.description.contains("b at example.org"))
    }

    @Test("unknown language, unknown key (in a member or at the top), bad digest, duplicate address and syntax errors are explained")
    func otherErrors() throws {
        let base = "[[member]]\nname = \"A\"\nemail = \"a@example.org\"\n"
        #expect(try loadError(base + "language = \"de\"\n")?.message.contains("sl, sr-Latn, sr-Cyrl, bs, en") == true)
        let unknown = try loadError(base + "language = \"sl\"\nemial = \"x\"\n")
        #expect(unknown?.key == "member[1].emial" && unknown?.line == 5)
        #expect(try loadError(base + "language = \"sl\"\ndigests = [\"daily\"]\n")?.key == "member[1].digests")
        #expect(try loadError(base + "language = \"sl\"\nmin_relevance = 2\n")?.key == "member[1].min_relevance")
        #expect(try loadError(base + "language = \"sl\"\n" + base.replacingOccurrences(of: "a@", with: "A@") + "language = \"en\"\n")?
            .message.contains("also member 1") == true)
        let syntax = try loadError("[[member]]\nname = \"A\nemail = 1\n")
        #expect(syntax?.line != nil && syntax?.message.contains("syntax") == true)
        #expect(try loadError(base)?.key == "member[1].language")
        let topLevel = try loadError("owner = \"x\"\n" + base + "language = \"sl\"\n")
        #expect(topLevel?.key == "owner" && topLevel?.line == 1 && topLevel?.message.contains("[[member]]") == true)
    }

    @Test("the shipped [mail] settings load; plain SMTP is refused except to loopback; no credentials in URLs")
    func settings() throws {
        let settings = try MailSettings.load(configFile: MailFixtures.repository.appendingPathComponent("config/preglednik.toml").path)
        #expect(try settings.security() == .startTLS)
        #expect(settings.usernameEnv == "PREGLEDNIK_SMTP_USER")
        #expect(settings.empty == .skip)
        var insecure = MailFixtures.settings(url: "smtp://mail.example.org:25")
        #expect(throws: ConfigError.self) { try insecure.security() }
        insecure.smtpURL = "smtp://127.0.0.1:2525"
        #expect(try insecure.security() == .none)
        insecure.smtpURL = "smtps://user:secret@mail.example.org"
        let error = try #require(throws: ConfigError.self) { try insecure.security() }
        #expect(!error.description.contains("secret"))
        insecure.smtpURL = "http://mail.example.org"
        #expect(throws: ConfigError.self) { try insecure.security() }
        #expect(throws: ConfigError.self) { try SMTPSender(settings: MailFixtures.settings(url: "smtps://mail.example.org").with(usernameEnv: "PG_TEST_UNSET_USER"), environment: [:]) }
    }

    @Test("a wrong [mail] value names the config file, line and key")
    func settingsErrors() throws {
        let (folder, path) = try file("""
            database = "x"

            [mail]
            smtp_url = "smtp://mail.example.org:587"
            from = "preglednik@example.org"
            empty = "sometimes"
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: ConfigError.self) { try MailSettings.load(configFile: path) }
        #expect(error.key == "mail.empty" && error.line == 6)
    }
}

extension MailSettings {
    func with(usernameEnv: String) -> MailSettings {
        var copy = self
        copy.usernameEnv = usernameEnv
        return copy
    }
}
