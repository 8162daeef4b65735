/// Mutable state of a simulation object that its hot paths read and write many times per bar
/// (the exchange's books and legs, the dispatcher's tables, the recorder's rows): a fixed number of elements,
/// allocated with the owner, read and modified in place through the subscript, and freed by
/// `deallocate()` from the owner's `deinit`.
///
/// Why not stored `var`s of the owning class: Swift checks every access to a class's stored
/// `var` for exclusivity at run time, a call into the runtime per access. Release builds
/// therefore reach the elements through a constant pointer, where an access is a plain load or
/// store. Debug builds, and so every test, keep them
/// in an array inside an object instead, where Swift checks each access: one that overlaps a
/// modification of the same storage (an event handler re-entering the owner while one of its
/// fields is held `inout`, say) traps there rather than passing unnoticed. Both hold the same
/// elements; only the checking differs.
///
/// Copies share the elements. In release builds nothing is reference counted: `deallocate()`
/// must be called exactly once, after the last access.
///
/// AddressSanitizer (`make test-asan`) reports a heap-use-after-free in an owner's `_read`
/// accessor over this storage (`Dispatcher.state`, read in `protectPerStrategy`). It is not a
/// lifetime error of this type: the freed block is the heap frame of the owner's `_read`
/// coroutine (allocated by the accessor, freed by its own `resume.0`), not the elements, which
/// the owner still holds. The debug build's `_read` yields a copy of the element that lives in
/// that frame (the array's getter returns one), and Swift 6.3's `-Onone` code in the caller loads
/// through the yielded address once more just after it has ended the access. Release builds
/// yield `base[index]`, which stays allocated until `deallocate()`. `make test-asan` therefore
/// recovers from reports and lets `scripts/asan-check.sh` accept only that one
/// (docs/guarantees.md, "Sanitizers").
public struct StateStorage<Element> {
    #if DEBUG
    @usableFromInline final class Elements {
        @usableFromInline var array: ContiguousArray<Element>
        @usableFromInline init(_ array: ContiguousArray<Element>) { self.array = array }
    }
    @usableFromInline let elements: Elements

    /// `count` copies of `value`.
    @inlinable public init(repeating value: Element, count: Int) {
        elements = Elements(ContiguousArray(repeating: value, count: count))
    }

    @inlinable public subscript(index: Int) -> Element {
        _read { yield elements.array[index] }
        nonmutating _modify { yield &elements.array[index] }
    }

    @inlinable public func deallocate() {}
    #else
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let count: Int

    /// `count` copies of `value`.
    @inlinable public init(repeating value: Element, count: Int) {
        base = UnsafeMutablePointer.allocate(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    @inlinable public subscript(index: Int) -> Element {
        _read { yield base[index] }
        nonmutating _modify { yield &base[index] }
    }

    @inlinable public func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
    #endif
}
