import Foundation

/// A real nginx (Debian's `nginx-light`) on a free loopback port, with a throw-away prefix: its
/// config, pid, logs, temp paths and served files all live in one temporary folder that ``stop()``
/// removes. It serves `files` from the document root with gzip and ETags on, as a gazette would.
/// Used by the fetching tests and by the fetch benchmark.
public final class NginxServer: Sendable {
    /// Where Debian installs the binary.
    public static let binary = "/usr/sbin/nginx"

    /// Why nginx could not be started.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do about it.
        public let description: String
    }

    /// The temporary prefix; the document root is `root`.
    public let directory: URL
    /// Served files live here.
    public let root: URL
    /// The loopback port nginx listens on.
    public let port: UInt16
    /// With TLS: the self-signed certificate (PEM) nginx serves, to use as a CA bundle; else nil.
    public let certificate: URL?
    /// The watchdog shell that runs nginx (see ``watchdog``).
    private let pid: pid_t

    /// Writes `files` (relative path → bytes) under a new document root and starts nginx on it.
    /// - Parameters:
    ///   - tls: serve HTTPS with HTTP/2 and a fresh self-signed certificate for 127.0.0.1.
    ///   - accessLog: log each request as `connection-number request-number-on-it URI` (see ``accessLog()``).
    ///   - binary: the nginx executable; Debian's by default.
    /// - Throws: ``Failure`` telling how to install nginx when it is missing, or with nginx's error log
    ///   when it does not come up within five seconds.
    public init(files: [String: [UInt8]], tls: Bool = false, accessLog: Bool = false, binary: String = NginxServer.binary) throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw Failure(description: "nginx is not installed (\(binary) is missing); the fetching tests need a "
                + "real nginx: run `apt-get install nginx-light` (.ci/run installs it)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-nginx-\(UUID().uuidString)")
        root = directory.appendingPathComponent("www")
        for folder in ["www", "temp"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (path, bytes) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        port = try Self.freePort()
        certificate = tls ? try Self.selfSignedCertificate(in: directory) : nil
        let config = directory.appendingPathComponent("nginx.conf")
        try Self.configuration(prefix: directory.path, port: port, tls: tls, accessLog: accessLog)
            .write(to: config, atomically: true, encoding: .utf8)
        pid = try Self.spawn(["/bin/sh", "-c", Self.watchdog, "nginx-watchdog", String(getpid()), directory.path,
                              binary, "-p", directory.path, "-e", directory.appendingPathComponent("error.log").path,
                              "-c", config.path])
        do {
            try waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    /// The URL of a served path.
    public func url(_ path: String) -> String { "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)/\(path)" }

    /// The access log so far, one line a request: connection number, request number on that
    /// connection, URI. Empty unless started with `accessLog: true`.
    public func accessLog() -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Stops nginx (SIGKILL: no state to save), reaps its watchdog and removes the temporary folder.
    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(3)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs nginx (`$3…`) in the background and kills it when told to (SIGTERM) or when the process
    /// that started it (`$1`) is gone, then also removing its folder (`$2`): a crashed or killed test
    /// run leaves no nginx behind.
    static let watchdog = """
        owner=$1; folder=$2; shift 2
        "$@" &
        child=$!
        trap 'kill -9 $child 2>/dev/null; wait $child; exit 0' TERM
        while kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.2; done
        kill -9 $child 2>/dev/null
        wait $child
        status=$?
        kill -0 "$owner" 2>/dev/null || rm -rf "$folder"
        exit $status
        """

    /// nginx's configuration: one process in the foreground, everything under `prefix`.
    static func configuration(prefix: String, port: UInt16, tls: Bool, accessLog: Bool) -> String {
        let temp = "\(prefix)/temp"
        let listen = tls
            ? "listen 127.0.0.1:\(port) ssl http2; ssl_certificate \(prefix)/cert.pem; ssl_certificate_key \(prefix)/key.pem;"
            : "listen 127.0.0.1:\(port);"
        return """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(prefix)/nginx.pid;
        error_log \(prefix)/error.log warn;
        events { worker_connections 1024; }
        http {
            log_format connections '$connection $connection_requests $request_uri';
            access_log \(accessLog ? "\(prefix)/access.log connections" : "off");
            client_body_temp_path \(temp)/body;
            proxy_temp_path \(temp)/proxy;
            fastcgi_temp_path \(temp)/fastcgi;
            uwsgi_temp_path \(temp)/uwsgi;
            scgi_temp_path \(temp)/scgi;
            types {
                application/rss+xml rss;
                application/xml xml;
                text/html html;
            }
            default_type application/octet-stream;
            gzip on;
            gzip_types application/rss+xml application/xml text/xml;
            gzip_min_length 0;
            etag on;
            keepalive_requests 100000;
            server {
                \(listen)
                root \(prefix)/www;
            }
        }

        """
    }

    /// Makes a self-signed P-256 certificate for 127.0.0.1 (cert.pem, key.pem) with openssl.
    static func selfSignedCertificate(in directory: URL) throws -> URL {
        let certificate = directory.appendingPathComponent("cert.pem")
        let pid = try spawn(["/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                             "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-keyout", directory.appendingPathComponent("key.pem").path, "-out", certificate.path])
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw Failure(description: "openssl did not make a certificate within 10 s")
            }
            usleep(10_000)
        }
        guard FileManager.default.fileExists(atPath: certificate.path) else {
            throw Failure(description: "openssl could not make a test certificate (exit status \(status))")
        }
        return certificate
    }

    /// A port the kernel just handed out on 127.0.0.1 and that is free again.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "could not find a free loopback port: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Starts `arguments` with an empty signal mask (the test runner's threads block signals).
    static func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        // Termination signals the test runner may ignore are reset, or the watchdog could not trap them.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], nil, &attributes, argv, environ)
        guard code == 0 else { throw Failure(description: "could not start \(arguments[0]): \(String(cString: strerror(code)))") }
        return pid
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid || errorLog().contains("[emerg]") {
                throw Failure(description: "nginx did not start: \(errorLog())")
            }
            if Self.accepts(port: port) { return }
            usleep(10_000)
        }
        throw Failure(description: "nginx did not listen on 127.0.0.1:\(port) within 30 s: \(errorLog())")
    }

    private func errorLog() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? "(no error log)"
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
