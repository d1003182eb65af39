import ArgumentParser

/// `report --consent-type`: Graph's consent types, spelled as Graph does, listed in the help.
enum ConsentTypeChoice: String, ExpressibleByArgument, CaseIterable {
    case allPrincipals = "AllPrincipals"
    case principal = "Principal"
    case application = "Application"
}
