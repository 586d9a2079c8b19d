import Foundation

/// A large, realistic RSS 2.0 document in UTF-8 with Slovenian titles and summaries (č, š, ž).
enum RSSDocumentGenerator {
    private static let titles = [
        "Predlog zakona o spremembah in dopolnitvah Zakona o financiranju občin",
        "Zakon o urejanju prostora – druga obravnava na seji Državnega zbora",
        "Uredba o določitvi višine povprečnin za leto 2027 in njihova uporaba",
        "Pravilnik o ravnanju z odpadno embalažo in obveznostih proizvajalcev",
        "Sklep o soglasju k spremembam statuta Skupnosti občin Slovenije",
        "Odlok o občinskem podrobnem prostorskem načrtu za območje Žalca",
    ]
    private static let summaries = [
        "Vlada je na današnji seji obravnavala predlog, ki občinam zagotavlja več sredstev za naložbe v šolstvo, ceste in vodovode.",
        "Poslanci so v drugi obravnavi sprejeli dopolnila, ki olajšajo postopke umeščanja v prostor in skrajšajo čas izdaje dovoljenj.",
        "Ministrstvo poziva župane, naj do konca meseca posredujejo pripombe k osnutku; javna razprava traja štirinajst dni.",
        "Sprememba vpliva na proračune občin, zato Skupnost občin Slovenije predlaga prehodno obdobje in jasnejša merila.",
    ]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func make(items: Int, targetBytes: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(targetBytes + 4096)
        output += Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>Državni zbor – zakonodaja</title>
        <link>https://www.dz-rs.si/</link>
        <description>Predlogi zakonov, obravnave in sprejeti akti</description>
        <language>sl</language>

        """.utf8)
        // Pad each item so the whole document reaches the target size.
        let perItem = max(0, targetBytes / items)
        for index in 0..<items {
            var item = """
            <item>
            <title>\(titles[index % titles.count]) (EPA \(1000 + index % 9000)-IX)</title>
            <link>https://www.dz-rs.si/wps/portal/Home/zakonodaja/izbran/?uid=\(index)&amp;mandat=IX</link>
            <guid isPermaLink="false">dz-\(index)</guid>
            <pubDate>\(["Mon", "Tue", "Wed", "Thu", "Fri"][index % 5]), \(1 + index % 28) \(months[index % 12]) 2026 \(String(format: "%02d", index % 24)):15:00 +0100</pubDate>
            <dc:creator>Služba za zakonodajo</dc:creator>
            <category>\(["predlog", "obravnava", "sprejet"][index % 3])</category>
            <description>
            """
            var summary = summaries[index % summaries.count]
            while item.utf8.count + summary.utf8.count + 40 < perItem {
                summary += " " + summaries[(index + summary.count) % summaries.count]
            }
            item += summary + "</description>\n</item>\n"
            output += Array(item.utf8)
        }
        output += Array("</channel>\n</rss>\n".utf8)
        return output
    }
}
