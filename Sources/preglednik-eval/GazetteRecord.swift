import Foundation

/// One act of the Serbian official gazette metadata file (`#`-separated, Cyrillic, header line).
struct GazetteRecord {
    var title: String
    var note: String
    var actType: String
    var adopter: String
    /// Subject area's Roman numeral, e.g. "XV".
    var area: String
    /// Group number within the area, e.g. 7.
    var group: Int?
    /// The group as written, e.g. "7. Основно и предшколско образовање и васпитање".
    var groupLabel: String

    /// Reads every record; lines with too few fields are reported and skipped.
    static func load(path: String) throws -> (records: [GazetteRecord], skipped: Int) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var records: [GazetteRecord] = []
        var skipped = 0
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 8 else {
                skipped += 1
                continue
            }
            let area = fields[6].split(separator: " ").first.map(String.init) ?? ""
            let group = fields[7].split(separator: ".").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            records.append(GazetteRecord(title: cleanTitle(fields[0]), note: fields[2], actType: fields[4],
                                         adopter: fields[5], area: area, group: group, groupLabel: fields[7]))
        }
        return (records, skipped)
    }

    /// The title without the trailing gazette citation (": 51/2006-25, 67/2012-5 (УС)").
    static func cleanTitle(_ raw: String) -> String {
        guard let colon = raw.range(of: ": ", options: .backwards),
              raw[colon.upperBound...].first?.isNumber == true else { return raw }
        return String(raw[..<colon.lowerBound])
    }
}
