import Foundation
import TestSupport
import Testing
@testable import Mail

@Suite("MIME messages: headers can't be injected, encodings are standard")
struct MIMEMessageTests {
    let date = Date(timeIntervalSince1970: 1_796_161_600)

    func write(_ message: MIMEMessage) throws -> (URL, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-mime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("m.eml")
        try Data(message.render()).write(to: file)
        return (folder, file)
    }

    @Test("CR/LF in subject, names and unsubscribe addresses never produce a header line")
    func headerInjection() throws {
        let evil = "Zakon o občinah\r\nBcc: victim@example.net\r\n\r\n<script>"
        let message = MIMEMessage(
            from: EmailAddress("preglednik@example.org")!, fromName: "Preglednik\nX-Injected: yes",
            to: EmailAddress("ana@example.org")!, toName: "Ana\r\nCc: other@example.net", subject: evil,
            text: "body", html: "<p>body</p>", messageID: "id\r\nX-Evil: 1@example.org", date: date,
            unsubscribeMailto: "mailto:x@example.org\r\nX-Evil: 2", unsubscribeURL: "https://example.org/u\nX-Evil: 3",
            extraHeaders: [("X-Note\r\nBcc", "a\r\nBcc: b@example.net")])
        let headerBlock = String(decoding: message.render(), as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        for line in headerBlock.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            #expect(!lower.hasPrefix("bcc:") && !lower.hasPrefix("cc:") && !lower.hasPrefix("x-evil") && !lower.hasPrefix("x-injected"), "\(line)")
            #expect(!line.contains("\r") && !line.contains("\n"))
        }
        let (folder, file) = try write(message)
        defer { try? FileManager.default.removeItem(at: folder) }
        let parsed = try #require(try ParsedEML.parse([file]).first)
        #expect(!parsed.header_names.contains { ["bcc", "cc", "x-evil", "x-injected"].contains($0.lowercased()) }, "\(parsed.header_names)")
        #expect(parsed.subject == "Zakon o občinah Bcc: victim@example.net <script>")
        #expect(parsed.to_address == "ana@example.org")
        #expect(parsed.defects.isEmpty)
    }

    @Test("a long Cyrillic subject becomes folded encoded-words that decode to the original")
    func longSubjectFolds() throws {
        let subject = String(repeating: "Закон о локалној самоуправи и комуналним делатностима — ", count: 4) + "крај"
        let message = MIMEMessage(from: EmailAddress("p@example.org")!, to: EmailAddress("d@example.org")!, subject: subject,
                                  text: String(repeating: "ž", count: 200), html: "<p>x</p>", messageID: "a@example.org", date: date)
        let rendered = String(decoding: message.render(), as: UTF8.self)
        let lines = rendered.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.map(\.utf8.count).max() ?? 0)")
        let subjectLines = lines.drop(while: { !$0.hasPrefix("Subject:") }).prefix(while: { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") })
        #expect(subjectLines.count > 3)
        #expect(subjectLines.allSatisfy { $0.allSatisfy(\.isASCII) })
        let (folder, file) = try write(message)
        defer { try? FileManager.default.removeItem(at: folder) }
        let parsed = try #require(try ParsedEML.parse([file]).first)
        #expect(parsed.subject == subject)
        #expect(parsed.part("text/plain")?.content == String(repeating: "ž", count: 200))
    }

    @Test("an ASCII subject with a word too long to fold is encoded instead of overflowing the line")
    func longASCIIWord() throws {
        let subject = "See https://www.skupnostobcin.si/preglednik/" + String(repeating: "very-long-path-", count: 20) + " today"
        let message = MIMEMessage(from: EmailAddress("p@example.org")!, to: EmailAddress("d@example.org")!, subject: subject,
                                  text: "t", html: "h", messageID: "a@example.org", date: date)
        #expect(message.headers().joined(separator: "\r\n").components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let (folder, file) = try write(message)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ParsedEML.parse([file]).first?.subject == subject)
    }

    @Test("ASCII display names with specials are quoted; the Date header is RFC 5322")
    func addressesAndDate() throws {
        let message = MIMEMessage(from: EmailAddress("p@example.org")!, fromName: "Skupnost, \"SOS\"", to: EmailAddress("d@example.org")!,
                                  subject: "Weekly", text: "t", html: "h", messageID: "a@example.org", date: date)
        #expect(message.headers().contains("From: \"Skupnost, \\\"SOS\\\"\" <p@example.org>"))
        #expect(message.headers().contains("Date: Tue, 01 Dec 2026 21:46:40 +0000"))
        #expect(message.headers().contains("Subject: Weekly"))
    }

    @Test("quoted-printable keeps lines within 76 characters and escapes what it must")
    func quotedPrintable() {
        let encoded = QuotedPrintable.encode("a=b \nčšž\n.\n" + String(repeating: "x", count: 200) + "\nend \t")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines[0] == "a=3Db=20")
        #expect(lines[1] == "=C4=8D=C5=A1=C5=BE")
        #expect(lines[2] == "=2E")
        #expect(lines.last == "end =09")
        let bytes = Array(encoded.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 0x0A || ($0 > 0 && bytes[$0 - 1] == 0x0D) }, "every line ends in CRLF")
    }

    @Test("e-mail addresses: ordinary ones pass, header-breaking ones fail")
    func addresses() {
        for good in ["ana.novak@example.org", "a+b@sub.example.co.uk", "o'brien@example.ie"] {
            #expect(EmailAddress(good) != nil, "\(good)")
        }
        for bad in ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "ana@example.org\r\nBcc: x@y.org",
                    "ana@exa_mple.org", "ana..b@example.org", "<ana@example.org>", "špela@example.org", "ana@-example.org"] {
            #expect(EmailAddress(bad) == nil, "\(bad)")
        }
    }
}
