import ArgumentParser
import PermAuditStore

/// `--min-risk low|medium|high|critical`.
extension RiskLevel: ExpressibleByArgument {}
