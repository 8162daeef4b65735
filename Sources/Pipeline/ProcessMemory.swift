#if canImport(Glibc)
import CMalloc
#endif

/// The process's memory policy for the simulations: large blocks on their own mappings.
///
/// glibc serves an allocation from its heap unless it is larger than a threshold that it raises,
/// up to 32 MB, each time such a block is freed, and memory freed inside its heap mostly stays in
/// the process. A run's result tables are arrays of a few to a few tens of megabytes that the
/// report writer releases table by table while the next run of a comparison simulates; with the
/// moving threshold the freed tables stayed in the process. From `mapLargeBlocks()` on, every
/// block of 1 MiB or more is mapped on its own and unmapped when freed. `RunPipeline` calls it
/// once the inputs are read: the read phase reuses its large buffers and was ≈ 0.1 s slower on
/// `year10` with every one of them freshly mapped (docs/performance.md, "Memory").
public enum ProcessMemory {
    /// Blocks of at least this many bytes get their own mapping.
    public static let mappedBlockThreshold: Int32 = 1 << 20

    /// Maps every later block of `mappedBlockThreshold` bytes or more on its own (glibc; nothing
    /// elsewhere). Affects the whole process; idempotent.
    public static func mapLargeBlocks() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, mappedBlockThreshold)
        #endif
    }
}
