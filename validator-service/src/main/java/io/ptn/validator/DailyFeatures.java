package io.ptn.validator;

/**
 * The per-day inputs of PTN's equities slippage model ({@code PriceSlippageModel.features}): the pair's annualized
 * volatility (30-day standard deviation of daily log returns x sqrt(252)) and its average daily volume in shares over
 * the 10 days before, both from daily bars and excluding the order's own day. PTN fetches them from its price
 * provider once per UTC day; the caller supplies them here.
 */
public record DailyFeatures(double annualizedVolatility, double averageDailyVolume) {

    public DailyFeatures {
        if (!(annualizedVolatility >= 0) || !Double.isFinite(annualizedVolatility)) {
            throw new IllegalArgumentException("annualizedVolatility must be a finite number >= 0");
        }
        if (!(averageDailyVolume > 0) || !Double.isFinite(averageDailyVolume)) {
            throw new IllegalArgumentException("averageDailyVolume must be a finite number > 0");
        }
    }
}
