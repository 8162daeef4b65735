import Foundation
import Market

extension BenchmarkWorkload {
    /// The symbol whose rules every benchmark symbol copies.
    static let template: Symbol = "BTCUSDT"

    /// Writes `exchange-info.json` (`{"symbols": […]}`) and `leverage-brackets.json` (`[…]`) with
    /// the template's entries, byte for byte, once per symbol under its name.
    func writeRules(
        _ names: [Symbol], from rulesDirectory: String, to directory: String, bytes: inout Int
    ) throws(BenchmarkError) {
        let info = rulesDirectory + "/exchange-info.json"
        let brackets = rulesDirectory + "/leverage-brackets.json"
        let symbolEntry = try Self.templateEntry(in: info, arrayKey: "symbols")
        let bracketEntry = try Self.templateEntry(in: brackets, arrayKey: nil)
        try Self.save(
            Array(("{\"symbols\":[" + Self.copies(symbolEntry, names) + "]}\n").utf8),
            to: directory + "/exchange-info.json", bytes: &bytes)
        try Self.save(
            Array(("[" + Self.copies(bracketEntry, names) + "]\n").utf8), to: directory + "/leverage-brackets.json",
            bytes: &bytes)
    }

    /// The entry text once per name, the template's quoted name replaced.
    static func copies(_ entry: String, _ names: [Symbol]) -> String {
        names.map { entry.replacingOccurrences(of: "\"\(template.name)\"", with: "\"\($0.name)\"") }
            .joined(separator: ",")
    }

    /// The raw text of the template's element of the array at `arrayKey` of the root object (or
    /// of the root array).
    static func templateEntry(in path: String, arrayKey: String?) throws(BenchmarkError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkError("\(path): cannot read the file")
        }
        let bytes = [UInt8](data)
        let found: String?
        do {
            found = try bytes.withUnsafeBytes { raw throws(JSONError) -> String? in
                var reader = JSONReader(raw)
                reader.skipWhitespace()
                if let arrayKey {
                    guard try reader.beginObject() else { return nil }
                    while true {
                        let key = try reader.readKey()
                        if reader.string(key) == arrayKey { break }
                        _ = try reader.readToken()
                        guard try reader.nextMember() else { return nil }
                    }
                }
                guard try reader.beginArray() else { return nil }
                repeat {
                    let token = try reader.readToken()
                    let element = reader.raw(token)
                    if (try JSONReader.parse(element))["symbol"]?.string == template.name {
                        return String(decoding: element, as: UTF8.self)
                    }
                } while try reader.nextElement()
                return nil
            }
        } catch {
            throw BenchmarkError("\(path): \(error)")
        }
        guard let found else { throw BenchmarkError("\(path): no \(template.name) entry") }
        return found
    }
}
