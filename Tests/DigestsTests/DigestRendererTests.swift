import Foundation
import Testing
@testable import Digests

@Suite("Rendering the weekly digests and the overview")
struct DigestRendererTests {
    /// Positions of `needles` in `text`, failing the test when one is absent.
    func positions(_ needles: [String], in text: String) -> [String.Index] {
        needles.compactMap { needle in
            let range = text.range(of: needle)
            #expect(range != nil, "missing \(needle)")
            return range?.lowerBound
        }
    }

    @Test("acts are grouped by phase group in the issue's order, then by primary domain, most municipally relevant first")
    func groupingAndOrder() throws {
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(), language: "en")
        // Phase groups: enacted, parliament, government, drafts, ended, unclassified.
        let groups = positions(["Adopted and published (2)", "In parliament (4)", "Government proposals (1)",
                                "Drafts and consultations (1)", "Withdrawn or rejected (1)", "Unclassified (1)"], in: digest.text)
        #expect(groups == groups.sorted())
        // Within enacted: adopted before published (legislative order).
        let enacted = positions(["Zakon o lokalni samoupravi", "Zakon o davku na dodano vrednost"], in: digest.text)
        #expect(enacted == enacted.sorted())
        // Within parliament: first reading, then second; within second reading the local-finance act
        // (municipal, 0.95) comes before public employees (municipal, 0.7), and the tie a8/a9 is broken by id.
        let parliament = positions(["== First reading (1) ==", "== Second reading (3) ==", "[Local finance]",
                                    "[Public employees]"], in: digest.text)
        #expect(parliament == parliament.sorted())
        let html = digest.html
        let a8 = try #require(html.range(of: "https://www.dz-rs.si/a8"))
        let a9 = try #require(html.range(of: "https://www.dz-rs.si/a9"))
        #expect(a8.lowerBound < a9.lowerBound)
        #expect(digest.title == "Weekly news 2026-W48")
        #expect(!digest.isEmpty)
    }

    @Test("the at-a-glance table counts acts and municipal acts per phase group")
    func glance() throws {
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(), language: "en")
        #expect(digest.text.contains("  In parliament: 4 (For municipalities: 3)"))
        #expect(digest.text.contains("  Total: 10 (For municipalities: 5)"))
        #expect(digest.html.contains("<tr><td>In parliament</td><td class=\"num\">4</td><td class=\"num\">3</td></tr>"))
        #expect(digest.summary == "Acts: 10, for municipalities: 5")
    }

    @Test("each act shows title, identifiers, links, timeline with raw wording, localized domains, relevance and why")
    func actDetails() throws {
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(), language: "sl")
        for expected in ["Zakon o financiranju občin", "EPA 1234-IX", "https://www.dz-rs.si/akt", "Financiranje občin, Lokalna samouprava",
                         "0.95", "keyword: občina", "24. 11. 2026", "Druga obravnava", "raw second-reading", "Državni zbor",
                         "zadeva občine", "Pripravljeno: 27. 11. 2026 12:30"] {
            #expect(digest.text.contains(expected), "text lacks \(expected)")
            #expect(digest.html.contains(expected), "HTML lacks \(expected)")
        }
        #expect(digest.title == "Tedenske novice 2026-W48")
        #expect(digest.text.contains("Teden 2026-W48: 23. 11. 2026 – 29. 11. 2026"))
        #expect(digest.html.contains("Teden 2026-W48 · 23. 11. 2026 – 29. 11. 2026"))
    }

    @Test("feed text is escaped in HTML, and only http(s) links are clickable")
    func escaping() throws {
        let hostile = Fixtures.act("x", "<script>alert('x')</script> & \"co\"", phase: "draft",
                                   links: ["javascript:alert(1)", "https://example.org/?a=1&b=2"],
                                   why: ["<b>bold</b>"])
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(acts: [hostile]), language: "en")
        #expect(!digest.html.contains("<script>"))
        #expect(!digest.html.contains("<b>bold</b>"))
        #expect(digest.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"))
        #expect(digest.html.contains("href=\"https://example.org/?a=1&amp;b=2\""))
        #expect(!digest.html.contains("href=\"javascript:"))
        #expect(digest.text.contains("<script>alert('x')</script> & \"co\""), "the text version is not HTML-escaped")
    }

    @Test("text lines are at most 80 columns unless a single word is longer")
    func textWidth() throws {
        let long = Fixtures.act("l", String(repeating: "Zelo dolg naslov zakona o spremembah ", count: 6), phase: "draft",
                                why: [String(repeating: "razlog ", count: 30)])
        let renderer = try Fixtures.renderer()
        for language in DigestRenderer.languages {
            let text = try renderer.renderWeekly(Fixtures.weeklyInput(acts: Fixtures.acts + [long]), language: language).text
            for line in text.split(separator: "\n") where line.count > 80 {
                #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(language): \(line)")
            }
        }
    }

    @Test("the same input renders byte-identically, whatever the order of acts and problems")
    func deterministic() throws {
        let renderer = try Fixtures.renderer()
        let problems = [SourceProblem(sourceName: "B", lastError: "timeout", consecutiveFailures: 2, lastSuccess: nil, nextAttempt: nil),
                        SourceProblem(sourceName: "A", lastError: "HTTP 500", consecutiveFailures: 1,
                                      lastSuccess: Fixtures.date("2026-11-20T08:00:00Z"), nextAttempt: Fixtures.date("2026-11-28T08:00:00Z"))]
        let first = try renderer.renderWeekly(Fixtures.weeklyInput(problems: problems), language: "sl")
        let second = try renderer.renderWeekly(Fixtures.weeklyInput(acts: Fixtures.acts.reversed(), problems: problems.reversed()),
                                               language: "sl")
        #expect(Data(first.html.utf8) == Data(second.html.utf8))
        #expect(Data(first.text.utf8) == Data(second.text.utf8))
    }

    @Test("an empty week gives a short digest that says so")
    func emptyWeek() throws {
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(acts: []), language: "sl")
        #expect(digest.isEmpty)
        #expect(digest.text.contains("Ta teden ni novih ali spremenjenih aktov."))
        #expect(digest.html.contains("Ta teden ni novih ali spremenjenih aktov."))
        #expect(!digest.text.contains("Na kratko"))
        #expect(digest.text.split(separator: "\n").count < 10)
    }

    @Test("sources with problems are listed only when there are some")
    func problems() throws {
        let renderer = try Fixtures.renderer()
        let problem = SourceProblem(sourceName: "Uradni list", lastError: "HTTP 503 <Service Unavailable>", consecutiveFailures: 3,
                                    lastSuccess: Fixtures.date("2026-11-20T08:00:00Z"), nextAttempt: nil)
        let with = try renderer.renderWeekly(Fixtures.weeklyInput(acts: [], problems: [problem]), language: "en")
        #expect(with.text.contains("Sources with problems"))
        #expect(with.text.contains("* Uradni list: HTTP 503 <Service Unavailable>"))
        #expect(with.text.contains("  Failures in a row: 3\n  Last success: 20 Nov 2026 09:00\n"))
        #expect(with.html.contains("HTTP 503 &lt;Service Unavailable&gt;"))
        let without = try renderer.renderWeekly(Fixtures.weeklyInput(), language: "en")
        #expect(!without.text.contains("Sources with problems"))
        #expect(!without.html.contains("Sources with problems"))
    }

    @Test("all five languages render with their own labels", arguments: [
        ("sl", "Tedenske novice", "Druga obravnava", "Financiranje občin", "24. 11. 2026"),
        ("sr-Latn", "Nedeljne vesti", "Drugo čitanje", "Finansiranje opština", "24. 11. 2026."),
        ("sr-Cyrl", "Недељне вести", "Друго читање", "Финансирање општина", "24. 11. 2026."),
        ("bs", "Sedmične novosti", "Drugo čitanje", "Finansiranje općina", "24. 11. 2026."),
        ("en", "Weekly news", "Second reading", "Local finance", "24 Nov 2026"),
    ])
    func languages(language: String, title: String, phase: String, domain: String, date: String) throws {
        let digest = try Fixtures.renderer().renderWeekly(Fixtures.weeklyInput(), language: language)
        #expect(digest.title == "\(title) 2026-W48")
        #expect(digest.html.contains("<html lang=\"\(language)\">"))
        for expected in [title, phase, domain, date] {
            #expect(digest.text.contains(expected), "\(language) text lacks \(expected)")
            #expect(digest.html.contains(expected), "\(language) HTML lacks \(expected)")
        }
    }

    @Test("Europreglednik has its own title")
    func europreglednik() throws {
        var input = Fixtures.weeklyInput()
        input.kind = .eu
        let digest = try Fixtures.renderer().renderWeekly(input, language: "sl")
        #expect(digest.title == "Europreglednik 2026-W48")
    }

    @Test("an unknown phase or domain falls back to its id; an unknown language is an error")
    func fallbacks() throws {
        let odd = Fixtures.act("o", "Akt", phase: "promulgation", domains: [("space-travel", 1)])
        let renderer = try Fixtures.renderer()
        let digest = try renderer.renderWeekly(Fixtures.weeklyInput(acts: [odd]), language: "sl")
        #expect(digest.text.contains("promulgation"))
        #expect(digest.text.contains("space-travel"))
        #expect(digest.text.contains("Nerazvrščeno (1)"), "an unknown phase is shown with the unclassified")
        #expect(throws: DigestError.self) { try renderer.renderWeekly(Fixtures.weeklyInput(), language: "de") }
    }

    @Test("the overview lists acts in procedure in legislative order with days in phase, then recently completed acts")
    func overview() throws {
        var old = Fixtures.act("old", "Star objavljen zakon", phase: "published")
        old.phaseSince = Fixtures.date("2026-08-01T08:00:00Z")
        let input = OverviewInput(jurisdiction: "si", generatedAt: Fixtures.date("2026-12-04T10:00:00Z"),
                                  acts: Fixtures.acts + [old], completedWeeks: 4)
        let digest = try Fixtures.renderer().renderOverview(input, language: "en")
        #expect(digest.title == "Preglednik – Slovenia")
        let order = positions(["In procedure (8)", "== Public consultation (1) ==", "== Government proposal (1) ==",
                               "== First reading (1) ==", "== Second reading (3) ==", "== Adopted (1) ==", "== Unclassified (1) ==",
                               "Completed in the last 4 weeks (2)", "== Published (1) ==", "== Withdrawn (1) =="], in: digest.text)
        #expect(order == order.sorted())
        #expect(digest.text.contains("Days in phase: 10 (In this phase since 24 Nov 2026); Last change: 25 Nov 2026"))
        #expect(!digest.text.contains("Star objavljen zakon"), "completed before the last 4 weeks")
        #expect(digest.html.contains("<td class=\"num\" style=\"padding:8px;border-bottom:1px solid #e5eaf0;vertical-align:top;\">10</td>"))
        let again = try Fixtures.renderer().renderOverview(input, language: "en")
        #expect(again.html == digest.html && again.text == digest.text)
    }

    @Test("an empty overview says there is nothing in procedure")
    func emptyOverview() throws {
        let digest = try Fixtures.renderer().renderOverview(
            OverviewInput(jurisdiction: nil, generatedAt: Fixtures.date("2026-12-04T10:00:00Z"), acts: [], completedWeeks: 4),
            language: "sl")
        #expect(digest.isEmpty)
        #expect(digest.title == "Preglednik")
        #expect(digest.text.contains("V postopku ni nobenega akta."))
    }

    @Test("every HTML digest is a complete document with balanced tables and no obsolete attributes")
    func htmlShape() throws {
        let renderer = try Fixtures.renderer()
        let overview = OverviewInput(jurisdiction: nil, generatedAt: Fixtures.date("2026-12-04T10:00:00Z"), acts: Fixtures.acts, completedWeeks: 4)
        let problem = SourceProblem(sourceName: "X", lastError: "e", consecutiveFailures: 1, lastSuccess: nil, nextAttempt: nil)
        for language in DigestRenderer.languages {
            for html in [try renderer.renderWeekly(Fixtures.weeklyInput(problems: [problem]), language: language).html,
                         try renderer.renderWeekly(Fixtures.weeklyInput(acts: []), language: language).html,
                         try renderer.renderOverview(overview, language: language).html] {
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">\n<head>\n<meta charset=\"utf-8\">"))
                #expect(html.contains("<title>") && html.hasSuffix("</html>\n"))
                for tag in ["table", "tr", "td", "th", "p", "h1", "h2", "h3"] {
                    let opened = html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 2
                    let closed = html.components(separatedBy: "</\(tag)>").count - 1
                    #expect(opened == closed, "\(language): <\(tag)> opened \(opened) times, closed \(closed)")
                }
                for obsolete in [" cellpadding=", " cellspacing=", " bgcolor=", " align=", " valign=", " width=", " border=", "<font", "<center"] {
                    #expect(!html.contains(obsolete), "\(language): \(obsolete)")
                }
                #expect(!html.contains("{{") && !html.contains("}}"), "no Mustache tag is left unrendered")
            }
        }
    }
}
