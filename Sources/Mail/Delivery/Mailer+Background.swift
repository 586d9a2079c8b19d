import Foundation
import Storage

extension Mailer {
    /// ``deliver(batch:ledger:sender:now:)`` for async callers (the daemon): the blocking SMTP
    /// transfers run on a dedicated thread with its own database connection, so they never occupy
    /// a thread of the cooperative pool.
    /// - Parameters:
    ///   - databasePath: the Preglednik database holding the delivery ledger.
    ///   - environment: where the credential variables are looked up.
    /// - Throws: ``ConfigError`` for unusable settings, or a database error.
    public func deliverInBackground(batch: [OutgoingMail], databasePath: String,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> DeliveryReport {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let store = try ActStore(path: databasePath)
                    let sender = try SMTPSender(settings: settings, environment: environment)
                    let ledger = DeliveryLedger(store: store, settings: settings)
                    continuation.resume(returning: try deliver(batch: batch, ledger: ledger, sender: sender))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "preglednik-mail"
            thread.start()
        }
    }
}
