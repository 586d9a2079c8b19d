import Testing
@testable import Fetching

struct TransferQueueTests {
    @Test("the host key keeps scheme, host and port and drops user information and path")
    func hostKey() {
        #expect(TransferQueue<Int>.hostKey(of: "https://User@Example.SI:8443/a/b?c#d") == "https://example.si:8443")
        #expect(TransferQueue<Int>.hostKey(of: "http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(TransferQueue<Int>.hostKey(of: "http://a.si?x=1") == "http://a.si")
        #expect(TransferQueue<Int>.hostKey(of: "file:///tmp/x.xml") == "file://")
    }

    @Test("releases oldest first under the global and per-host limits; a busy host does not block others")
    func limits() {
        var queue = TransferQueue<Int>(maxActive: 3, maxPerHost: 2)
        for (number, host) in [(1, "a"), (2, "a"), (3, "a"), (4, "b"), (5, "a"), (6, "b")] {
            queue.enqueue(number, host: host)
        }
        #expect(queue.release().map(\.element) == [1, 2, 4])
        #expect(queue.activeCount == 3 && queue.waitingCount == 3)
        #expect(queue.release().isEmpty)
        queue.finished(host: "b")
        #expect(queue.release().map(\.element) == [6])
        queue.finished(host: "a")
        #expect(queue.release().map(\.element) == [3])
        queue.finished(host: "a")
        queue.finished(host: "a")
        #expect(queue.release().map(\.element) == [5])
        #expect(queue.waitingCount == 0 && queue.activeCount == 2)
    }

    @Test("drain hands back everything still waiting")
    func drain() {
        var queue = TransferQueue<Int>(maxActive: 1, maxPerHost: 1)
        for number in 0..<200 { queue.enqueue(number, host: "h") }
        var order: [Int] = []
        for _ in 0..<100 {
            order += queue.release().map(\.element)
            queue.finished(host: "h")
        }
        #expect(order == Array(0..<100))
        #expect(queue.drain() == Array(100..<200))
        #expect(queue.waitingCount == 0)
    }

    @Test("a cancelled transfer leaves the queue; the others keep their order")
    func remove() {
        var queue = TransferQueue<Int>(maxActive: 1, maxPerHost: 1)
        for number in 1...4 { queue.enqueue(number, host: "h") }
        #expect(queue.release().map(\.element) == [1])
        #expect(queue.remove { $0 == 3 })
        #expect(!queue.remove { $0 == 3 })
        #expect(!queue.remove { $0 == 1 })  // running, not waiting
        #expect(queue.waitingCount == 2)
        queue.finished(host: "h")
        #expect(queue.release().map(\.element) == [2])
        queue.finished(host: "h")
        #expect(queue.release().map(\.element) == [4])
    }
}
