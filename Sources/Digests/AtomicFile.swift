import Foundation

/// Writes files the safe way: a temporary file in the same folder, then `rename(2)` over the target,
/// so a reader sees the old file or the new one, never half of it.
enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the folder if needed.
    /// - Throws: `DigestError.Code.writeFailed`; the temporary file is removed on failure.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DigestError(.writeFailed, file: folder.path, message: "the output folder cannot be created (\(error.localizedDescription))")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw DigestError(.writeFailed, file: url.path, message: "cannot write in \(folder.path); check permissions and free space")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DigestError(.writeFailed, file: url.path, message: "cannot replace the file (\(reason))")
        }
    }

    /// Writes UTF-8 text atomically.
    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
