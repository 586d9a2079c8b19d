/// Precision, recall and F1 counts for one label.
struct Counts {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    var precision: Double {
        truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
        truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
    var support: Int { truePositives + falseNegatives }

    mutating func add(predicted: Bool, gold: Bool) {
        switch (predicted, gold) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): break
        }
    }
}

/// The scorecard's goals (issue 4).
enum Goals {
    static let municipalPrecision = 0.85
    static let municipalRecall = 0.80
    static let macroF1 = 0.75
}
