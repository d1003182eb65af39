import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path is, told by stat(2), which never opens it: opening a named pipe waits for a writer forever.
enum FileType: Equatable {
    case regular
    case directory
    /// Nothing there, or a link to nothing.
    case missing
    /// A named pipe, socket or device, described for a message.
    case special(String)

    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .special("a named pipe")
        case S_IFSOCK: self = .special("a socket")
        case S_IFCHR, S_IFBLK: self = .special("a device")
        default: self = .special("a special file")
        }
    }
}
