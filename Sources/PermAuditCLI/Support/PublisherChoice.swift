import ArgumentParser

/// `report --publisher`: who publishes the client app, as the report's publisher column says.
enum PublisherChoice: String, ExpressibleByArgument, CaseIterable {
    case microsoft
    case thisTenant
    case thirdParty
}
