import Classification
import Digests
import FeedParsing
import Foundation
import Mail

/// `preglednik check`: validates the configuration, every source definition, the rules and the
/// templates without fetching anything. Each finding names the file and what to do.
public enum ConfigCheck {
    /// One finding.
    public struct Finding: Sendable, CustomStringConvertible {
        /// `error` or `ok`.
        public var ok: Bool
        public var message: String
        public var description: String { (ok ? "ok     " : "ERROR  ") + message }
    }

    /// Checks everything; samples named by definitions are parsed with their selectors, so a bad
    /// XPath or a broken sample shows here rather than in the next run.
    public static func run(configFile: String) -> [Finding] {
        var findings: [Finding] = []
        let config: PreglednikConfig
        do {
            config = try PreglednikConfig.load(file: configFile)
            findings.append(Finding(ok: true, message: "\(configFile): configuration"))
        } catch {
            return [Finding(ok: false, message: "\(error)")]
        }
        do {
            _ = try config.loadClassifier()
            findings.append(Finding(ok: true, message: "\(config.rulesFolder)/phases.toml, domains.toml: rules"))
        } catch {
            findings.append(Finding(ok: false, message: "\(error)"))
        }
        do {
            _ = try DigestRenderer(templatesDirectory: URL(fileURLWithPath: config.templatesFolder),
                                   labelsFile: URL(fileURLWithPath: config.labelsFile), timeZone: config.timeZone)
            findings.append(Finding(ok: true, message: "\(config.templatesFolder), \(config.labelsFile): templates and labels"))
        } catch {
            findings.append(Finding(ok: false, message: "\(error)"))
        }
        if config.mailConfigured {
            do {
                // `load` validates the settings (security included).
                let settings = try MailSettings.load(configFile: configFile)
                // MemberDirectory rejects unknown languages, bad addresses and duplicates itself.
                let members = try MemberDirectory.load(file: settings.membersFile)
                findings.append(Finding(ok: true, message: "\(configFile) [mail], \(settings.membersFile): \(members.members.count) members"))
            } catch {
                findings.append(Finding(ok: false, message: "\(error)"))
            }
        }
        // Each definition on its own, so one bad file does not hide the others.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: config.feedsFolder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        if names.isEmpty { findings.append(Finding(ok: false, message: "\(config.feedsFolder): no source definitions (*.toml)")) }
        for name in names {
            let file = (config.feedsFolder as NSString).appendingPathComponent(name)
            do {
                let definition = try SourceDefinition.load(file: file)
                guard let sample = definition.samplePath else {
                    findings.append(Finding(ok: !config.offline, message: "\(file): source \(definition.id)" + (config.offline ? " has no `sample` but the config is offline" : " (no offline sample)")))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: sample) else {
                    findings.append(Finding(ok: false, message: "\(file): sample \(sample) cannot be read; fix `sample` (relative to the feeds folder)"))
                    continue
                }
                let feed = try FeedParser.parse(Array(data), kind: definition.kind, selectors: definition.xpath,
                                                options: FeedParseOptions(documentURL: definition.url, defaultEncoding: definition.defaultEncoding,
                                                                         includeExtras: false))
                let titled = feed.entries.filter { $0.title?.isEmpty == false }.count
                findings.append(Finding(ok: titled > 0, message: "\(file): source \(definition.id), sample has \(feed.entries.count) entries, \(titled) with a title" + (titled == 0 ? " — check [xpath] items and title" : "")))
            } catch {
                findings.append(Finding(ok: false, message: "\(file): \(error)"))
            }
        }
        return findings
    }
}
