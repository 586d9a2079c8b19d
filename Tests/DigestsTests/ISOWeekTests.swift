import Foundation
import Testing
@testable import Digests

@Suite("ISO weeks")
struct ISOWeekTests {
    let zone = Fixtures.zone

    /// Noon local time on a civil date.
    func noon(_ y: Int, _ m: Int, _ d: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12))!
    }

    @Test("weeks around New Year, checked against Foundation's ISO 8601 calendar",
          arguments: [(2020, 12, 31), (2021, 1, 1), (2021, 1, 4), (2024, 12, 30), (2025, 12, 29), (2026, 1, 1),
                      (2026, 12, 27), (2026, 12, 28), (2027, 1, 3), (2027, 1, 4), (2027, 12, 31), (2028, 1, 2)])
    func matchesFoundation(y: Int, m: Int, d: Int) {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = zone
        let date = noon(y, m, d)
        let expected = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        #expect(ISOWeek(containing: date, timeZone: zone) == ISOWeek(year: expected.yearForWeekOfYear!, week: expected.weekOfYear!))
    }

    @Test("2026 starts on a Thursday, so it has 53 weeks; 2025 and 2027 have 52")
    func weeksInYear() {
        #expect(ISOWeek.weeksIn(year: 2026) == 53)
        #expect(ISOWeek.weeksIn(year: 2025) == 52)
        #expect(ISOWeek.weeksIn(year: 2027) == 52)
        #expect(ISOWeek.weeksIn(year: 2020) == 53)
        #expect(ISOWeek(containing: noon(2026, 12, 31), timeZone: zone).description == "2026-W53")
        #expect(ISOWeek(containing: noon(2027, 1, 3), timeZone: zone).description == "2026-W53")
        #expect(ISOWeek(containing: noon(2027, 1, 4), timeZone: zone).description == "2027-W01")
        #expect(ISOWeek(containing: noon(2025, 12, 29), timeZone: zone).description == "2026-W01")
        #expect(ISOWeek(year: 2026, week: 53).next == ISOWeek(year: 2027, week: 1))
    }

    @Test("parsing accepts 2026-W47 and 2026W47 and rejects weeks the year does not have")
    func parsing() {
        #expect(ISOWeek(string: "2026-W47") == ISOWeek(year: 2026, week: 47))
        #expect(ISOWeek(string: "2026W47") == ISOWeek(year: 2026, week: 47))
        #expect(ISOWeek(string: "2026-W53") == ISOWeek(year: 2026, week: 53))
        for bad in ["2025-W53", "2026-W00", "2026-W54", "2026-47", "26-W47", "2026-W7", "2026-W4x", "", "2026-W47-1"] {
            #expect(ISOWeek(string: bad) == nil, "\(bad)")
        }
        #expect(ISOWeek(year: 2026, week: 7).description == "2026-W07")
    }

    @Test("start and end are local Mondays at midnight, across the DST change")
    func bounds() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // 2026-W13: 23–29 March; summer time begins on Sunday 29 March, so the week is 167 hours long.
        let week = ISOWeek(year: 2026, week: 13)
        let start = week.start(in: zone)
        let end = week.end(in: zone)
        #expect(calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: start)
            == DateComponents(year: 2026, month: 3, day: 23, hour: 0, minute: 0, weekday: 2))
        #expect(calendar.dateComponents([.year, .month, .day, .hour, .weekday], from: end)
            == DateComponents(year: 2026, month: 3, day: 30, hour: 0, weekday: 2))
        #expect(end.timeIntervalSince(start) == 167 * 3600)
        #expect(ISOWeek(containing: start, timeZone: zone) == week)
        #expect(ISOWeek(containing: end.addingTimeInterval(-1), timeZone: zone) == week)
        #expect(ISOWeek(containing: end, timeZone: zone) == week.next)
        // Week 1 of 2026 begins in 2025.
        #expect(calendar.dateComponents([.year, .month, .day], from: ISOWeek(year: 2026, week: 1).start(in: zone))
            == DateComponents(year: 2025, month: 12, day: 29))
    }

    @Test("weeks order by year then week and encode as their text")
    func orderAndCoding() throws {
        #expect(ISOWeek(year: 2026, week: 53) < ISOWeek(year: 2027, week: 1))
        #expect(ISOWeek(year: 2026, week: 9) < ISOWeek(year: 2026, week: 10))
        let data = try JSONEncoder().encode([ISOWeek(year: 2026, week: 9)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-W09"]"#)
        #expect(try JSONDecoder().decode([ISOWeek].self, from: data) == [ISOWeek(year: 2026, week: 9)])
    }
}
