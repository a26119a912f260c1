package io.ptn.validator;

/**
 * Portfolio return and the elimination rule. PTN ({@code ledger_utils.py} {@code drawdown_percentage},
 * {@code is_beyond_max_drawdown}; {@code ValiConfig.DRAWDOWN_MAXVALUE_PERCENTAGE = 10}) eliminates when
 * {@code (1 - value / high-water mark) x 100 >= limit}, computed in that order: a ratio of exactly 0.9 gives
 * 9.999999999999998 and is not eliminated, 0.89 is.
 */
public final class Drawdown {

    private Drawdown() {
    }

    /** The product of the positions' returns with fees (closed at their close, open at their last mark). */
    public static double portfolioReturn(Iterable<Position> positions) {
        double r = 1.0;
        for (Position p : positions) {
            r *= p.returnWithFees();
        }
        return r;
    }

    /** Drawdown below the high-water mark as a fraction in [0, 1]. */
    public static double drawdown(double portfolioReturn, double highWaterMark) {
        return percent(portfolioReturn, highWaterMark) / 100;
    }

    /** PTN {@code drawdown_percentage} of the ratio value / high-water mark. */
    public static double percent(double portfolioReturn, double highWaterMark) {
        if (!(highWaterMark > 0)) {
            return 0;
        }
        double ratio = portfolioReturn / highWaterMark;
        if (ratio >= 1) {
            return 0;
        }
        if (ratio <= 0) {
            return 100;
        }
        return Math.min(100, Math.max(0, (1 - ratio) * 100));
    }

    /** True when the miner is to be eliminated: drawdown at or beyond {@code maxDrawdown} (a fraction, 0.1 = 10 %). */
    public static boolean eliminates(double portfolioReturn, double highWaterMark, double maxDrawdown) {
        return percent(portfolioReturn, highWaterMark) >= maxDrawdown * 100;
    }
}
