public import Foundation

/// Reads a child process's standard output and standard error to their ends together, standard
/// error on a thread of its own. Read one after the other, a child that fills the second pipe
/// (64 KB: a sanitizer's reports on standard error are larger) while the first is being read
/// blocks, never closes the first, and both processes wait for ever.
public enum PipeOutput {
    /// The two pipes' contents once the child has closed both.
    public static func readBoth(_ stdout: Pipe, _ stderr: Pipe) -> (stdout: Data, stderr: Data) {
        let box = DataBox()
        let done = DispatchSemaphore(value: 0)
        let handle = stderr.fileHandleForReading
        // A thread of its own: not one of the dispatch or Swift concurrency pools, which the tests
        // calling this may be holding.
        Thread.detachNewThread {
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        return (out, box.data)
    }
}

/// The standard error read on the other thread, read back after the semaphore.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
