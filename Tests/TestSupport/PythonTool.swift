import Foundation

/// Runs the Python helpers next to this file (`smtp_sink.py`, `inspect_eml.py`) as child processes.
/// Every wait has a deadline and children are killed with SIGKILL, because Foundation.Process
/// children of concurrency threads inherit a blocked signal mask (swift-corelibs-foundation #4772).
public enum PythonTool {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Starts `python3 script args…` with a pipe on stdin (closing it tells the child to exit).
    /// - Parameter options: options for python3 itself, before the script (e.g. `-S`).
    public static func start(_ script: String, _ arguments: [String], options: [String] = [], stdout: Pipe? = nil, stderr: Pipe) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + options + [folder.appendingPathComponent(script).path] + arguments
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        return (process, input)
    }

    /// Waits until the process ends or `seconds` pass; then kills it. Returns whether it ended by itself.
    @discardableResult
    public static func wait(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            let hard = Date().addingTimeInterval(5)
            while process.isRunning && Date() < hard { Thread.sleep(forTimeInterval: 0.02) }
            return false
        }
        return true
    }

    /// Runs `python3 script args…` to completion and returns its stdout.
    public static func run(_ script: String, _ arguments: [String], timeout: Double = 60) throws -> Data {
        let output = Pipe(), errors = Pipe()
        let (process, input) = try start(script, arguments, stdout: output, stderr: errors)
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard wait(process, seconds: timeout) else { throw Failure(description: "\(script) did not finish in \(timeout) s") }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(script) failed (\(process.terminationStatus)): \(message)")
        }
        return data
    }
}
