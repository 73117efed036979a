/// `methods.md`: how the figures are computed, with the settings used.
struct MethodsContext: TemplateContext {
    var siteTitle: String
    var root: String
    var fewMark: String
    var p90Needs: Int
    var p95Needs: Int
    var p99Needs: Int
    var alpha: String
    var minimumEffect: String
    var window: Int
    var history: Int
    var penalty: String
    var changeMinimumEffect: String
    var segment: Int

    static let variables: TemplateVariables<MethodsContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("fewMark", \.fewMark),
        TemplateVariable("p90Needs", \.p90Needs),
        TemplateVariable("p95Needs", \.p95Needs),
        TemplateVariable("p99Needs", \.p99Needs),
        TemplateVariable("alpha", \.alpha),
        TemplateVariable("minimumEffect", \.minimumEffect),
        TemplateVariable("window", \.window),
        TemplateVariable("history", \.history),
        TemplateVariable("penalty", \.penalty),
        TemplateVariable("changeMinimumEffect", \.changeMinimumEffect),
        TemplateVariable("segment", \.segment),
    ]
}
