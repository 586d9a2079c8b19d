/// Transfers waiting for a slot, released in arrival order under a global and a per-host limit.
///
/// The multi loop adds a transfer to libcurl only when the queue releases it, so a transfer's
/// connect and total timeouts (which libcurl counts from `curl_multi_add_handle`) never include
/// the time it spent waiting behind other sources. Only the loop thread uses a queue.
struct TransferQueue<Element> {
    /// Transfers running at once over all hosts.
    let maxActive: Int
    /// Transfers running at once against one host.
    let maxPerHost: Int

    private var waiting: [(host: String, element: Element)?] = []
    private var head = 0
    private var activePerHost: [String: Int] = [:]
    /// Transfers released and not yet finished.
    private(set) var activeCount = 0
    /// Transfers still waiting.
    private(set) var waitingCount = 0

    /// Creates an empty queue; limits below 1 are raised to 1.
    init(maxActive: Int, maxPerHost: Int) {
        self.maxActive = max(maxActive, 1)
        self.maxPerHost = max(maxPerHost, 1)
    }

    /// Appends a transfer for `host` (scheme, host and port; see ``hostKey(of:)``).
    mutating func enqueue(_ element: Element, host: String) {
        waiting.append((host, element))
        waitingCount += 1
    }

    /// Removes and returns the waiting transfers that may start now, oldest first, counting them
    /// as active. A host at its limit does not hold up transfers to other hosts behind it.
    mutating func release() -> [(host: String, element: Element)] {
        var released: [(host: String, element: Element)] = []
        var index = head
        while activeCount < maxActive, index < waiting.count {
            if let entry = waiting[index], activePerHost[entry.host, default: 0] < maxPerHost {
                activePerHost[entry.host, default: 0] += 1
                activeCount += 1
                waitingCount -= 1
                released.append(entry)
                waiting[index] = nil
            }
            index += 1
        }
        while head < waiting.count, waiting[head] == nil { head += 1 }
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
        return released
    }

    /// Records that a released transfer to `host` finished, freeing its slots.
    mutating func finished(host: String) {
        activeCount -= 1
        let remaining = activePerHost[host, default: 1] - 1
        activePerHost[host] = remaining > 0 ? remaining : nil
    }

    /// Removes the first waiting transfer matching `predicate`; false when none is waiting.
    mutating func remove(where predicate: (Element) -> Bool) -> Bool {
        guard let index = waiting[head...].firstIndex(where: { $0.map { predicate($0.element) } ?? false }) else { return false }
        waiting[index] = nil
        waitingCount -= 1
        return true
    }

    /// Removes and returns every waiting transfer (at shutdown).
    mutating func drain() -> [Element] {
        let all = waiting[head...].compactMap { $0?.element }
        waiting.removeAll()
        head = 0
        waitingCount = 0
        return all
    }

    /// The key transfers are limited by: lowercased scheme, host and port of `url`
    /// (user information and path dropped). Not a full URL parser; libcurl parses the URL itself.
    static func hostKey(of url: String) -> String {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: "://".utf8) else { return "" }
        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? bytes.endIndex
        let hostStart = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? authorityStart
        let key = bytes[..<authorityStart].map(HeaderLine.lowercased) + bytes[hostStart..<authorityEnd].map(HeaderLine.lowercased)
        return String(decoding: key, as: UTF8.self)
    }
}
