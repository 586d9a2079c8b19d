import Foundation

/// Formats dates for one language from the label `date_format` (placeholders `{d}`, `{dd}`, `{m}`, `{mm}`,
/// `{y}`, `{month}`), in a fixed time zone, without platform locale data, so output is byte-identical
/// everywhere.
struct DigestDateFormat: Sendable {
    let labels: DigestLabels
    let language: String
    let timeZone: TimeZone

    /// `24. 11. 2026` (sl), `24 Nov 2026` (en), …
    func date(_ date: Date) -> String {
        let civil = CivilDate(date, in: timeZone)
        return labels.text("date_format", language, [
            "d": String(civil.day), "dd": Self.twoDigits(civil.day),
            "m": String(civil.month), "mm": Self.twoDigits(civil.month),
            "y": String(civil.year), "month": labels.month(civil.month, language),
        ])
    }

    /// The date followed by the wall-clock time, `24. 11. 2026 14:05`.
    func dateTime(_ date: Date) -> String {
        "\(self.date(date)) \(Self.clock(date, in: timeZone, seconds: false))"
    }

    /// The wall-clock time `14:05` (or `14:05:09`) of `date` in `timeZone`.
    static func clock(_ date: Date, in timeZone: TimeZone, seconds: Bool) -> String {
        let total = Int((date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))).rounded(.down))
        let ofDay = ((total % 86_400) + 86_400) % 86_400
        let minutes = "\(twoDigits(ofDay / 3600)):\(twoDigits(ofDay % 3600 / 60))"
        return seconds ? "\(minutes):\(twoDigits(ofDay % 60))" : minutes
    }

    /// Whole calendar days from `from` to `to` in the time zone (0 on the same day).
    func days(from: Date, to: Date) -> Int {
        max(0, CivilDate(to, in: timeZone).daysSinceEpoch - CivilDate(from, in: timeZone).daysSinceEpoch)
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
