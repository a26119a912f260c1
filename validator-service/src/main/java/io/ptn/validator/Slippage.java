package io.ptn.validator;

import java.time.Instant;
import java.util.List;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * The slippage of one order as a fraction of its price, as PTN's {@code PriceSlippageModel.calculate_slippage}
 * (vali_objects/utils/price_slippage_model.py, V2) computes it. Pure: time, account size and the equities features
 * are parameters; the figures are {@link SlippageTables#bundled()}.
 *
 * <p>The order is taken as the miner sent it: its signed leverage (SHORT negative; a FLAT as sent, so a FLAT with
 * leverage 0 gets 0), before any clamping, and its notional is |leverage| x account size.
 */
public final class Slippage {

    /** ValiConfig.MIN_CAPITAL: the account size of a miner without a larger collateral contract (all miners here). */
    public static final double MIN_ACCOUNT_SIZE = 5_000;
    /** ValiConfig.DEFAULT_CAPITAL: the notional of 1x leverage in the equities model. */
    public static final double DEFAULT_CAPITAL = 100_000;
    /** Orders with a notional at or below this (USD) have no slippage. */
    public static final double MIN_NOTIONAL = 1_000;
    public static final double MAX = 0.03;
    /** SLIPPAGE_V2_TIME_MS (2025-10-02 18:59 UTC): orders processed strictly after it use the V2 forex/crypto rules. */
    public static final long V2_AFTER_MS = 1_759_431_540_000L;
    /** Equities orders processed strictly after 2025-01-01 08:00 UTC use the fitted model, earlier ones BB+. */
    public static final long FITTED_EQUITIES_AFTER_MS = 1_735_718_400_000L;

    static final double FOREX = 0.0002;
    /** 17:00-18:00 New York, the daily roll, when forex spreads widen. */
    static final double FOREX_ROLL_HOUR = 0.0005;
    /** PTN's conservative multiplier on the crypto estimates. */
    static final double CRYPTO_ESTIMATE_MULTIPLIER = 3;
    /** Before V2: a fixed figure per crypto pair. */
    static final double CRYPTO_V1_MAJOR = 0.00002;
    static final double CRYPTO_V1_OTHER = 0.0002;

    private static final long[] EQUITY_SIZE_BOUNDS = {1_000, 10_000, 50_000, 100_000, 200_000, 300_000};
    private static final String[] EQUITY_SIZE_LABELS = {"1k_10k", "10k_50k", "50k_100k", "100k_200k", "200k_300k"};

    private Slippage() {
    }

    /**
     * Slippage of a crypto or forex order.
     *
     * @param bid            best bid of the price source the order fills from (0 when unknown)
     * @param ask            best ask (0 when unknown)
     * @param leverage       the order's leverage as received, SHORT negative
     * @param accountSize    the miner's account size in USD ({@link #MIN_ACCOUNT_SIZE} here)
     * @param timeMs         the order's processed time
     * @throws IllegalArgumentException for equities (use the overload with features), indices, or a crypto pair
     *                                  without estimates, where PTN refuses the order
     */
    public static double of(TradePair pair, double bid, double ask, double leverage, double accountSize, long timeMs) {
        return of(pair, bid, ask, leverage, accountSize, timeMs, null);
    }

    /** As {@link #of(TradePair, double, double, double, double, long)}; {@code features} are needed for equities. */
    public static double of(TradePair pair, double bid, double ask, double leverage, double accountSize, long timeMs,
            DailyFeatures features) {
        TradePairCategory category = pair.category();
        if (bid * ask == 0 && category != TradePairCategory.CRYPTO) {
            return 0; // needs a quote; crypto does not use one
        }
        double notional = Math.abs(leverage) * accountSize;
        if (notional <= MIN_NOTIONAL) {
            return 0;
        }
        double s = switch (category) {
            case FOREX -> forex(timeMs);
            case CRYPTO -> crypto(pair, leverage, notional, timeMs);
            case EQUITIES -> equities(pair, bid, ask, leverage, timeMs, features);
            case INDICES -> throw new IllegalArgumentException("no slippage model for " + pair.id());
        };
        return Math.min(MAX, Math.max(0, s));
    }

    /**
     * V2: 5 bp during the New York hour from 17:00, 2 bp otherwise, whatever the size. Orders at or before
     * {@link #V2_AFTER_MS} got PTN's V1 (BB+ on fetched features) there; that is not modelled (see docs/domain.md).
     */
    private static double forex(long timeMs) {
        int hour = Instant.ofEpochMilli(timeMs).atZone(MarketCalendar.NEW_YORK).getHour();
        return hour == 17 ? FOREX_ROLL_HOUR : FOREX;
    }

    private static double crypto(TradePair pair, double leverage, double notional, long timeMs) {
        if (timeMs <= V2_AFTER_MS) {
            return switch (pair) {
                case BTCUSD, ETHUSD -> CRYPTO_V1_MAJOR;
                case SOLUSD, XRPUSD, DOGEUSD, ADAUSD -> CRYPTO_V1_OTHER;
                default -> throw new IllegalArgumentException("no crypto slippage for " + pair.id());
            };
        }
        List<SlippageTables.Bucket> buckets = SlippageTables.bundled().cryptoBuckets(pair, leverage > 0);
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("no crypto slippage estimates for " + pair.id());
        }
        // the bucket holding the notional; above the last bucket, the last one's figure
        double estimate = buckets.get(buckets.size() - 1).slippage();
        for (SlippageTables.Bucket b : buckets) {
            if (b.low() <= notional && notional < b.high()) {
                estimate = b.slippage();
                break;
            }
        }
        return estimate * CRYPTO_ESTIMATE_MULTIPLIER;
    }

    /**
     * Fitted model after {@link #FITTED_EQUITIES_AFTER_MS}, BB+ before. Both size the order at
     * {@link #DEFAULT_CAPITAL} per 1x leverage, in shares at the mid price.
     */
    private static double equities(TradePair pair, double bid, double ask, double leverage, long timeMs,
            DailyFeatures features) {
        if (features == null) {
            throw new IllegalArgumentException("equities slippage needs the day's features of " + pair.id());
        }
        double spread = ask - bid;
        double mid = (bid + ask) / 2;
        double size = Math.abs(leverage) * DEFAULT_CAPITAL;
        double shares = size / mid;
        double vol = features.annualizedVolatility();
        double adv = features.averageDailyVolume();
        if (timeMs > FITTED_EQUITIES_AFTER_MS) {
            boolean buy = leverage > 0;
            SlippageTables.EquityCoefficients c = SlippageTables.bundled().equity(pair, buy, equitySizeLabel(size));
            if (c == null) {
                throw new IllegalArgumentException("no fitted equities model for " + pair.id());
            }
            return c.intercept() + c.spreadOverPrice() * spread / mid + c.annualizedVolatility() * vol
                    + c.sizeOverAdv() * shares / adv;
        }
        return 0.433 * spread / mid + 0.335 * Math.sqrt(vol * vol / 3 / 250) * Math.sqrt(shares / (0.3 * adv));
    }

    /** The model's size label for a notional in (low, high]; PTN refuses orders outside $1K-$300K. */
    static String equitySizeLabel(double size) {
        for (int i = 0; i < EQUITY_SIZE_LABELS.length; i++) {
            if (EQUITY_SIZE_BOUNDS[i] < size && size <= EQUITY_SIZE_BOUNDS[i + 1]) {
                return EQUITY_SIZE_LABELS[i];
            }
        }
        throw new IllegalArgumentException(size > EQUITY_SIZE_BOUNDS[EQUITY_SIZE_BOUNDS.length - 1]
                ? "order size must be at most $300K" : "order size must be more than $1K");
    }
}
