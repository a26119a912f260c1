package io.ptn.validator;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * Fill price and slippage. Slippage follows the reference model
 * {@code 0.433 * spread/mid + 0.335 * sigma_daily * sqrt(size / (0.3 * ADV))}, clipped to [0, 3 %], 0 when bid or
 * ask is unknown. Constants (chosen, not measured): size = |leverage| x 100,000 USD notional; daily sigma / ADV (USD)
 * crypto 0.035 / 1e9, forex 0.006 / 5e9, equities 0.02 / 1e9, indices 0.012 / 5e9.
 */
public final class Fills {

    public static final double NOTIONAL_PER_LEVERAGE = 100_000;
    public static final double MAX_SLIPPAGE = 0.03;

    private Fills() {
    }

    static double sigmaDaily(TradePairCategory c) {
        return switch (c) {
            case CRYPTO -> 0.035;
            case FOREX -> 0.006;
            case EQUITIES -> 0.02;
            case INDICES -> 0.012;
        };
    }

    static double averageDailyVolume(TradePairCategory c) {
        return switch (c) {
            case CRYPTO, EQUITIES -> 1e9;
            case FOREX, INDICES -> 5e9;
        };
    }

    public static double slippage(TradePair pair, double bid, double ask, double absLeverage) {
        if (!(bid > 0) || !(ask > 0) || ask < bid) {
            return 0;
        }
        double mid = (bid + ask) / 2;
        double size = absLeverage * NOTIONAL_PER_LEVERAGE;
        TradePairCategory c = pair.category();
        double s = 0.433 * (ask - bid) / mid + 0.335 * sigmaDaily(c) * Math.sqrt(size / (0.3 * averageDailyVolume(c)));
        return Math.min(MAX_SLIPPAGE, Math.max(0, s));
    }

    /** True when the order buys: LONG, or a FLAT closing a position opened SHORT. */
    public static boolean buys(OrderType type, OrderType firstOrderOfPosition) {
        return switch (type) {
            case LONG -> true;
            case SHORT -> false;
            case FLAT -> firstOrderOfPosition == OrderType.SHORT;
        };
    }

    /** Base price before slippage: forex/equity quotes fill buys at the ask and sells at the bid. */
    public static double basePrice(TradePair pair, PriceQuote q, boolean buy) {
        boolean quoted = (pair.category() == TradePairCategory.FOREX || pair.category() == TradePairCategory.EQUITIES)
                && q.bid() > 0 && q.ask() > 0;
        if (!quoted) {
            return q.price();
        }
        return buy ? q.ask() : q.bid();
    }

    public static double fillPrice(double base, double slippage, boolean buy) {
        return buy ? base * (1 + slippage) : base * (1 - slippage);
    }
}
