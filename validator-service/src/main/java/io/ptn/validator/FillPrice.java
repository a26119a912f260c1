package io.ptn.validator;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * The price an order fills at, before slippage, from the best price source: PTN's
 * {@code PriceSource.parse_appropriate_price} (vali_objects/vali_dataclasses/price_source.py). Pure.
 *
 * <ul>
 * <li>A forex one-second candle (the only sources that carry a quote there) fills at the side of the book the
 * order takes: LONG at the ask, SHORT at the bid, a FLAT on the opposite side of the position's first order.</li>
 * <li>A streamed event fills at its price (its open); equities and crypto events are all streamed points.</li>
 * <li>Any other candle fills at its open when the order time is strictly nearer its start than its last
 * millisecond, else at its close (a tie takes the close).</li>
 * </ul>
 */
public final class FillPrice {

    /** Only one-second forex candles carry a bid and an ask in PTN. */
    public static final long QUOTED_CANDLE_MS = 1_000;

    private FillPrice() {
    }

    /**
     * @param best           the first of the sorted price sources for the order's time
     * @param nowMs          the order's processed time
     * @param orderType      the order as received
     * @param firstOrderType the type of the position's first order (for a FLAT); null when there is no position
     * @throws IllegalArgumentException when the source cannot price this order (PTN then fails the order)
     */
    public static double of(PriceSource best, long nowMs, TradePair pair, OrderType orderType, OrderType firstOrderType) {
        if (pair.category() == TradePairCategory.FOREX && best.timespanMs() == QUOTED_CANDLE_MS) {
            Double quoted = quotedSide(best, orderType, firstOrderType);
            // PTN would fill at 0 from a candle without a quote; never fill at 0 (see docs/domain.md)
            if (quoted != null && quoted > 0) {
                return quoted;
            }
        } else if (best.websocket()) {
            return best.open();
        }
        // PTN's end of a candle that is not streamed: its last millisecond (start - 1 for a zero-length one)
        long endMs = best.startMs() + best.timespanMs() - 1;
        return Math.abs(nowMs - best.startMs()) < Math.abs(nowMs - endMs) ? best.open() : best.close();
    }

    private static Double quotedSide(PriceSource best, OrderType orderType, OrderType firstOrderType) {
        return switch (orderType) {
            case LONG -> best.ask();
            case SHORT -> best.bid();
            case FLAT -> {
                if (firstOrderType == OrderType.LONG) {
                    yield best.bid();
                }
                if (firstOrderType == OrderType.SHORT) {
                    yield best.ask();
                }
                // PTN: a position whose first order is a FLAT (never the case for a live order) takes the vwap
                if (best.vwap() == null) {
                    throw new IllegalArgumentException("a FLAT needs the position's first order type to be priced");
                }
                yield best.vwap();
            }
        };
    }
}
