import Foundation

/// An ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday).
///
/// All arithmetic is done on civil dates, so the result never depends on the process locale or on
/// the platform's calendar data; only `start(in:)`/`end(in:)` and `init(containing:timeZone:)` use the
/// time zone to map between civil dates and instants.
public struct ISOWeek: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The ISO week-numbering year (may differ from the calendar year around New Year).
    public var year: Int
    /// The week number, 1...52 or 1...53.
    public var week: Int

    /// Creates a week from its parts; not validated (use `init?(string:)` for user input).
    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `2026-W47` (also `2026W47` and a lower-case `w`); nil when malformed or when the year has
    /// no such week (e.g. `2025-W53`).
    public init?(string: String) {
        let text = string.trimmingCharacters(in: .whitespaces)
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "W" || $0 == "w" })
        guard parts.count == 2 else { return nil }
        var yearText = parts[0]
        if yearText.hasSuffix("-") { yearText = yearText.dropLast() }
        let weekText = parts[1]
        guard yearText.count == 4, yearText.allSatisfy(\.isASCII), weekText.count == 2, weekText.allSatisfy(\.isASCII),
              let year = Int(yearText), let week = Int(weekText) else { return nil }
        guard week >= 1, week <= Self.weeksIn(year: year) else { return nil }
        self.init(year: year, week: week)
    }

    /// The week that contains `date` as seen on a wall clock in `timeZone`.
    public init(containing date: Date, timeZone: TimeZone) {
        let civil = CivilDate(date, in: timeZone)
        let weekday = civil.isoWeekday
        let ordinal = civil.dayOfYear
        var year = civil.year
        var week = (ordinal - weekday + 10) / 7
        if week < 1 {
            year -= 1
            week = Self.weeksIn(year: year)
        } else if week > Self.weeksIn(year: year) {
            year += 1
            week = 1
        }
        self.init(year: year, week: week)
    }

    /// Monday 00:00 of this week, local time in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        mondayDate.startOfDay(in: timeZone)
    }

    /// The following Monday 00:00, local time in `timeZone` (exclusive end of the week).
    public func end(in timeZone: TimeZone) -> Date {
        mondayDate.adding(days: 7).startOfDay(in: timeZone)
    }

    /// The week after this one.
    public var next: ISOWeek {
        week < Self.weeksIn(year: year) ? ISOWeek(year: year, week: week + 1) : ISOWeek(year: year + 1, week: 1)
    }

    /// `2026-W47`.
    public var description: String {
        "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// Monday of this week as a civil date.
    var mondayDate: CivilDate {
        let january4 = CivilDate(year: year, month: 1, day: 4)
        return january4.adding(days: 1 - january4.isoWeekday + (week - 1) * 7)
    }

    /// 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
    public static func weeksIn(year: Int) -> Int {
        func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
        return p(year) == 4 || p(year - 1) == 3 ? 53 : 52
    }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// Encoded as its description, `"2026-W47"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let week = ISOWeek(string: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO week: \(text)"))
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
