import Foundation

/// The national clouds: each has its own Graph and sign-in hosts (learn.microsoft.com/graph/deployments).
public enum GraphCloud: String, CaseIterable, Sendable {
    case global, usgov, usgovdod, china

    public var graphURL: URL {
        switch self {
        case .global: URL(string: "https://graph.microsoft.com")!
        case .usgov: URL(string: "https://graph.microsoft.us")!
        case .usgovdod: URL(string: "https://dod-graph.microsoft.us")!
        case .china: URL(string: "https://microsoftgraph.chinacloudapi.cn")!
        }
    }

    public var loginURL: URL {
        switch self {
        case .global: URL(string: "https://login.microsoftonline.com")!
        case .usgov, .usgovdod: URL(string: "https://login.microsoftonline.us")!
        case .china: URL(string: "https://login.chinacloudapi.cn")!
        }
    }
}
