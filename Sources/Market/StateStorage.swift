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
