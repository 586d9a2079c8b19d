/// Parses schedule intervals written as `30m`, `2h`, `1d`, `90s` or `1h30m`.
enum IntervalText {
    static func seconds(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        for character in text.lowercased() where character != " " {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86_400
            case "w": total += value * 604_800
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, total > 0 else { return nil }
        return total
    }
}
