import Testing
@testable import FeedParsing

@Suite("Streaming")
struct FeedStreamTests {
    private let document = """
    <?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0"><channel><title>Službeni glasnik</title>
    """ + (0..<50).map { "<item><title>Уредба број \($0) – čšž</title><guid>g\($0)</guid></item>\n" }.joined()
        + "</channel></rss>"

    @Test func byteByByteEqualsWholeDocument() throws {
        let whole = try parse(document)
        let stream = try FeedStream(options: FeedParseOptions())
        for byte in Array(document.utf8) {
            try [byte].withUnsafeBufferPointer { try stream.push($0) }
        }
        let streamed = try stream.finish()
        #expect(streamed.entries == whole.entries)
        #expect(streamed.feed == whole.feed)
        #expect(streamed.entries.count == 50)
        #expect(streamed.entries[7].title == "Уредба број 7 – čšž")
    }

    @Test func entriesAreHandedOverAndNotKept() throws {
        var titles: [String] = []
        let stream = try FeedStream(kind: .rss, options: FeedParseOptions()) { titles.append($0.title ?? "") }
        let bytes = Array(document.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + 100, buffer.count)
                try stream.push(UnsafeBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        let result = try stream.finish()
        #expect(titles.count == 50)
        #expect(titles.first == "Уредба број 0 – čšž")
        #expect(result.entries.isEmpty)
        #expect(result.feed.title == "Službeni glasnik")
    }

    @Test func hostileDocumentsAreRefusedWhileStreaming() throws {
        let stream = try FeedStream(options: FeedParseOptions())
        let hostile = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + String(repeating: " ", count: 5000)
            + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"
        var error: FeedParseError?
        do {
            try Array(hostile.utf8).withUnsafeBufferPointer { try stream.push($0) }
            _ = try stream.finish()
        } catch let refusal as FeedParseError {
            error = refusal
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(error?.code == "entity-refused")
    }
}
