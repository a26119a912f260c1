package io.ptn.validator.store;

import io.ptn.validator.OrderType;

/**
 * A filled order as written: the row plus the exact answer that was sent, for idempotent replay. {@code leverage} is
 * the size filled (unsigned). {@code requestedLeverage}, {@code filledLeverage} (signed), {@code filledOrderType} and
 * {@code basePrice} (price before slippage) are null for orders stored before the PTN-parity rules (schema V2).
 */
public record StoredOrder(String orderUuid, String requestHash, String minerHotkey, String tradePair, OrderType orderType,
        double leverage, double price, double fillPrice, double bid, double ask, double slippage, long priceTimestampMs,
        String priceSource, String positionUuid, int status, long processedMs, String answerJson,
        Double requestedLeverage, Double filledLeverage, OrderType filledOrderType, Double basePrice) {
}
