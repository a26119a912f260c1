package io.ptn.domain;

/**
 * A category fixes the fee rate, the position leverage bounds and the leverage multiplier of its pairs (PTN
 * {@code vali_config.py}: {@code TradePair} fees / min / max, {@code leverage_multiplier}).
 */
public enum TradePairCategory {
    CRYPTO(0.001, 0.01, 0.5, 10),
    FOREX(0.00007, 0.1, 5, 1),
    EQUITIES(0.00009, 0.1, 3, 2),
    INDICES(0.00009, 0.1, 5, 1);

    private final double feeRate;
    private final double minLeverage;
    private final double maxLeverage;
    private final int leverageMultiplier;

    TradePairCategory(double feeRate, double minLeverage, double maxLeverage, int leverageMultiplier) {
        this.feeRate = feeRate;
        this.minLeverage = minLeverage;
        this.maxLeverage = maxLeverage;
        this.leverageMultiplier = leverageMultiplier;
    }

    /** Weight of one unit of a position's leverage in the portfolio leverage cap (crypto counts x10). */
    public int leverageMultiplier() {
        return leverageMultiplier;
    }

    public double feeRate() {
        return feeRate;
    }

    public double minLeverage() {
        return minLeverage;
    }

    public double maxLeverage() {
        return maxLeverage;
    }
}
