/// The JSON body of `CONNECT`.
struct ConnectRequest: Encodable {
    var verbose = false
    var pedantic = false
    var tlsRequired: Bool
    var name: String?
    var lang = "swift"
    var version = "0.1.0"
    var `protocol` = 1
    var echo: Bool
    var headers = true
    var noResponders = true
    var user: String?
    var pass: String?
    var authToken: String?
    var jwt: String?
    var nkey: String?
    var sig: String?

    enum CodingKeys: String, CodingKey {
        case verbose, pedantic
        case tlsRequired = "tls_required"
        case name, lang, version, `protocol`, echo, headers
        case noResponders = "no_responders"
        case user, pass
        case authToken = "auth_token"
        case jwt, nkey, sig
    }
}
