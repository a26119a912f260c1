package io.ptn.validator.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The 201 answer to an order (stored verbatim and replayed for a duplicate of the same body). {@code orderType} is the
 * type sent, {@code filledOrderType} the type filled (FLAT when the order closed the position); {@code leverage} is the
 * size filled (unsigned), {@code requestedLeverage} as sent (null for a FLAT sent without), {@code filledLeverage}
 * signed (SHORT negative) after clamping. {@code price} is the quote's, {@code basePrice} the price before slippage the
 * position arithmetic uses, {@code fillPrice} that price with the slippage.
 */
@RegisterForReflection
public record OrderView(String orderUuid, String minerHotkey, String tradePair, String orderType, double leverage,
        double price, double bid, double ask, double slippage, double fillPrice, long priceTimestampMs,
        String priceSource, long processedMs, PositionSummary position, Double requestedLeverage, double filledLeverage,
        String filledOrderType, boolean closedPosition, double basePrice) {

    /**
     * {@code currentReturn} is the return with fees (PTN's {@code return_at_close}), {@code returnWithoutFees} PTN's
     * {@code current_return}.
     */
    @RegisterForReflection
    public record PositionSummary(String positionUuid, double netLeverage, double averageEntryPrice,
            double currentReturn, boolean isClosed, double returnWithoutFees, double realizedPnl, String positionType,
            String closeReason) {
    }
}
