package io.ptn.validator;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * Leverage limits by time (PTN {@code vali_objects/utils/leverage_utils.py} and {@code ValiConfig}). Live orders are
 * all after every switch-over below; the older regimes are here so PTN's own test cases with old timestamps
 * reproduce.
 */
public final class LeverageBounds {

    public static final double ORDER_MIN_LEVERAGE = 0.001;
    public static final double ORDER_MAX_LEVERAGE = 500;
    public static final double PORTFOLIO_LEVERAGE_CAP = 10;
    public static final int MAX_ORDERS_PER_POSITION = 100;

    public static final long LEVERAGE_BOUNDS_V2_START_TIME_MS = 1722018483000L;
    public static final long LEVERAGE_BOUNDS_V3_START_TIME_MS = 1739937600000L;
    public static final long PORTFOLIO_LEVERAGE_BOUNDS_START_TIME_MS = 1727161200000L;
    /** After these, PTN gives indices, equities and XAU/XAG a maximum of 0: every order on them is refused. */
    public static final long INDICES_SOFT_CUTOFF_MS = 1731700800000L;
    public static final long EQUITIES_METALS_SOFT_CUTOFF_MS = 1744700399000L;

    /** Position leverage bounds; |net leverage| is kept within them. */
    public record Bounds(double min, double max) {
    }

    private LeverageBounds() {
    }

    /** PTN {@code get_position_leverage_bounds}; refuses where PTN raises (a category it has no limit for then). */
    public static Bounds position(TradePair pair, long t) {
        boolean v3 = t >= LEVERAGE_BOUNDS_V3_START_TIME_MS;
        boolean v2 = t >= LEVERAGE_BOUNDS_V2_START_TIME_MS;
        TradePairCategory c = pair.category();
        double max;
        if (v3) {
            max = pair.maxLeverage();
        } else if (v2) {
            max = switch (c) {
                case CRYPTO -> 0.5;
                case FOREX, EQUITIES -> 5;
                case INDICES -> throw new OrderRefusedException("no leverage limit for " + pair.id() + " at " + t, "tradePair");
            };
        } else {
            max = switch (c) {
                case CRYPTO -> 20;
                case FOREX, INDICES -> 500;
                case EQUITIES -> throw new OrderRefusedException("no leverage limit for " + pair.id() + " at " + t, "tradePair");
            };
        }
        if ((c == TradePairCategory.INDICES && t > INDICES_SOFT_CUTOFF_MS)
                || (c == TradePairCategory.EQUITIES && t > EQUITIES_METALS_SOFT_CUTOFF_MS)
                || ((pair == TradePair.XAUUSD || pair == TradePair.XAGUSD) && t > EQUITIES_METALS_SOFT_CUTOFF_MS)) {
            max = 0.0;
        }
        double min = v2 ? pair.minLeverage() : 0.001;
        return new Bounds(min, max);
    }

    /** PTN {@code get_portfolio_leverage_cap}: no cap before the cap was introduced. */
    public static double portfolioCap(long t, double cap) {
        return t >= PORTFOLIO_LEVERAGE_BOUNDS_START_TIME_MS ? cap : Double.POSITIVE_INFINITY;
    }

    /** PTN {@code calculate_net_portfolio_leverage}: sum of the open positions' |net| x multiplier. */
    public static double portfolioLeverage(Iterable<Position> positions) {
        double sum = 0.0;
        for (Position p : positions) {
            if (p.isOpen()) {
                sum += Math.abs(p.netLeverage()) * p.tradePair().leverageMultiplier();
            }
        }
        return sum;
    }
}
