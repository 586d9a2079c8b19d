/// An element's name as the builder's rules see it: canonical namespace prefix ("" for the feed
/// formats' own namespaces), lower-cased local name, the rule key `prefix_local`, and the element's
/// rule when it has one. Resolved once per distinct name, not per event.
final class ElementName {
    let prefix: String
    let local: String
    let key: String
    let rule: FeedBuilder.ElementKey?

    init(prefix: String, local: String) {
        self.prefix = prefix
        self.local = local
        key = prefix.isEmpty ? local : prefix + "_" + local
        rule = FeedBuilder.elementKeys[key]
    }
}
