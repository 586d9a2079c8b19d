import Foundation

/// Parses the dates feeds and gazettes write: RFC 822/1123 (and its common mistakes), RFC 3339 /
/// W3C-DTF / ISO 8601, and the local forms of our region ("22. 11. 2026", "22.11.2026.",
/// "22. novembra 2026", "22. новембра 2026", Croatian month names). Dates without a time are
/// midnight UTC; times without a zone are taken as UTC.
public enum DateParser {
    /// The date, or nil when the text is not a date this parser knows.
    public static func parse(_ raw: String) -> Date? {
        var copy = raw
        if let date = copy.withUTF8({ parseRFC822Fast($0.trimmingXMLSpace()) }) { return date }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        let scalars = Array(text.unicodeScalars)
        if let date = parseISO(scalars) { return date }
        let tokens = tokenize(text)
        if let date = parseRFC822(tokens) { return date }
        if let date = parseLocal(tokens) { return date }
        return nil
    }

    /// Seconds since 1970 for a proleptic Gregorian UTC date (Howard Hinnant's days-from-civil).
    static func epochSeconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    private static func makeDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
                                 _ second: Double = 0, offsetMinutes: Int = 0) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
              second >= 0, second < 62, year > 0, year < 10000 else { return nil }
        let whole = epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: Int(second))
        return Date(timeIntervalSince1970: Double(whole) + (second - second.rounded(.down)) - Double(offsetMinutes * 60))
    }

    // MARK: ISO 8601 / RFC 3339 / W3C-DTF

    private static func digits(_ s: [Unicode.Scalar], _ i: inout Int, count: Int) -> Int? {
        guard i + count <= s.count else { return nil }
        var value = 0
        for k in i..<(i + count) {
            let code = s[k].value
            guard code >= 48 && code <= 57 else { return nil }
            value = value * 10 + Int(code - 48)
        }
        i += count
        return value
    }

    private static func parseISO(_ s: [Unicode.Scalar]) -> Date? {
        var i = 0
        guard let year = digits(s, &i, count: 4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0
        var second = 0.0
        var offset = 0
        let compact = i < s.count && s[i] != "-"
        if i < s.count && s[i] == "-" {
            i += 1
            guard let m = digits(s, &i, count: 2) else { return nil }
            month = m
            if i < s.count && s[i] == "-" {
                i += 1
                guard let d = digits(s, &i, count: 2) else { return nil }
                day = d
            }
        } else if compact {
            guard let m = digits(s, &i, count: 2), let d = digits(s, &i, count: 2) else { return nil }
            month = m
            day = d
        }
        if i < s.count && (s[i] == "T" || s[i] == "t" || s[i] == " ") {
            i += 1
            guard let h = digits(s, &i, count: 2) else { return nil }
            hour = h
            if i < s.count && s[i] == ":" { i += 1 }
            guard let mi = digits(s, &i, count: 2) else { return nil }
            minute = mi
            if i < s.count && (s[i] == ":" || (s[i].value >= 48 && s[i].value <= 57)) {
                if s[i] == ":" { i += 1 }
                guard let sec = digits(s, &i, count: 2) else { return nil }
                second = Double(sec)
                if i < s.count && (s[i] == "." || s[i] == ",") {
                    i += 1
                    var fraction = "0."
                    while i < s.count, s[i].value >= 48, s[i].value <= 57 {
                        fraction.unicodeScalars.append(s[i])
                        i += 1
                    }
                    second += Double(fraction) ?? 0
                }
            }
            while i < s.count && s[i] == " " { i += 1 }
            if i < s.count {
                if s[i] == "Z" || s[i] == "z" {
                    i += 1
                } else if s[i] == "+" || s[i] == "-" {
                    let sign = s[i] == "-" ? -1 : 1
                    i += 1
                    guard let oh = digits(s, &i, count: 2) else { return nil }
                    var om = 0
                    if i < s.count && s[i] == ":" { i += 1 }
                    if i < s.count { om = digits(s, &i, count: 2) ?? 0 }
                    offset = sign * (oh * 60 + om)
                } else {
                    let rest = String(String.UnicodeScalarView(s[i...])).trimmingWhitespace()
                    guard let zone = zoneOffset(rest) else { return nil }
                    offset = zone
                    i = s.count
                }
            }
        }
        guard i == s.count else { return nil }
        return makeDate(year, month, day, hour, minute, second, offsetMinutes: offset)
    }

    // MARK: RFC 822 and local forms

    /// The common RFC 822 shape, read byte by byte: `[Ddd, ]D Mon YYYY HH:MM[:SS] ±HHMM|GMT|UT|Z`.
    private static func parseRFC822Fast(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func skipSpaces() { while i < b.count && b[i] == 0x20 { i += 1 } }
        func number(max: Int) -> (Int, Int)? {
            var value = 0, count = 0
            while i < b.count, count < max, b[i] >= 48, b[i] <= 57 {
                value = value * 10 + Int(b[i] - 48)
                i += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }
        func word() -> String? {
            let start = i
            while i < b.count, (b[i] >= 65 && b[i] <= 90) || (b[i] >= 97 && b[i] <= 122) { i += 1 }
            return i > start ? String(decoding: b[start..<i], as: UTF8.self).lowercased() : nil
        }
        // The usual three-letter names are read as bytes; longer ones go through the tables.
        func threeLetters() -> UInt32? {
            guard i + 3 <= b.count, i + 3 == b.count || !(b[i + 3] | 0x20 >= 97 && b[i + 3] | 0x20 <= 122) else { return nil }
            let key = UInt32(b[i] | 0x20) << 16 | UInt32(b[i + 1] | 0x20) << 8 | UInt32(b[i + 2] | 0x20)
            return key
        }
        if let first = b.first, (first >= 65 && first <= 90) || (first >= 97 && first <= 122) {
            if let key = threeLetters(), shortWeekdays.contains(key) {
                i += 3
            } else {
                guard let name = word(), weekdays.contains(name) else { return nil }
            }
            guard i < b.count, b[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        skipSpaces()
        guard let (day, _) = number(max: 2) else { return nil }
        skipSpaces()
        let month: Int
        if let key = threeLetters(), let index = shortMonths.firstIndex(of: key) {
            month = index + 1
            i += 3
        } else {
            guard let monthName = word(), let known = MonthNames.english[monthName] else { return nil }
            month = known
        }
        skipSpaces()
        guard let (rawYear, yearDigits) = number(max: 4) else { return nil }
        skipSpaces()
        guard let (hour, _) = number(max: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let (minute, _) = number(max: 2) else { return nil }
        var second = 0
        if i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            guard let (value, _) = number(max: 2) else { return nil }
            second = value
        }
        skipSpaces()
        var offset = 0
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let (value, digits) = number(max: 4), digits == 4 else { return nil }
            offset = sign * ((value / 100) * 60 + value % 100)
        } else if i < b.count {
            guard let zone = word(), let minutes = zones[zone] else { return nil }
            offset = minutes
        }
        guard i == b.count else { return nil }
        return makeDate(year(from: rawYear, digits: yearDigits), month, day, hour, minute, Double(second), offsetMinutes: offset)
    }

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case time(Int, Int, Int)
        case zone(Int)
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            defer { current = "" }
            let parts = current.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) {
                tokens.append(.time(Int(parts[0])!, Int(parts[1])!, parts.count == 3 ? Int(parts[2])! : 0))
            } else if (current.hasPrefix("+") || current.hasPrefix("-")), current.count == 5 || current.count == 6,
                      let value = Int(current.dropFirst().replacingOccurrences(of: ":", with: "")) {
                let sign = current.hasPrefix("-") ? -1 : 1
                tokens.append(.zone(sign * ((value / 100) * 60 + value % 100)))
            } else if current.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(current) {
                tokens.append(.number(value, digits: current.count))
            } else {
                tokens.append(.word(current.lowercased()))
            }
        }
        for character in text {
            if character == " " || character == "," || character == "." || character == "\t" || character == "/"
                || character == "\n" || character == "\r" {
                flush()
            } else if (character == "+" || (character == "-" && current.isEmpty == false && current.first!.isNumber == false)) && !current.isEmpty {
                flush()
                current.append(character)
            } else if character == "-" && !current.isEmpty && current.allSatisfy({ $0.isNumber }) {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return tokens
    }

    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "met": 60, "mest": 120,
        "eet": 120, "eest": 180, "bst": 60, "wet": 0, "west": 60, "a": -60, "m": -720, "n": 60, "y": 720,
    ]

    private static func zoneOffset(_ text: String) -> Int? {
        let lowered = text.lowercased()
        if let known = zones[lowered] { return known }
        for prefix in ["gmt", "utc", "ut"] where lowered.hasPrefix(prefix) {
            let rest = lowered.dropFirst(prefix.count)
            if let sign = rest.first, sign == "+" || sign == "-", let value = Int(rest.dropFirst().replacingOccurrences(of: ":", with: "")) {
                let minutes = value < 100 ? value * 60 : (value / 100) * 60 + value % 100
                return sign == "-" ? -minutes : minutes
            }
        }
        return nil
    }

    /// "mon" … "sun" and "jan" … "dec", lower-case ASCII packed into 24 bits.
    private static let shortWeekdays: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(packed)
    private static let shortMonths: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map(packed)

    private static func packed(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "tues", "thur", "thurs",
    ]

    private static func year(from value: Int, digits: Int) -> Int {
        guard digits <= 2 else { return value }
        return value < 50 ? 2000 + value : 1900 + value
    }

    private static func parseRFC822(_ input: [Token]) -> Date? {
        var tokens = input
        if case .word(let first) = tokens.first, weekdays.contains(first) { tokens.removeFirst() }
        var day: Int?, month: Int?, yearValue: Int?
        var time = (0, 0, 0)
        var offset = 0
        var index = 0
        // "19 May 2002" or "May 19 2002"
        guard tokens.count >= 3 else { return nil }
        if case .number(let d, _) = tokens[0], case .word(let m) = tokens[1], let mm = MonthNames.english[m] {
            day = d
            month = mm
        } else if case .word(let m) = tokens[0], let mm = MonthNames.english[m], case .number(let d, _) = tokens[1] {
            day = d
            month = mm
        } else {
            return nil
        }
        index = 2
        guard case .number(let y, let count) = tokens[index] else { return nil }
        yearValue = year(from: y, digits: count)
        index += 1
        if index < tokens.count, case .time(let h, let m, let s) = tokens[index] {
            time = (h, m, s)
            index += 1
        }
        if index < tokens.count {
            switch tokens[index] {
            case .zone(let minutes): offset = minutes
            case .word(let name):
                guard let minutes = zoneOffset(name) else { return nil }
                offset = minutes
            case .number(let value, let count) where count == 4:
                offset = (value / 100) * 60 + value % 100
            default: return nil
            }
            index += 1
        }
        guard index == tokens.count, let day, let month, let yearValue else { return nil }
        return makeDate(yearValue, month, day, time.0, time.1, Double(time.2), offsetMinutes: offset)
    }

    /// "22. 11. 2026", "22.11.2026.", "22. novembra 2026", "22 новембар 2026", optionally "ob 10:00" / "u 10:00 h".
    private static func parseLocal(_ tokens: [Token]) -> Date? {
        var meaningful = tokens.filter {
            if case .word(let word) = $0 { return !["ob", "u", "h", "godine", "године", "god", "год", "leta", "r"].contains(word) }
            return true
        }
        var time = (0, 0, 0)
        if case .time(let h, let m, let s) = meaningful.last {
            time = (h, m, s)
            meaningful.removeLast()
        }
        guard meaningful.count == 3, case .number(let day, _) = meaningful[0], case .number(let y, let count) = meaningful[2],
              count == 4 || count == 2 else { return nil }
        let month: Int
        switch meaningful[1] {
        case .number(let value, _): month = value
        case .word(let word):
            guard let value = MonthNames.local[word] else { return nil }
            month = value
        default: return nil
        }
        return makeDate(year(from: y, digits: count), month, day, time.0, time.1, Double(time.2))
    }
}
