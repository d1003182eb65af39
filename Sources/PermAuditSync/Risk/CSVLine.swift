/// Splits one CSV line into fields: commas separate, double quotes enclose, `""` is a quote inside quotes.
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        let characters = Array(line)
        var fields: [String] = [], field = "", quoted = false, index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character != "\"" {
                    field.append(character)
                } else if index + 1 < characters.count && characters[index + 1] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index += 1
        }
        return fields + [field]
    }
}
