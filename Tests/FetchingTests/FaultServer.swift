import Foundation
import Synchronization

/// A deliberately misbehaving HTTP/1.1 server on 127.0.0.1, written on raw POSIX sockets so it can
/// do what well-behaved server libraries refuse to: drip a body byte by byte, reset the connection
/// in the middle of a body, or send more than it announced. One thread accepts; each connection
/// gets its own thread and is closed after one response.
final class FaultServer: Sendable {
    /// What the server does for a path.
    enum Behaviour: Sendable {
        /// A complete response.
        case respond(status: Int, headers: [(String, String)], body: [UInt8])
        /// Headers announcing `length` bytes, then one byte every `interval` seconds until the client leaves.
        case drip(length: Int, interval: Double)
        /// Headers announcing `length` bytes, `sent` of them, then a TCP reset (SO_LINGER 0, close).
        case resetMidBody(length: Int, sent: Int)
        /// `count` bytes with no Content-Length (the end is the connection's close).
        case unannouncedBody(count: Int)
        /// A complete 200 response after `seconds` (each connection has its own thread, so a loaded
        /// test process never delays it further).
        case delayed(seconds: Double, body: [UInt8])
    }

    /// Connections being served now, and the most at once so far.
    private let inFlight = Atomic<Int>(0)
    private let peakInFlight = Atomic<Int>(0)
    /// The most connections served at once so far.
    var peak: Int { peakInFlight.load(ordering: .relaxed) }

    /// Why the server could not start.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The ephemeral port.
    let port: UInt16
    private let listener: Int32
    private let routes: [String: Behaviour]
    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on an ephemeral port and starts accepting. Unknown paths get 404.
    init(routes: [String: Behaviour]) throws {
        self.routes = routes
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { [listener] in
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 && listen(listener, 128) == 0
            }
        }
        guard listening else {
            close(listener)
            throw Failure(description: "could not listen on 127.0.0.1: errno \(errno)")
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    /// The URL of a path.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting and ends dripping connections; returns when the accept thread has left.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        stopped.wait()
        close(listener)
    }

    private func acceptLoop() {
        while !stopping.load(ordering: .relaxed) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            // CLOEXEC: a child process started by another test meanwhile must not keep our connections open.
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            Thread { [self] in serve(connection) }.start()
        }
        stopped.signal()
    }

    private func serve(_ connection: Int32) {
        var closeNormally = true
        defer { if closeNormally { close(connection) } }
        guard let path = readRequestPath(connection) else { return }
        switch routes[path] {
        case nil:
            send(connection, head(status: 404, headers: [("Content-Length", "0")]))
        case .respond(let status, let headers, let body)?:
            send(connection, head(status: status, headers: headers + [("Content-Length", "\(body.count)")]) + body)
        case .drip(let length, let interval)?:
            guard send(connection, head(status: 200, headers: [("Content-Length", "\(length)")])) else { return }
            for _ in 0..<length where !stopping.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: interval)
                guard send(connection, Array("x".utf8)) else { return }
            }
        case .resetMidBody(let length, let sent)?:
            send(connection, head(status: 200, headers: [("Content-Length", "\(length)")]) + Array(repeating: 0x41, count: sent))
            Thread.sleep(forTimeInterval: 0.05)  // let the client read the partial body first
            var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
            closeNormally = false
            close(connection)  // with a zero linger time the kernel sends RST, not FIN
        case .delayed(let seconds, let body)?:
            // Counted from the request to just before the answer: a client that waits for each answer
            // before its next request can never be seen twice at once.
            let now = inFlight.add(1, ordering: .relaxed).newValue
            var peak = peakInFlight.load(ordering: .relaxed)
            while now > peak, !peakInFlight.compareExchange(expected: peak, desired: now, ordering: .relaxed).exchanged {
                peak = peakInFlight.load(ordering: .relaxed)
            }
            Thread.sleep(forTimeInterval: seconds)
            inFlight.subtract(1, ordering: .relaxed)
            send(connection, head(status: 200, headers: [("Content-Length", "\(body.count)")]) + body)
        case .unannouncedBody(let count)?:
            guard send(connection, head(status: 200, headers: [("Content-Type", "application/xml")])) else { return }
            let chunk = [UInt8](repeating: 0x42, count: 16_384)
            var remaining = count
            while remaining > 0, send(connection, Array(chunk.prefix(remaining))) { remaining -= chunk.count }
        }
    }

    private func head(status: Int, headers: [(String, String)]) -> [UInt8] {
        let reason = [200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 429: "Too Many Requests",
                      500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Status"
        var text = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// Reads up to the end of the request head and returns the request target of its first line.
    private func readRequestPath(_ connection: Int32) -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            received += buffer[0..<count]
            if let text = String(bytes: received, encoding: .utf8), text.contains("\r\n\r\n") {
                let requestLine = text.prefix { $0 != "\r" }.split(separator: " ")
                return requestLine.count >= 2 ? String(requestLine[1]) : nil
            }
        }
        return nil
    }

    /// Sends everything; false when the client has gone.
    @discardableResult
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
