import Foundation
import PermAuditStore

/// The data behind a permission page's Export JSON and Export CSV: `permissions/SLUG.js`, which the page adds
/// as a script when a button is pressed (a page from `file://` may not fetch, but may load a script). It holds
/// exactly what `permaudit show NAME --format json|csv` prints, deflated and in base64:
/// `permauditData({"json":"…","csv":"…"})`; site.js inflates it into the file it saves, so a download is
/// those bytes. Inert whatever the data holds (base64 is letters, digits, `+`, `/` and `=`), and an eighth of
/// the two files it replaces: every export repeats the paths and properties of the types it reaches.
enum ExportScripts {
    static func script(json: String, csv: String) throws -> String {
        let packed = try [("json", json), ("csv", csv)].map { key, text in
            "\"\(key)\":\"" + Data(try Zlib.deflate(Array(text.utf8))).base64EncodedString() + "\""
        }
        return "permauditData({" + packed.joined(separator: ",") + "});\n"
    }
}
