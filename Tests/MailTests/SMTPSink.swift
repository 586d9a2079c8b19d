import Foundation

/// A real SMTP server (aiosmtpd, `smtp_sink.py`) on a free loopback port, saving every accepted
/// message into a folder. Fails loudly — never skips — when aiosmtpd is missing.
final class SMTPSink {
    let folder: URL
    let port: Int
    private let process: Process
    private let input: Pipe

    /// Starts the sink. `refuse` addresses get 550 at RCPT TO, `defer` addresses 451.
    /// - Parameter pythonOptions: options for python3 itself (a test uses `-S` to hide site-packages).
    init(refuse: [String] = [], defer deferred: [String] = [], tls: String? = nil, auth: String? = nil,
         pythonOptions: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let errors = Pipe()
        var arguments = [folder.path]
        for address in refuse { arguments += ["--refuse", address] }
        for address in deferred { arguments += ["--defer", address] }
        if let tls { arguments += ["--tls", tls] }
        if let auth { arguments += ["--auth", auth] }
        (process, input) = try PythonTool.start("smtp_sink.py", arguments, options: pythonOptions, stderr: errors)
        let portFile = folder.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            if !process.isRunning {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw PythonTool.Failure(description: "the test SMTP server did not start (exit \(process.terminationStatus)): \(message)"
                    + (process.terminationStatus == 3 ? " — the mail tests need aiosmtpd: pip install aiosmtpd" : ""))
            }
            guard Date() < deadline else {
                PythonTool.wait(process, seconds: 0)
                throw PythonTool.Failure(description: "the test SMTP server did not report its port within 30 s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8)) ?? 0
    }

    /// `smtp://127.0.0.1:PORT`.
    var url: String { "smtp://127.0.0.1:\(port)" }

    /// The sink's self-signed certificate (with `tls`).
    var certificate: String { folder.appendingPathComponent("ca.pem").path }

    /// Login attempts (with `auth`): "PLAIN user ok".
    func logins() -> [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("auth.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Saved messages, in arrival order.
    func messages() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Stops the server and removes its folder.
    func stop() {
        try? input.fileHandleForWriting.close()
        if !PythonTool.wait(process, seconds: 5) { /* killed */ }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// What Python's `email` package sees in a message (`inspect_eml.py`).
struct ParsedEML: Decodable {
    struct Part: Decodable {
        var content_type: String
        var charset: String?
        var transfer_encoding: String?
        var content: String
    }

    var path: String
    var subject: String
    var from: String
    var to: String
    var to_address: String?
    var to_display_name: String?
    var message_id: String
    var date: String
    var list_unsubscribe: String?
    var list_unsubscribe_post: String?
    var content_type: String
    var header_names: [String]
    var defects: [String]
    var part_defects: [String]
    var long_lines: [String]
    var bare_lf: Bool
    var parts: [Part]

    /// Parses files with the standard MIME parser.
    static func parse(_ files: [URL]) throws -> [ParsedEML] {
        guard !files.isEmpty else { return [] }
        let data = try PythonTool.run("inspect_eml.py", files.map(\.path))
        return try JSONDecoder().decode([ParsedEML].self, from: data)
    }

    func part(_ type: String) -> Part? { parts.first { $0.content_type == type } }
}
