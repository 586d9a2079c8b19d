import Foundation
import Testing
@testable import FeedParsing

@Suite("Dates")
struct DateParserTests {
    @Test(arguments: [
        // RFC 822 / 1123 and common mistakes
        ("Fri, 20 Nov 2026 08:00:00 GMT", "2026-11-20T08:00:00Z"),
        ("Fri, 20 Nov 2026 08:00:00 +0100", "2026-11-20T07:00:00Z"),
        ("20 Nov 2026 08:00 -0500", "2026-11-20T13:00:00Z"),
        ("Friday, 20 November 2026 08:00:00 EST", "2026-11-20T13:00:00Z"),
        ("Fri, 20 Nov 26 08:00:00 Z", "2026-11-20T08:00:00Z"),
        ("Fri, 20 Nov 2026 08:00:00 CEST", "2026-11-20T06:00:00Z"),
        ("Nov 20 2026 08:00:00 UT", "2026-11-20T08:00:00Z"),
        ("TUE, 01 DEC 2026 10:15:00 +0100", "2026-12-01T09:15:00Z"),
        ("  thu, 3 jun 2027 23:59:59 +0000 ", "2027-06-03T23:59:59Z"),
        ("Thurs, 03 June 2027 12:00:00 GMT", "2027-06-03T12:00:00Z"),
        ("Wed, 2 Sept 2026 12:00:00 GMT", "2026-09-02T12:00:00Z"),
        // RFC 3339 / W3C-DTF / ISO 8601
        ("2026-11-20T08:00:00Z", "2026-11-20T08:00:00Z"),
        ("2026-11-20T08:00:00.123+02:00", "2026-11-20T06:00:00Z"),
        ("2026-11-20T08:00+01:00", "2026-11-20T07:00:00Z"),
        ("2026-11-20 08:00:00", "2026-11-20T08:00:00Z"),
        ("2026-11-20", "2026-11-20T00:00:00Z"),
        ("2026-11", "2026-11-01T00:00:00Z"),
        ("20261120T080000Z", "2026-11-20T08:00:00Z"),
        // Local forms of our sources
        ("22. 11. 2026", "2026-11-22T00:00:00Z"),
        ("22.11.2026.", "2026-11-22T00:00:00Z"),
        ("22.11.2026", "2026-11-22T00:00:00Z"),
        ("22. novembra 2026", "2026-11-22T00:00:00Z"),
        ("1. decembra 2026", "2026-12-01T00:00:00Z"),
        ("3. marca 2026", "2026-03-03T00:00:00Z"),
        ("22. studenoga 2026.", "2026-11-22T00:00:00Z"),
        ("5. siječnja 2027.", "2027-01-05T00:00:00Z"),
        ("22. новембра 2026. године", "2026-11-22T00:00:00Z"),
        ("7. јануар 2026", "2026-01-07T00:00:00Z"),
        ("22. novembar 2026", "2026-11-22T00:00:00Z"),
        ("22. 11. 2026 ob 10:30", "2026-11-22T10:30:00Z"),
    ])
    func parses(text: String, iso: String) throws {
        let date = try #require(DateParser.parse(text), "\(text) did not parse")
        #expect(FeedRecords.iso(date) == iso)
    }

    @Test(arguments: ["", "ni določeno", "32. 13. 2026", "2026-13-01", "Fri, 45 Nov 2026 08:00:00 GMT", "yesterday"])
    func rejects(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test func epochArithmeticMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (2026, 11, 22), (2100, 3, 1)] {
            let expected = calendar.date(from: DateComponents(year: year, month: month, day: day))!.timeIntervalSince1970
            #expect(Double(DateParser.epochSeconds(year: year, month: month, day: day)) == expected)
        }
    }
}
