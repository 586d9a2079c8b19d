import Foundation
import TOMLKit

/// The gazette group → domain mapping of `config/eval/rs-gazette-groups.toml`.
struct GroupMapping {
    /// Gold value of the municipal flag for a group.
    enum Municipal {
        case yes, no, mixed
    }

    struct Group {
        var area: String
        var number: Int
        var domains: [String]
        var municipal: Municipal
    }

    var groups: [Group]

    /// Loads the mapping; errors name the file and the group.
    static func load(path: String) throws -> GroupMapping {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root = try TOMLTable(string: text)
        guard let array = root["group"]?.array else { throw EvalError("\(path): add [[group]] tables") }
        var groups: [Group] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table, let area = table["area"]?.string, let number = table["number"]?.int,
                  let domains = table["domains"]?.array?.compactMap({ $0.string }) else {
                throw EvalError("\(path): group[\(index + 1)] needs area (string), number (integer) and domains (list of ids)")
            }
            let municipal: Municipal
            switch (table["municipal"]?.bool, table["municipal"]?.string) {
            case (true, _): municipal = .yes
            case (false, _), (nil, nil): municipal = .no
            case (nil, "mixed"): municipal = .mixed
            default: throw EvalError("\(path): group[\(index + 1)].municipal must be true, false or \"mixed\"")
            }
            groups.append(Group(area: area, number: number, domains: domains, municipal: municipal))
        }
        return GroupMapping(groups: groups)
    }

    /// Gold domains and municipal flag of a record (empty and false for unmapped groups).
    func gold(_ record: GazetteRecord) -> (domains: Set<String>, municipal: Municipal) {
        guard let group = groups.first(where: { $0.area == record.area && $0.number == record.group }) else { return ([], .no) }
        return (Set(group.domains), group.municipal)
    }

    /// Every domain some group maps to, sorted.
    var domains: [String] { Set(groups.flatMap(\.domains)).sorted() }
}

/// A message for the user; the tool prints it and exits with status 2.
struct EvalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
