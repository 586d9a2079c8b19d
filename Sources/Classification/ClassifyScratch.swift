#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread scratch memory for `Classifier.classify`: the folded title and summary, the matched
/// terms and a bit set of the terms already seen. One allocation per thread, grown when a larger
/// model or a longer text needs it and freed when the thread ends, so classifying an item allocates
/// nothing for its own work. `classify` never re-enters itself on a thread.
enum ClassifyScratch {
    /// The scratch of the calling thread. Between calls every bit of `seen` is clear.
    struct Region {
        let hits: UnsafeMutablePointer<Classifier.Hit>
        let seen: UnsafeMutablePointer<UInt64>
        let bytes: UnsafeMutablePointer<UInt8>
    }

    private struct Header {
        var hitCapacity: Int
        var seenWords: Int
        var byteCapacity: Int
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { free($0) }
        precondition(status == 0, "ClassifyScratch: no thread-specific key")
        return key
    }()

    /// The calling thread's scratch, with room for `hits` matched terms, a bit set of `hits` bits
    /// and `bytes` bytes. Valid until the thread's next call.
    @inline(__always)
    static func region(hits: Int, bytes: Int) -> Region {
        let key = self.key
        var memory = pthread_getspecific(key)
        if memory == nil || !fits(memory!, hits: hits, bytes: bytes) {
            memory = grow(memory, key: key, hits: hits, bytes: bytes)
        }
        return region(memory!)
    }

    @inline(__always)
    private static func fits(_ memory: UnsafeMutableRawPointer, hits: Int, bytes: Int) -> Bool {
        let header = memory.load(as: Header.self)
        return header.hitCapacity >= hits && header.byteCapacity >= bytes
    }

    private static let headerSize = 32

    /// Where the `seen` bit set starts: after the hits, rounded up to 8 bytes so its words are
    /// aligned whatever `Hit`'s stride.
    @inline(__always)
    private static func seenOffset(hitCapacity: Int) -> Int {
        (headerSize + hitCapacity * MemoryLayout<Classifier.Hit>.stride + 7) & ~7
    }

    @inline(__always)
    private static func region(_ memory: UnsafeMutableRawPointer) -> Region {
        let header = memory.load(as: Header.self)
        let hits = memory + headerSize
        let seen = memory + seenOffset(hitCapacity: header.hitCapacity)
        let bytes = seen + header.seenWords * 8
        return Region(hits: hits.assumingMemoryBound(to: Classifier.Hit.self), seen: seen.assumingMemoryBound(to: UInt64.self),
                      bytes: bytes.assumingMemoryBound(to: UInt8.self))
    }

    @inline(never)
    private static func grow(_ old: UnsafeMutableRawPointer?, key: pthread_key_t, hits: Int, bytes: Int) -> UnsafeMutableRawPointer {
        var hitCapacity = max(hits, 64), byteCapacity = max(bytes, 4096)
        if let old {
            let header = old.load(as: Header.self)
            hitCapacity = max(hitCapacity, header.hitCapacity)
            byteCapacity = max(byteCapacity, header.byteCapacity)
            free(old)
        }
        let seenWords = (hitCapacity + 63) / 64
        let size = seenOffset(hitCapacity: hitCapacity) + seenWords * 8 + byteCapacity
        guard let memory = malloc(size) else { fatalError("ClassifyScratch: out of memory (\(size) bytes)") }
        memory.storeBytes(of: Header(hitCapacity: hitCapacity, seenWords: seenWords, byteCapacity: byteCapacity), as: Header.self)
        (memory + seenOffset(hitCapacity: hitCapacity)).initializeMemory(as: UInt64.self, repeating: 0, count: seenWords)
        pthread_setspecific(key, memory)
        return memory
    }
}
