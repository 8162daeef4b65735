import Market
import Testing

@Suite struct StateStorageTests {
    @Test func elementsAreReadAndModifiedInPlaceAndCopiesShareThem() {
        let storage = StateStorage(repeating: [1, 2], count: 3)
        defer { storage.deallocate() }
        let copy = storage
        storage[1].append(3)
        copy[2] = [7]
        #expect(storage[0] == [1, 2])
        #expect(copy[1] == [1, 2, 3])
        #expect(storage[2] == [7])
    }

    #if DEBUG
    /// Debug builds check every access: reading an element while it is being modified traps.
    @Test func overlappingAccessTrapsInDebugBuilds() async {
        await #expect(processExitsWith: .failure) {
            let storage = StateStorage(repeating: [1, 2, 3], count: 1)
            storage[0].removeAll { _ in storage[0].count > 10 }
        }
    }
    #endif
}
