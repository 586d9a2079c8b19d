import CLibXML2

/// Close to the least any Swift feed parser that hands over entries with `String` fields must do on
/// top of libxml2: the SAX2 push parser with the C baseline's options and `FeedStream`'s 64 KiB
/// pushes (the C loop pushes 256 KiB), callbacks into Swift, the text
/// of each element gathered, one `String` per non-empty text (trimmed, as the parser stores it) and
/// one record per item handed to a closure. No feed rules, no dates, no URLs: a lower bound for
/// ``FeedParsing/FeedStream``, printed beside it so the parse goal can be judged against what is
/// possible at all, not a parser.
enum SwiftSAXFloor {
    /// One item's texts.
    struct Item {
        var texts: [String] = []
    }

    /// One thread, no overlapping accesses: no dynamic exclusivity checks (as in FeedParsing).
    private final class State {
        /// The current element's text: raw memory, grown by doubling, so appending is a copy.
        @exclusivity(unchecked) var text = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
        @exclusivity(unchecked) var capacity = 4096
        @exclusivity(unchecked) var count = 0
        @exclusivity(unchecked) var item = Item()
        let onItem: (Item) -> Void

        init(onItem: @escaping (Item) -> Void) {
            self.onItem = onItem
        }

        deinit { text.deallocate() }

        func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
            if count + length > capacity {
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + length))
                grown.update(from: text, count: count)
                text.deallocate()
                text = grown
                capacity = max(capacity * 2, count + length)
            }
            (text + count).update(from: bytes, count: length)
            count += length
        }
    }

    /// Parses `document` in 64 KiB pushes; returns the number of items and strings made, or nil
    /// when libxml2 reports it ill-formed.
    static func run(_ document: [UInt8]) -> (items: Int, strings: Int)? {
        var items = 0, strings = 0
        let state = State { item in
            items += 1
            strings += item.texts.count
        }
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, _, _, _, _, _, _, _, _ in
            let state = Unmanaged<State>.fromOpaque(user!).takeUnretainedValue()
            state.count = 0
        }
        handler.endElementNs = { user, localname, _, _ in
            let state = Unmanaged<State>.fromOpaque(user!).takeUnretainedValue()
            if let localname, SwiftSAXFloor.isItem(localname) {
                state.onItem(state.item)
                state.item.texts.removeAll(keepingCapacity: true)
            } else {
                let text = state.text
                var start = 0, end = state.count
                while start < end, SwiftSAXFloor.isSpace(text[start]) { start += 1 }
                while end > start, SwiftSAXFloor.isSpace(text[end - 1]) { end -= 1 }
                if end > start {
                    state.item.texts.append(String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self))
                }
            }
            state.count = 0
        }
        handler.characters = { user, bytes, length in
            guard let bytes else { return }
            Unmanaged<State>.fromOpaque(user!).takeUnretainedValue().append(bytes, Int(length))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { _, _ in }
        let well: Bool = withExtendedLifetime(state) {
            guard let context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(state).toOpaque(), nil, 0, nil) else {
                return false
            }
            defer { xmlFreeParserCtxt(context) }
            xmlCtxtUseOptions(context, Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue))
            document.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    var offset = 0
                    repeat {
                        let end = min(offset + 64 * 1024, chars.count)
                        _ = xmlParseChunk(context, chars.baseAddress! + offset, Int32(end - offset), end == chars.count ? 1 : 0)
                        offset = end
                    } while offset < chars.count
                }
            }
            return context.pointee.wellFormed == 1
        }
        return well ? (items, strings) : nil
    }

    private static func isItem(_ name: UnsafePointer<xmlChar>) -> Bool {
        name[0] == 0x69 && name[1] == 0x74 && name[2] == 0x65 && name[3] == 0x6D && name[4] == 0
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
