import Foundation

/// The output folder: digests under stable names, `archive.json` (what was written, for the index),
/// `index.html` (the secretariat's archive) and `feed.xml` (Atom 1.0). Every file is written to a
/// temporary name and renamed.
public struct DigestArchive: Sendable {
    /// The folder written to.
    public let outputDirectory: URL
    /// Public address of the folder, for absolute links and ids in the feed.
    public let siteURL: String?

    /// Creates an archive over a folder (created on first write).
    /// - Parameters:
    ///   - siteURL: e.g. `https://skupnostobcin.si/preglednik`; without it the feed links are relative.
    public init(outputDirectory: URL, siteURL: String?) {
        self.outputDirectory = outputDirectory
        let trimmed = siteURL?.trimmingCharacters(in: .whitespaces)
        self.siteURL = trimmed.flatMap { $0.isEmpty ? nil : String($0.reversed().drop(while: { $0 == "/" }).reversed()) }
    }

    /// Writes one weekly digest in one language and records it in the manifest.
    /// - Returns: the HTML and the text file.
    /// - Throws: `DigestError.Code.writeFailed`.
    public func write(_ digest: RenderedDigest, kind: DigestKind, week: ISOWeek, language: String,
                      isDefaultLanguage: Bool, generatedAt: Date) throws -> [URL] {
        try store(digest, name: DigestFileName(kind: kind.rawValue, period: week.description,
                                               languageSuffix: isDefaultLanguage ? nil : language),
                  language: language, isDefaultLanguage: isDefaultLanguage, generatedAt: generatedAt)
    }

    /// Writes the overview (`preglednik.html`, or `preglednik-J.html` for one jurisdiction) in one language.
    /// - Returns: the HTML and the text file.
    /// - Throws: `DigestError.Code.writeFailed`.
    public func writeOverview(_ digest: RenderedDigest, jurisdiction: String?, language: String,
                              isDefaultLanguage: Bool, generatedAt: Date) throws -> [URL] {
        try store(digest, name: DigestFileName(kind: "overview", period: jurisdiction ?? "",
                                               languageSuffix: isDefaultLanguage ? nil : language),
                  language: language, isDefaultLanguage: isDefaultLanguage, generatedAt: generatedAt)
    }

    /// Rewrites `index.html` and `feed.xml` from the manifest and the digest files present in the folder.
    /// - Parameter title: the archive's title (`Preglednik`).
    /// - Throws: `DigestError.Code.writeFailed`.
    public func regenerateIndex(title: String) throws {
        let (recorded, found) = currentEntries()
        try AtomicFile.write(ArchiveIndexPage(title: title, entries: recorded + found).html,
                             to: outputDirectory.appendingPathComponent("index.html"))
        try AtomicFile.write(AtomFeed(title: title, siteURL: siteURL, entries: recorded).xml,
                             to: outputDirectory.appendingPathComponent("feed.xml"))
    }

    private func store(_ digest: RenderedDigest, name: DigestFileName, language: String, isDefaultLanguage: Bool,
                       generatedAt: Date) throws -> [URL] {
        let html = outputDirectory.appendingPathComponent(name.html)
        let text = outputDirectory.appendingPathComponent(name.text)
        try AtomicFile.write(digest.html, to: html)
        try AtomicFile.write(digest.text, to: text)
        var manifest = ArchiveManifest.load(from: outputDirectory)
        manifest.record(.init(kind: name.kind, period: name.period, language: language, isDefaultLanguage: isDefaultLanguage,
                              html: name.html, text: name.text, title: digest.title, heading: digest.heading,
                              summary: digest.summary, generatedAt: Date(timeIntervalSince1970: generatedAt.timeIntervalSince1970.rounded(.down))))
        try manifest.save(to: outputDirectory)
        return [html, text]
    }

    /// Manifest entries whose files still exist, and digest files the manifest does not know (copied in
    /// by hand, or written before the manifest existed), described from their names.
    func currentEntries() -> (recorded: [ArchiveManifest.Entry], found: [ArchiveManifest.Entry]) {
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: outputDirectory.path)) ?? [])
        let recorded = ArchiveManifest.load(from: outputDirectory).entries.filter { files.contains($0.html) }
        let known = Set(recorded.map(\.html))
        let defaultLanguage = recorded.first { $0.isDefaultLanguage }?.language ?? DigestRenderer.languages[0]
        var found: [ArchiveManifest.Entry] = []
        for file in files.sorted() where !known.contains(file) {
            guard let name = DigestFileName(html: file) else { continue }
            found.append(.init(kind: name.kind, period: name.period, language: name.languageSuffix ?? defaultLanguage,
                                 isDefaultLanguage: name.languageSuffix == nil, html: file,
                                 text: files.contains(name.text) ? name.text : "", title: name.stem, heading: name.kind,
                                 summary: "", generatedAt: Date(timeIntervalSince1970: 0)))
        }
        return (recorded, found)
    }
}
