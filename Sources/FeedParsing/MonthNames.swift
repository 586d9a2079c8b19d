/// Month names in the languages our sources write, lower-cased, every grammatical case we meet.
enum MonthNames {
    static let english: [String: Int] = {
        var table: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    static let local: [String: Int] = {
        let forms: [[String]] = [
            // Slovenian, Croatian, Serbian Latin, Serbian Cyrillic
            ["januar", "januarja", "januara", "siječanj", "siječnja", "sijecanj", "sijecnja", "јануар", "јануара", "jan"],
            ["februar", "februarja", "februara", "veljača", "veljače", "veljaca", "veljace", "фебруар", "фебруара", "feb"],
            ["marec", "marca", "mart", "marta", "ožujak", "ožujka", "ozujak", "ozujka", "март", "марта", "mar"],
            ["april", "aprila", "travanj", "travnja", "април", "априла", "apr"],
            ["maj", "maja", "svibanj", "svibnja", "мај", "маја"],
            ["junij", "junija", "jun", "juna", "lipanj", "lipnja", "јун", "јуна"],
            ["julij", "julija", "jul", "jula", "srpanj", "srpnja", "јул", "јула"],
            ["avgust", "avgusta", "august", "augusta", "kolovoz", "kolovoza", "август", "августа", "avg", "aug"],
            ["september", "septembra", "septembar", "rujan", "rujna", "септембар", "септембра", "sep", "sept"],
            ["oktober", "oktobra", "oktobar", "listopad", "listopada", "октобар", "октобра", "okt"],
            ["november", "novembra", "novembar", "studeni", "studenog", "studenoga", "новембар", "новембра", "nov"],
            ["december", "decembra", "decembar", "prosinac", "prosinca", "децембар", "децембра", "dec"],
        ]
        var table = english
        for (index, names) in forms.enumerated() {
            for name in names { table[name] = index + 1 }
        }
        return table
    }()
}
