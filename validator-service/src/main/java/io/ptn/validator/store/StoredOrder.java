package io.ptn.validator.store;

import java.util.List;

import io.ptn.domain.PriceSource;
import io.ptn.validator.OrderType;

/**
 * A filled order as written: the row plus the exact answer that was sent, for idempotent replay. {@code leverage} is
 * the size filled (unsigned). {@code requestedLeverage}, {@code filledLeverage} (signed), {@code filledOrderType} and
 * {@code basePrice} (price before slippage) are null for orders stored before the PTN-parity rules (schema V2).
 * {@code priceSources} are the sources the fill in force came from, sorted by distance to the order's time (empty for
 * orders stored before schema V3); {@code originalFillPrice} and {@code correctedAtMs} are null until a correction
 * changes the fill (the answer JSON stays the one first sent). {@code answerJson} is set while the order is being
 * written; the committed state keeps the order without it (it was ~40 % of the heap an order retained, and a replay
 * is rare): {@link OrderStore#answer} reads it back.
 */
public record StoredOrder(String orderUuid, String requestHash, String minerHotkey, String tradePair, OrderType orderType,
        double leverage, double price, double fillPrice, double bid, double ask, double slippage, long priceTimestampMs,
        String priceSource, String positionUuid, int status, long processedMs, String answerJson,
        Double requestedLeverage, Double filledLeverage, OrderType filledOrderType, Double basePrice,
        List<PriceSource> priceSources, Double originalFillPrice, Long correctedAtMs) {

    public StoredOrder {
        priceSources = priceSources == null ? List.of() : List.copyOf(priceSources);
    }

    /** An order without stored sources and never corrected. */
    public StoredOrder(String orderUuid, String requestHash, String minerHotkey, String tradePair, OrderType orderType,
            double leverage, double price, double fillPrice, double bid, double ask, double slippage,
            long priceTimestampMs, String priceSource, String positionUuid, int status, long processedMs,
            String answerJson, Double requestedLeverage, Double filledLeverage, OrderType filledOrderType,
            Double basePrice) {
        this(orderUuid, requestHash, minerHotkey, tradePair, orderType, leverage, price, fillPrice, bid, ask, slippage,
                priceTimestampMs, priceSource, positionUuid, status, processedMs, answerJson, requestedLeverage,
                filledLeverage, filledOrderType, basePrice, List.of(), null, null);
    }

    /** The order as the committed state holds it: without its answer JSON, which stays in the database. */
    StoredOrder withoutAnswer() {
        return answerJson == null ? this : new StoredOrder(orderUuid, requestHash, minerHotkey, tradePair, orderType,
                leverage, price, fillPrice, bid, ask, slippage, priceTimestampMs, priceSource, positionUuid, status,
                processedMs, null, requestedLeverage, filledLeverage, filledOrderType, basePrice, priceSources,
                originalFillPrice, correctedAtMs);
    }

    /** The same order with only its sources replaced (a merge that left the winning source as it was). */
    public StoredOrder withSources(List<PriceSource> sources) {
        return new StoredOrder(orderUuid, requestHash, minerHotkey, tradePair, orderType, leverage, price, fillPrice, bid,
                ask, slippage, priceTimestampMs, priceSource, positionUuid, status, processedMs, answerJson,
                requestedLeverage, filledLeverage, filledOrderType, basePrice, sources, originalFillPrice, correctedAtMs);
    }

    /** The order re-filled from a nearer source at {@code atMs}; the first fill price is kept as the original. */
    public StoredOrder corrected(List<PriceSource> sources, double newPrice, long newPriceTimestampMs, String newSource,
            double newBid, double newAsk, double newSlippage, double newBasePrice, double newFillPrice, long atMs) {
        return new StoredOrder(orderUuid, requestHash, minerHotkey, tradePair, orderType, leverage, newPrice, newFillPrice,
                newBid, newAsk, newSlippage, newPriceTimestampMs, newSource, positionUuid, status, processedMs, answerJson,
                requestedLeverage, filledLeverage, filledOrderType, newBasePrice, sources,
                originalFillPrice != null ? originalFillPrice : fillPrice, atMs);
    }
}
