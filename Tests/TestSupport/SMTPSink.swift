import Foundation

/// A real SMTP server (aiosmtpd, `smtp_sink.py`) on a free loopback port, saving every accepted
/// message into a folder. Fails loudly — never skips — when aiosmtpd is missing.
/// A real SMTP server (aiosmtpd, `smtp_sink.py`) on a free loopback port, saving what it accepts.
public final class SMTPSink {
    public let folder: URL
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// Starts the sink. `refuse` addresses get 550 at RCPT TO, `defer` addresses 451.
    /// - Parameter pythonOptions: options for python3 itself (a test uses `-S` to hide site-packages).
    public init(refuse: [String] = [], defer deferred: [String] = [], tls: String? = nil, auth: String? = nil,
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
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The sink's self-signed certificate (with `tls`).
    public var certificate: String { folder.appendingPathComponent("ca.pem").path }

    /// Login attempts (with `auth`): "PLAIN user ok".
    public func logins() -> [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("auth.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Saved messages, in arrival order.
    public func messages() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Stops the server and removes its folder.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if !PythonTool.wait(process, seconds: 5) { /* killed */ }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// What Python's `email` package sees in a message (`inspect_eml.py`).
/// A message as Python's `email` package reads it (`inspect_eml.py`).
public struct ParsedEML: Decodable, Sendable {
    public struct Part: Decodable, Sendable {
        public var content_type: String
        public var charset: String?
        public var transfer_encoding: String?
        public var content: String
    }

    public var path: String
    public var subject: String
    public var from: String
    public var to: String
    public var to_address: String?
    public var to_display_name: String?
    public var message_id: String
    public var date: String
    public var list_unsubscribe: String?
    public var list_unsubscribe_post: String?
    public var content_type: String
    public var header_names: [String]
    public var defects: [String]
    public var part_defects: [String]
    public var long_lines: [String]
    public var bare_lf: Bool
    public var parts: [Part]

    /// Parses files with the standard MIME parser.
    public static func parse(_ files: [URL]) throws -> [ParsedEML] {
        guard !files.isEmpty else { return [] }
        let data = try PythonTool.run("inspect_eml.py", files.map(\.path))
        return try JSONDecoder().decode([ParsedEML].self, from: data)
    }

    public func part(_ type: String) -> Part? { parts.first { $0.content_type == type } }
}
