package io.ptn.validator.store;

import io.ptn.validator.OrderType;

/** A filled order as written: the row plus the exact answer that was sent, for idempotent replay. */
public record StoredOrder(String orderUuid, String requestHash, String minerHotkey, String tradePair, OrderType orderType,
        double leverage, double price, double fillPrice, double bid, double ask, double slippage, long priceTimestampMs,
        String priceSource, String positionUuid, int status, long processedMs, String answerJson) {
}
