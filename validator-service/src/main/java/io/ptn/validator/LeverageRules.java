package io.ptn.validator;

import io.ptn.domain.TradePair;

/** Per-order bounds (category and global 0.001 - 500), position bound (category max) and the portfolio cap. */
public final class LeverageRules {

    public static final double GLOBAL_MIN = 0.001;
    public static final double GLOBAL_MAX = 500;

    private LeverageRules() {
    }

    /** Null when allowed, else the reason. {@code leverage} is the order's (positive) leverage. */
    public static String checkOrder(TradePair pair, double leverage) {
        double min = Math.max(GLOBAL_MIN, pair.minLeverage());
        double max = Math.min(GLOBAL_MAX, pair.maxLeverage());
        if (leverage < min) {
            return "leverage " + leverage + " is below the minimum " + min + " for " + pair.category();
        }
        if (leverage > max) {
            return "leverage " + leverage + " is above the maximum " + max + " for " + pair.category();
        }
        return null;
    }

    /**
     * Null when the position's new net leverage and the portfolio's total absolute leverage stay within bounds.
     * {@code otherOpenAbs} is the sum of |net leverage| of the miner's other open positions.
     */
    public static String checkPosition(TradePair pair, double newNet, double otherOpenAbs, double portfolioCap) {
        if (Math.abs(newNet) > pair.maxLeverage() + 1e-9) {
            return "position leverage " + Math.abs(newNet) + " would exceed the maximum " + pair.maxLeverage()
                    + " for " + pair.category();
        }
        if (otherOpenAbs + Math.abs(newNet) > portfolioCap + 1e-9) {
            return "portfolio leverage " + (otherOpenAbs + Math.abs(newNet)) + " would exceed the cap " + portfolioCap;
        }
        return null;
    }
}
