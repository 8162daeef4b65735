#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output file written atomically, the way every hedgesim writer writes (the report, the HTML
/// page, export files, generated signals; docs/guarantees.md).
///
/// Opening checks the path and takes the output's lock: the path must be absent or a regular
/// file; a symbolic link is followed on purpose (the file it points to is replaced and the link
/// kept), one to a missing file is refused, a cycle of links is `.symlinkLoop`; devices, FIFOs,
/// sockets and folders are `.notARegularFile`. The lock is `flock` on `.<name>.lock` beside the
/// destination; a held lock is `.inUse` naming the holder's pid, or is waited for. Then the
/// writer fills `temporaryPath` (`.<name>.<pid>.<n>.tmp` in the same folder, created empty and
/// exclusively), and `commit` syncs it, renames it over the destination and syncs the folder.
/// Stray temporary files of writers that died (older than the lock, which no live writer
/// holds) are removed when the lock is taken. Until `commit` the destination is untouched; a
/// file that is dropped or `abandon`ed removes its temporary file. The lock is held until
/// `close` or until the file is dropped. Owned by one thread at a time.
public final class OutputFile: @unchecked Sendable {
    /// The path as the user gave it (messages name it).
    public let path: String
    /// The file that gets replaced: absolute, symbolic links resolved.
    public let destination: String
    /// Where the writer writes before `commit`.
    public let temporaryPath: String
    private let lockPath: String
    private var lockDescriptor: Int32
    private var committed = false
    private var temporaryExists = true

    /// Checks `path`, takes its lock and creates the empty temporary file (and the folder when
    /// missing).
    ///
    /// - Parameters:
    ///   - role: What is written, for messages (`report`, `HTML report`, …).
    ///   - wait: Wait for another writer's lock instead of failing with `.inUse`.
    ///   - isCancelled: Asked while waiting; once true the wait ends with `.cancelled`.
    public init(
        path: String, role: String = "output", wait: Bool = false, isCancelled: () -> Bool = { false }
    ) throws(OutputFileError) {
        self.path = path
        let resolved = try Self.resolve(path)
        destination = resolved.destination
        let folder = Self.folder(of: destination)
        let name = Self.name(of: destination)
        try Self.createFolder(folder, role: role, path: path)
        lockPath = folder + "/." + name + ".lock"
        lockDescriptor = try Self.lock(lockPath, path: path, role: role, wait: wait, isCancelled: isCancelled)
        let started = time(nil)
        Self.removeStale(in: folder, name: name, before: started)
        var created: (String, Int32)?
        for _ in 0..<1000 {
            let candidate = folder + "/." + name + ".\(getpid()).\(Self.registry.nextNumber()).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                created = (candidate, fd)
                break
            }
            if errno != EEXIST { break }
        }
        guard let (temporary, fd) = created else {
            let reason = Self.errnoText()
            Self.unlock(lockDescriptor, lockPath)
            throw OutputFileError(.io, path: path, "\(path): cannot create a temporary file in \(folder) (\(reason))")
        }
        if resolved.exists {
            var info = stat()
            if stat(destination, &info) == 0 { fchmod(fd, info.st_mode & 0o7777) }
        }
        closeDescriptor(fd)
        temporaryPath = temporary
        Self.registry.add(temporary, lockPath)
    }

    deinit {
        if !committed { removeTemporary() }
        close()
    }

    /// Moves the finished temporary file into place: syncs it, checks that the destination is
    /// still absent or a regular file, renames, syncs the folder.
    ///
    /// - Parameter isCancelled: Asked just before the rename; true removes the temporary file
    ///   and throws `.cancelled`, leaving the destination as it was.
    public func commit(isCancelled: () -> Bool = { false }) throws(OutputFileError) {
        guard !committed, temporaryExists else {
            throw OutputFileError(.io, path: path, "\(path): already moved into place or abandoned")
        }
        do throws(OutputFileError) {
            try Self.sync(temporaryPath, path: path)
            if isCancelled() { throw OutputFileError(.cancelled, path: path, "\(path): interrupted; not replaced") }
            _ = try Self.resolve(path)
            guard rename(temporaryPath, destination) == 0 else {
                throw OutputFileError(.io, path: path, "\(path): cannot move into place (\(Self.errnoText()))")
            }
        } catch {
            removeTemporary()
            throw error
        }
        committed = true
        temporaryExists = false
        Self.registry.removeTemporary(temporaryPath)
        try Self.sync(Self.folder(of: destination), path: path)
    }

    /// Writes `bytes` as the whole temporary file.
    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        let fd = open(temporaryPath, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileError(.io, path: path, "\(path): cannot write (\(Self.errnoText()))") }
        defer { closeDescriptor(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { writeDescriptor(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw OutputFileError(.io, path: path, "\(path): write failed (\(Self.errnoText()))")
            }
            offset += written
        }
    }

    /// Removes the temporary file (the destination stays as it was) and releases the lock.
    public func abandon() {
        if !committed { removeTemporary() }
        close()
    }

    /// Releases the lock (after `commit`, or to give up).
    public func close() {
        guard lockDescriptor >= 0 else { return }
        Self.unlock(lockDescriptor, lockPath)
        lockDescriptor = -1
        Self.registry.removeLock(lockPath)
    }

    private func removeTemporary() {
        guard temporaryExists else { return }
        unlink(temporaryPath)
        temporaryExists = false
        Self.registry.removeTemporary(temporaryPath)
    }

    // MARK: Checks

    /// Checks an output path without writing: absent or a regular file (through symbolic links).
    ///
    /// - Returns: The absolute destination with symbolic links resolved, and whether it exists.
    @discardableResult
    public static func resolve(_ path: String) throws(OutputFileError) -> (destination: String, exists: Bool) {
        var info = stat()
        if lstat(path, &info) == 0 {
            var target = info
            if info.st_mode & S_IFMT == S_IFLNK {
                guard stat(path, &target) == 0 else {
                    if errno == ELOOP { throw loop(path) }
                    throw OutputFileError(
                        .notARegularFile, path: path,
                        "\(path): is a symbolic link to a missing file (\(linkTarget(path))); not written")
                }
            }
            try requireRegular(target, path: path)
            guard let real = realpath(path, nil) else {
                if errno == ELOOP { throw loop(path) }
                throw OutputFileError(.io, path: path, "\(path): cannot resolve (\(errnoText()))")
            }
            defer { free(real) }
            return (String(cString: real), true)
        }
        switch errno {
        case ELOOP: throw loop(path)
        case ENOENT, ENOTDIR: break
        default: throw OutputFileError(.io, path: path, "\(path): cannot check (\(errnoText()))")
        }
        let folder = folder(of: path)
        let name = name(of: path)
        guard let real = realpath(folder, nil) else {
            if errno == ELOOP { throw loop(path) }
            return (absolute(folder) + "/" + name, false)
        }
        defer { free(real) }
        return (String(cString: real) + "/" + name, false)
    }

    /// The identity of a file for same-file checks: device and inode when it exists, else the
    /// resolved path.
    public enum Identity: Hashable, Sendable {
        case inode(device: UInt64, inode: UInt64)
        case absent(String)
    }

    /// The identity of an output path (see `resolve`).
    public static func outputIdentity(_ path: String) throws(OutputFileError) -> Identity {
        let resolved = try resolve(path)
        var info = stat()
        if resolved.exists, stat(resolved.destination, &info) == 0 {
            return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
        return .absent(resolved.destination)
    }

    /// The identity of an existing input file, or nil.
    public static func inputIdentity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Refuses outputs that are the same file as an input or as each other (`.sameFile`).
    ///
    /// - Parameters:
    ///   - outputs: `(what, path)` of each output, e.g. `("--html", "r.html")`.
    ///   - inputs: `(what, path)` of each input file.
    public static func requireDistinct(
        outputs: [(role: String, path: String)], inputs: [(role: String, path: String)]
    ) throws(OutputFileError) {
        var seen: [(role: String, path: String, identity: Identity)] = []
        for input in inputs {
            if let identity = inputIdentity(input.path) { seen.append((input.role, input.path, identity)) }
        }
        for output in outputs {
            let identity = try outputIdentity(output.path)
            if let other = seen.first(where: { $0.identity == identity }) {
                throw OutputFileError(
                    .sameFile, path: output.path,
                    "\(output.path): \(output.role) is the same file as \(other.role) (\(other.path)); not overwritten")
            }
            seen.append((output.role, output.path, identity))
        }
    }

    private static func requireRegular(_ info: stat, path: String) throws(OutputFileError) {
        let what: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: what = "a folder"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        case S_IFIFO: what = "a FIFO"
        case S_IFSOCK: what = "a socket"
        default: what = "not a regular file"
        }
        throw OutputFileError(.notARegularFile, path: path, "\(path): is \(what), not a regular file; not replaced")
    }

    private static func loop(_ path: String) -> OutputFileError {
        OutputFileError(.symlinkLoop, path: path, "\(path): too many levels of symbolic links (a loop)")
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Paths

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path == "." ? cwd : cwd + "/" + path
    }

    private static func createFolder(_ folder: String, role: String, path: String) throws(OutputFileError) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputFileError(.io, path: path, "\(folder): cannot create the \(role) folder (not a folder)")
            }
            return
        }
        var built = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o777) != 0 && errno != EEXIST {
                throw OutputFileError(
                    .io, path: path, "\(folder): cannot create the \(role) folder (\(errnoText()))")
            }
        }
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputFileError(.io, path: path, "\(folder): cannot create the \(role) folder (\(errnoText()))")
        }
    }

    // MARK: Lock, sync, stale files

    private static func lock(
        _ lockPath: String, path: String, role: String, wait: Bool, isCancelled: () -> Bool
    ) throws(OutputFileError) -> Int32 {
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw OutputFileError(.io, path: path, "\(lockPath): cannot create the lock file (\(errnoText()))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    let reason = errnoText()
                    closeDescriptor(fd)
                    throw OutputFileError(.io, path: path, "\(lockPath): cannot lock (\(reason))")
                }
                let holder = readPid(fd)
                closeDescriptor(fd)
                guard wait else {
                    throw OutputFileError(
                        .inUse, path: path,
                        "\(path): \(role) in use by another hedgesim (pid \(holder)); wait for it with --wait")
                }
                if isCancelled() { throw OutputFileError(.cancelled, path: path, "\(path): interrupted while waiting") }
                usleep(50_000)
                continue
            }
            // The holder before us may have removed the lock file as it finished: lock again
            // on the file that is there now.
            var held = stat()
            var current = stat()
            guard fstat(fd, &held) == 0, stat(lockPath, &current) == 0, held.st_ino == current.st_ino,
                held.st_dev == current.st_dev
            else {
                closeDescriptor(fd)
                continue
            }
            let pid = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return fd
        }
    }

    private static func readPid(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard count > 0 else { return "unknown" }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).filter(\.isNumber)
        return text.isEmpty ? "unknown" : text
    }

    private static func unlock(_ fd: Int32, _ lockPath: String) {
        unlink(lockPath)
        closeDescriptor(fd)
    }

    private static func sync(_ path: String, path shown: String) throws(OutputFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileError(.io, path: shown, "\(path): cannot open for sync (\(errnoText()))") }
        defer { closeDescriptor(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else {
            throw OutputFileError(.io, path: shown, "\(path): fsync failed (\(errnoText()))")
        }
    }

    /// Removes `.<name>.*.tmp` (and a `<name>.partial` of older versions) last modified before
    /// `before`: with the lock held, no live writer owns them.
    private static func removeStale(in folder: String, name: String, before: time_t) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let temporary = entryName.hasPrefix("." + name + ".") && entryName.hasSuffix(".tmp")
            if temporary || entryName == name + ".partial" { stale.append(folder + "/" + entryName) }
        }
        for file in stale {
            var info = stat()
            if lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mtim.tv_sec <= before {
                unlink(file)
            }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    // MARK: Cleanup at a signal

    /// Removes every temporary file and lock file this process holds: for a signal handler that
    /// ends the process at once (the destinations are untouched).
    public static func removeTemporaries() { registry.removeAll() }

    static let registry = Registry()

    /// The temporary and lock files open in this process.
    final class Registry: @unchecked Sendable {
        private var mutex = pthread_mutex_t()
        private var temporaries: [String] = []
        private var locks: [String] = []
        private var counter = 0

        init() { pthread_mutex_init(&mutex, nil) }

        private func locked<T>(_ body: () -> T) -> T {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            return body()
        }

        func nextNumber() -> Int {
            locked {
                counter += 1
                return counter
            }
        }

        func add(_ temporary: String, _ lock: String) {
            locked {
                temporaries.append(temporary)
                if !locks.contains(lock) { locks.append(lock) }
            }
        }

        func removeTemporary(_ path: String) { locked { temporaries.removeAll { $0 == path } } }

        func removeLock(_ path: String) { locked { locks.removeAll { $0 == path } } }

        func removeAll() {
            locked {
                for path in temporaries { unlink(path) }
                for path in locks { unlink(path) }
                temporaries = []
                locks = []
            }
        }
    }
}

/// `close(2)` and `write(2)`, named apart from the methods of the same names.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
private func writeDescriptor(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
