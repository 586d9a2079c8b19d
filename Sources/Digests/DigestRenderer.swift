import Foundation
import Mustache

/// Renders the weekly digests and the overview from the Mustache templates in `config/templates` and
/// the labels in `config/labels.toml`, as one self-contained HTML file and an 80-column text.
///
/// Rendering is a pure function of the input: dates are formatted in the given time zone and nothing
/// reads the clock, so the same input gives byte-identical output.
public struct DigestRenderer: Sendable {
    /// The languages the bundled labels cover; the first is the default.
    public static let languages = ["sl", "sr-Latn", "sr-Cyrl", "bs", "en"]

    /// Templates every installation needs; other `*.mustache` files in the folder are partials.
    static let requiredTemplates = ["weekly.html", "weekly.txt", "overview.html", "overview.txt"]

    let library: MustacheLibrary
    let labels: DigestLabels
    let timeZone: TimeZone

    /// Loads and checks the templates and labels.
    /// - Parameters:
    ///   - templatesDirectory: folder of `*.mustache` files (`weekly.html.mustache`, `weekly.txt.mustache`,
    ///     `overview.html.mustache`, `overview.txt.mustache` and partials, named without `.mustache`).
    ///   - labelsFile: the labels TOML file.
    ///   - timeZone: the zone dates are shown in.
    /// - Throws: `DigestError` naming the missing or broken template, or the labels file and key.
    public init(templatesDirectory: URL, labelsFile: URL, timeZone: TimeZone) throws {
        library = try Self.loadTemplates(templatesDirectory)
        labels = try DigestLabels(file: labelsFile)
        self.timeZone = timeZone
    }

    /// Renders Tedenske novice or Europreglednik for one week.
    /// - Throws: `DigestError.Code.unsupportedLanguage` for a language outside `languages`.
    public func renderWeekly(_ input: WeeklyDigestInput, language: String) throws -> RenderedDigest {
        let presenter = try presenter(language)
        let context = presenter.weekly(input, timeZone: timeZone)
        return render(context, template: "weekly", isEmpty: input.acts.isEmpty)
    }

    /// Renders the standing overview.
    /// - Throws: `DigestError.Code.unsupportedLanguage` for a language outside `languages`.
    public func renderOverview(_ input: OverviewInput, language: String) throws -> RenderedDigest {
        let presenter = try presenter(language)
        let context = presenter.overview(input)
        return render(context, template: "overview", isEmpty: context["empty"] as? Bool ?? false)
    }

    private func presenter(_ language: String) throws -> DigestPresenter {
        guard Self.languages.contains(language) else {
            throw DigestError(.unsupportedLanguage, file: labels.file, key: language,
                              message: "is not a digest language; use \(Self.languages.joined(separator: ", "))")
        }
        return DigestPresenter(labels: labels, language: language, timeZone: timeZone)
    }

    private func render(_ context: [String: Any], template: String, isEmpty: Bool) -> RenderedDigest {
        let html = library.render(context, withTemplate: "\(template).html") ?? ""
        let text = library.render(context, withTemplate: "\(template).txt") ?? ""
        return RenderedDigest(title: context["title"] as? String ?? "", html: TextWrapping.dropBlankLines(html),
                              text: TextWrapping.wrap(text), isEmpty: isEmpty,
                              heading: context["heading"] as? String ?? "", summary: context["summary"] as? String ?? "")
    }

    private static func loadTemplates(_ directory: URL) throws -> MustacheLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw DigestError(.missingTemplate, file: directory.path,
                              message: "the templates folder cannot be read; check the `templates` path in the config")
        }
        var library = MustacheLibrary()
        for name in names {
            let file = directory.appendingPathComponent(name)
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw DigestError(.brokenTemplate, file: file.path, message: "cannot be read as UTF-8 (\(error.localizedDescription))")
            }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw DigestError(.brokenTemplate, file: file.path, line: error.context.lineNumber,
                                  message: "Mustache syntax error at column \(error.context.columnNumber) (\(error.error)): \(error.context.line)")
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil {
            let path = directory.appendingPathComponent("\(required).mustache").path
            throw DigestError(.missingTemplate, file: path, key: required, message: "is missing; restore it from the repository's config/templates")
        }
        return library
    }
}
