import Testing

@testable import Backtest

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        var hasher = SHA256()
        hasher.update(input)
        #expect(hasher.hexDigest() == digest)
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var a = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            a.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)]))
        }
        #expect(a.hexDigest() == SHA256.hex(bytes))
        // A million 'a's.
        var m = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { m.update(block) }
        #expect(m.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
