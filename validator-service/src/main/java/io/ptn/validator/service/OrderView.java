package io.ptn.validator.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The 201 answer to an order (stored verbatim and replayed for a duplicate of the same body). */
@RegisterForReflection
public record OrderView(String orderUuid, String minerHotkey, String tradePair, String orderType, double leverage,
        double price, double bid, double ask, double slippage, double fillPrice, long priceTimestampMs,
        String priceSource, long processedMs, PositionSummary position) {

    @RegisterForReflection
    public record PositionSummary(String positionUuid, double netLeverage, double averageEntryPrice,
            double currentReturn, boolean isClosed) {
    }
}
