import Foundation
import PermAuditStore
#if canImport(Glibc)
import Glibc
#endif

/// The process a sync run records, so that a run killed mid-way (kill -9, a crash, a reboot) is told apart
/// from one still running: its status stays `running` in the database, but its process is gone.
public enum SyncRunProcess {
    public static var pid: Int32 { ProcessInfo.processInfo.processIdentifier }
    public static var host: String { ProcessInfo.processInfo.hostName }

    /// The status to show: a `running` run whose process no longer lives on this host is `interrupted`
    /// (`permaudit sync --resume` continues it). A run on another host is taken at its word.
    public static func status(of run: SyncRunRecord) -> String {
        run.status == "running" && !isAlive(run) ? "interrupted" : run.status
    }

    /// Whether the run's process lives. A run recorded before runs named their process has none: not alive.
    /// (A pid reused by another process after a reboot reads as alive: the status then says `running`.)
    public static func isAlive(_ run: SyncRunRecord) -> Bool {
        guard let pid = run.pid, pid > 0 else { return false }
        guard run.host == host else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
