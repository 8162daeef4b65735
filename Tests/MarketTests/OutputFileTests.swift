import Foundation
import Market
import Testing

/// `OutputFile`: which paths it refuses, its lock, its atomic replace and its clean-up
/// (docs/guarantees.md).
@Suite struct OutputFileTests {
    static func folder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.path + "/hedgesim-output-\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    static func write(_ text: String, to path: String) throws {
        let output = try OutputFile(path: path)
        try output.write(Array(text.utf8))
        try output.commit()
    }

    @Test func writesAndReplacesLeavingNothingElse() throws {
        let folder = Self.folder("replace")
        let path = folder + "/r.txt"
        try Self.write("old", to: path)
        try Self.write("new", to: path)
        #expect(Self.contents(path) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.txt"])
    }

    @Test func refusesDevicesFIFOsAndFolders() throws {
        let folder = Self.folder("devices")
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)
        var cases = [(folder + "/fifo", "a FIFO"), (folder, "a folder")]
        // A device of its own (as root), never the machine's /dev/null.
        if mknod(folder + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
            cases.append((folder + "/null", "a character device"))
        }
        for (path, what) in cases {
            do {
                _ = try OutputFile(path: path)
                Issue.record("\(path) accepted")
            } catch {
                #expect(error.kind == .notARegularFile)
                #expect(error.message == "\(path): is \(what), not a regular file; not replaced")
            }
        }
        var info = stat()
        #expect(lstat(folder + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        unlink(folder + "/null")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["fifo"])
    }

    @Test func followsSymbolicLinksAndRefusesDanglingOnesAndLoops() throws {
        let folder = Self.folder("links")
        try Self.write("old", to: folder + "/target.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "target.txt")
        try Self.write("new", to: folder + "/link")
        #expect(Self.contents(folder + "/target.txt") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link") == "target.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "missing.txt")
        #expect(throws: OutputFileError.self) { _ = try OutputFile(path: folder + "/dangling") }
        do {
            _ = try OutputFile(path: folder + "/dangling")
        } catch {
            #expect(error.kind == .notARegularFile)
            #expect(
                error.message == "\(folder)/dangling: is a symbolic link to a missing file (missing.txt); not written")
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
        for path in [folder + "/a", folder + "/a/r.txt"] {
            do {
                _ = try OutputFile(path: path)
                Issue.record("\(path) accepted")
            } catch {
                #expect(error.kind == .symlinkLoop, "\(path)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/missing.txt"))
    }

    @Test func aSecondWriterIsRefusedWithThePidOrWaits() throws {
        let folder = Self.folder("lock")
        let path = folder + "/r.sqlite"
        let first = try OutputFile(path: path, role: "report")
        do {
            _ = try OutputFile(path: path, role: "report")
            Issue.record("second writer accepted")
        } catch {
            #expect(error.kind == .inUse)
            #expect(
                error.message
                    == "\(path): report in use by another hedgesim (pid \(getpid())); wait for it with --wait")
        }
        let released = Date().addingTimeInterval(0.3)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? first.write(Array("first".utf8))
            try? first.commit()
            first.close()
        }
        let second = try OutputFile(path: path, role: "report", wait: true)
        #expect(Date() >= released)
        #expect(Self.contents(path) == "first")
        try second.write(Array("second".utf8))
        try second.commit()
        second.close()
        #expect(Self.contents(path) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.sqlite"])
    }

    @Test func waitingEndsWhenCancelled() throws {
        let folder = Self.folder("cancel-wait")
        let first = try OutputFile(path: folder + "/r.txt")
        var asked = 0
        do {
            _ = try OutputFile(
                path: folder + "/r.txt", wait: true,
                isCancelled: {
                    asked += 1
                    return asked > 2
                })
            Issue.record("no error")
        } catch {
            #expect(error.kind == .cancelled)
        }
        first.abandon()
    }

    @Test func cancelledAndAbandonedWritesLeaveThePreviousFileAndNoTemporary() throws {
        let folder = Self.folder("cancel")
        let path = folder + "/r.txt"
        try Self.write("old", to: path)
        let cancelled = try OutputFile(path: path)
        try cancelled.write(Array("new".utf8))
        #expect(throws: OutputFileError(.cancelled, path: path, "\(path): interrupted; not replaced")) {
            try cancelled.commit(isCancelled: { true })
        }
        cancelled.close()
        do {
            let dropped = try OutputFile(path: path)
            try dropped.write(Array("new".utf8))
        }
        #expect(Self.contents(path) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.txt"])
    }

    @Test func strayTemporariesOfDeadWritersAreRemoved() throws {
        let folder = Self.folder("stale")
        let stray = folder + "/.r.txt.999999.1.tmp"
        let legacy = folder + "/r.txt.partial"
        let other = folder + "/.other.txt.999999.1.tmp"
        for file in [stray, legacy, other] {
            _ = FileManager.default.createFile(atPath: file, contents: Data("half".utf8))
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: file)
        }
        try Self.write("new", to: folder + "/r.txt")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                ".other.txt.999999.1.tmp", "r.txt",
            ]
        )
    }

    @Test func temporaryNamesAreUniqueInTheDestinationFolder() throws {
        let folder = Self.folder("names")
        let a = try OutputFile(path: folder + "/a.txt")
        let b = try OutputFile(path: folder + "/b.txt")
        #expect(a.temporaryPath.hasPrefix(folder + "/.a.txt.\(getpid())."))
        #expect(a.temporaryPath.hasSuffix(".tmp"))
        #expect(a.temporaryPath != b.temporaryPath.replacingOccurrences(of: "/.b.txt.", with: "/.a.txt."))
    }

    @Test func outputsThatAreInputsOrEachOtherAreRefused() throws {
        let folder = Self.folder("same")
        let input = folder + "/in.csv"
        _ = FileManager.default.createFile(atPath: input, contents: Data("x".utf8))
        try FileManager.default.linkItem(atPath: input, toPath: folder + "/hard.csv")
        try FileManager.default.createSymbolicLink(atPath: folder + "/soft.csv", withDestinationPath: "in.csv")
        for output in [input, folder + "/hard.csv", folder + "/soft.csv", folder + "/./in.csv"] {
            do {
                try OutputFile.requireDistinct(outputs: [("--out", output)], inputs: [("the kline file", input)])
                Issue.record("\(output) accepted")
            } catch {
                #expect(error.kind == .sameFile)
                #expect(
                    error.message == "\(output): --out is the same file as the kline file (\(input)); not overwritten")
            }
        }
        #expect(throws: OutputFileError.self) {
            try OutputFile.requireDistinct(
                outputs: [
                    ("the report", folder + "/r"),
                    ("--html", folder + "/../\(URL(fileURLWithPath: folder).lastPathComponent)/r"),
                ],
                inputs: [])
        }
        try OutputFile.requireDistinct(outputs: [("a", folder + "/r"), ("b", folder + "/s")], inputs: [("i", input)])
        #expect(Self.contents(input) == "x")
    }
}
