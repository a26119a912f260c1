package io.ptn.validator;

/** An order as it sits in a position's history. */
public record PositionOrder(String orderUuid, OrderType orderType, double leverage, double fillPrice,
        double slippage, long processedMs) {
}
