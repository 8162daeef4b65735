public import Market

/// The Binance USDⓈ-M error responses the simulator emits, with Binance's codes and message
/// texts (developers.binance.com "Error Codes"; live texts where they differ from the table).
public enum BinanceError {
    /// -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED.
    public static func mandatoryParameter(_ name: String) -> ExchangeRejection {
        ExchangeRejection(
            code: -1102, message: "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }

    /// -1106 PARAM_NOT_REQUIRED.
    public static func parameterNotRequired(_ name: String) -> ExchangeRejection {
        ExchangeRejection(code: -1106, message: "Parameter '\(name)' sent when not required.")
    }

    /// -1111 BAD_PRECISION.
    public static let badPrecision = ExchangeRejection(
        code: -1111, message: "Precision is over the maximum defined for this asset.")
    /// -1115 INVALID_TIF.
    public static let invalidTimeInForce = ExchangeRejection(code: -1115, message: "Invalid timeInForce.")
    /// -1116 INVALID_ORDER_TYPE.
    public static let invalidOrderType = ExchangeRejection(code: -1116, message: "Invalid orderType.")
    /// -1121 BAD_SYMBOL.
    public static let invalidSymbol = ExchangeRejection(code: -1121, message: "Invalid symbol.")
    /// -2011 CANCEL_REJECTED (live text).
    public static let unknownOrder = ExchangeRejection(code: -2011, message: "Unknown order sent.")
    /// -2019 MARGIN_NOT_SUFFICIEN.
    public static let marginInsufficient = ExchangeRejection(code: -2019, message: "Margin is insufficient.")
    /// -2021 ORDER_WOULD_IMMEDIATELY_TRIGGER.
    public static let wouldImmediatelyTrigger = ExchangeRejection(
        code: -2021, message: "Order would immediately trigger.")
    /// -2022 REDUCE_ONLY_REJECT.
    public static let reduceOnlyRejected = ExchangeRejection(code: -2022, message: "ReduceOnly Order is rejected.")
    /// -2027 MAX_LEVERAGE_RATIO.
    public static let maxLeverageRatio = ExchangeRejection(
        code: -2027, message: "Exceeded the maximum allowable position at current leverage.")
    /// -4001 PRICE_LESS_THAN_ZERO.
    public static let priceLessThanZero = ExchangeRejection(code: -4001, message: "Price less than 0.")
    /// -4002 PRICE_GREATER_THAN_MAX_PRICE.
    public static let priceGreaterThanMax = ExchangeRejection(code: -4002, message: "Price greater than max price.")
    /// -4003 QTY_LESS_THAN_ZERO.
    public static let quantityLessThanZero = ExchangeRejection(code: -4003, message: "Quantity less than zero.")
    /// -4004 QTY_LESS_THAN_MIN_QTY.
    public static let quantityLessThanMin = ExchangeRejection(
        code: -4004, message: "Quantity less than min quantity.")
    /// -4005 QTY_GREATER_THAN_MAX_QTY.
    public static let quantityGreaterThanMax = ExchangeRejection(
        code: -4005, message: "Quantity greater than max quantity.")
    /// -4006 STOP_PRICE_LESS_THAN_ZERO.
    public static let stopPriceLessThanZero = ExchangeRejection(code: -4006, message: "Stop price less than zero.")
    /// -4007 STOP_PRICE_GREATER_THAN_MAX_PRICE.
    public static let stopPriceGreaterThanMax = ExchangeRejection(
        code: -4007, message: "Stop price greater than max price.")
    /// -4013 PRICE_LESS_THAN_MIN_PRICE.
    public static let priceLessThanMin = ExchangeRejection(code: -4013, message: "Price less than min price.")
    /// -4014 PRICE_NOT_INCREASED_BY_TICK_SIZE.
    public static let priceNotOnTick = ExchangeRejection(code: -4014, message: "Price not increased by tick size.")
    /// -4016 PRICE_HIGHTER_THAN_MULTIPLIER_UP.
    public static let priceAboveMultiplierUp = ExchangeRejection(
        code: -4016, message: "Price is higher than mark price multiplier cap.")
    /// -4023 QTY_NOT_INCREASED_BY_STEP_SIZE.
    public static let quantityNotOnStep = ExchangeRejection(code: -4023, message: "Qty not increased by step size.")
    /// -4024 PRICE_LOWER_THAN_MULTIPLIER_DOWN.
    public static let priceBelowMultiplierDown = ExchangeRejection(
        code: -4024, message: "Price is lower than mark price multiplier floor.")
    /// -4045 MAX_STOP_ORDER_EXCEEDED: the account's conditional (algo) order limit.
    public static let maxStopOrders = ExchangeRejection(code: -4045, message: "Reach max stop order limit.")
    /// -4061 POSITION_SIDE_NOT_MATCH.
    public static let positionSideMismatch = ExchangeRejection(
        code: -4061, message: "Order's position side does not match user's setting.")
    /// -4135 INVALID_ACTIVATION_PRICE.
    public static let invalidActivationPrice = ExchangeRejection(code: -4135, message: "Invalid activation price")
    /// -4137 QUANTITY_EXISTS_WITH_CLOSE_POSITION.
    public static let quantityWithClosePosition = ExchangeRejection(
        code: -4137, message: "Quantity must be zero with closePosition equals true")
    /// -4138 REDUCE_ONLY_MUST_BE_TRUE.
    public static let reduceOnlyWithClosePosition = ExchangeRejection(
        code: -4138, message: "Reduce only must be true with closePosition equals true")
    /// -5021 FOK_ORDER_REJECT.
    public static let fokRejected = ExchangeRejection(
        code: -5021, message: "Due to the order could not be filled immediately, the FOK order has been rejected.")
    /// -5022 GTX_ORDER_REJECT.
    public static let postOnlyRejected = ExchangeRejection(
        code: -5022, message: "Due to the order could not be executed as maker, the Post Only order will be rejected.")

    /// -4164 MIN_NOTIONAL, in the live wording ("no smaller than 5 (unless you choose reduce only).").
    public static func minNotional(_ minimum: Money) -> ExchangeRejection {
        ExchangeRejection(
            code: -4164, message: "Order's notional must be no smaller than \(minimum) (unless you choose reduce only)."
        )
    }
}
