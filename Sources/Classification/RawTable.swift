extension UnsafeMutablePointer {
    /// A new allocation holding a copy of `array` (at least one element's room, so it is never
    /// empty), for immutable lookup tables read in hot loops without bounds checks or reference
    /// counting. The caller owns it and deallocates it.
    static func copying(_ array: [Pointee]) -> UnsafeMutablePointer<Pointee> {
        let memory = UnsafeMutablePointer<Pointee>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { memory.initialize(from: base, count: source.count) }
        }
        return memory
    }
}
