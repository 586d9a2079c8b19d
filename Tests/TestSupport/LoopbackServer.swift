import FlyingFox
import Foundation

/// A real HTTP server on 127.0.0.1 with an ephemeral port, run inside the test process.
public struct LoopbackServer: Sendable {
    /// The FlyingFox server.
    public let server: HTTPServer
    let task: Task<Void, any Error>
    /// The ephemeral port it listens on.
    public let port: UInt16

    /// Starts a server whose routes are added by `configure`.
    public static func start(_ configure: (HTTPServer) async -> Void) async throws -> LoopbackServer {
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        await configure(server)
        // On threads of its own: the server keeps answering while other suites occupy the global pool.
        let task = Task(executorPreference: DedicatedThreadExecutor.shared) { try await server.run() }
        // Generous: on a loaded 2-core CI machine the first listen can take seconds.
        try await server.waitUntilListening(timeout: 60)
        guard case let .ip4(_, port) = await server.listeningAddress else {
            throw CocoaError(.featureUnsupported)
        }
        return LoopbackServer(server: server, task: task, port: port)
    }

    /// The URL of a path on this server.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops the server.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}
