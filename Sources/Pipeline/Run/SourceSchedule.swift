import Foundation
import Storage

/// Decides which sources are due in a run: by their own schedule, or later when they are backing off
/// after failures.
public enum SourceSchedule {
    /// Whether a source is due at `now`.
    /// - Parameters:
    ///   - definition: the source.
    ///   - state: its stored fetch state (nil: never fetched).
    ///   - force: every source is due (offline runs, `run --once --force`).
    public static func isDue(_ definition: SourceDefinition, state: SourceState?, now: Date, force: Bool) -> Bool {
        if force { return true }
        guard let state, let lastAttempt = state.lastAttempt else { return true }
        if let next = state.nextAttempt { return next <= now }
        return lastAttempt.addingTimeInterval(definition.intervalSeconds) <= now
    }
}
