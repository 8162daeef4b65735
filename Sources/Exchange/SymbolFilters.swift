import Market

/// A symbol's filters as raw fixed-point values: a trivial struct, so validation and the bar
/// walk read them without copying `SymbolRules` (which holds strings and arrays).
struct SymbolFilters {
    var pricePrecision: Int
    var quantityPrecision: Int
    var tickSize: Int64
    var minPrice: Int64
    var maxPrice: Int64
    var stepSize: Int64
    var minQuantity: Int64
    var maxQuantity: Int64
    var marketStepSize: Int64
    var marketMinQuantity: Int64
    var marketMaxQuantity: Int64
    var minNotional: Int64
    var multiplierUp: Int64
    var multiplierDown: Int64
    var triggerProtect: Int64
    var liquidationFee: Int64

    init(_ rules: SymbolRules) {
        pricePrecision = rules.pricePrecision
        quantityPrecision = rules.quantityPrecision
        tickSize = rules.tickSize.raw
        minPrice = rules.minPrice.raw
        maxPrice = rules.maxPrice.raw
        stepSize = rules.stepSize.raw
        minQuantity = rules.minQuantity.raw
        maxQuantity = rules.maxQuantity.raw
        marketStepSize = rules.marketStepSize.raw
        marketMinQuantity = rules.marketMinQuantity.raw
        marketMaxQuantity = rules.marketMaxQuantity.raw
        minNotional = rules.minNotional.raw
        multiplierUp = rules.multiplierUp.raw
        multiplierDown = rules.multiplierDown.raw
        triggerProtect = rules.triggerProtect.raw
        liquidationFee = rules.liquidationFee.raw
    }
}
