package io.ptn.domain;

/** A category fixes the spread fee rate and the per-order leverage bounds of its pairs. */
public enum TradePairCategory {
    CRYPTO(0.001, 0.01, 0.5),
    FOREX(0.00007, 0.1, 5),
    EQUITIES(0.00009, 0.1, 3),
    INDICES(0.00009, 0.1, 5);

    private final double feeRate;
    private final double minLeverage;
    private final double maxLeverage;

    TradePairCategory(double feeRate, double minLeverage, double maxLeverage) {
        this.feeRate = feeRate;
        this.minLeverage = minLeverage;
        this.maxLeverage = maxLeverage;
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
