import CSHA256
import Testing

@testable import Results

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

@Suite struct SHA256BlockTests {
    /// The hardware block function (when this processor has one) and the portable one agree.
    @Test func hardwareMatchesPortable() {
        var seed: UInt64 = 12_345
        let bytes = (0..<64 * 257).map { _ -> UInt8 in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        var a: [UInt32] = [1, 2, 3, 4, 5, 6, 7, 8]
        var b = a
        bytes.withUnsafeBufferPointer { p in
            hs_sha256_blocks(&a, p.baseAddress!, 257)
            hs_sha256_blocks_portable(&b, p.baseAddress!, 257)
        }
        #expect(a == b)
    }

    /// Feeding in pieces of every length around the block size gives the one-shot digest.
    @Test(arguments: [1, 7, 55, 56, 63, 64, 65, 119, 128, 1000])
    func pieces(size: Int) {
        let bytes = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        for start in stride(from: 0, to: bytes.count, by: size) {
            hasher.update(Array(bytes[start..<min(start + size, bytes.count)]))
        }
        #expect(hasher.hexDigest() == SHA256.hex(bytes))
        for length in [0, 55, 56, 63, 64, 119, 120] {
            var whole = SHA256()
            whole.update(Array(bytes[0..<length]))
            var split = SHA256()
            split.update(Array(bytes[0..<length / 2]))
            split.update(Array(bytes[length / 2..<length]))
            #expect(whole.hexDigest() == split.hexDigest())
        }
    }
}
