/// HTTP methods in the order Graph's documentation lists them: GET, POST, PUT, PATCH, DELETE, then others.
enum HTTPMethods {
    static let order = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    static func sorted(_ methods: [String]) -> [String] {
        Set(methods).sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }
}
