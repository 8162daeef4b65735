import Feeds
import Market

/// The exchangeInfo and leverage-bracket readers on one JSON document, and the rules joined.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    guard let json = try? JSONFile.parse(bytes, path: "rules.json") else { return 0 }
    let rules = (try? ExchangeInfoReader.read(json, path: "rules.json")) ?? []
    let brackets = (try? LeverageBracketReader.read(json, path: "rules.json")) ?? []
    _ = rules.attaching(brackets)
    return 0
}
