import Foundation

/// Base64 content (Atom 0.3 `mode="base64"`).
enum Base64 {
    static func decode(_ text: String) -> String? {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
