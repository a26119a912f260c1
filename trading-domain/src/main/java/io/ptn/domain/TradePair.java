package io.ptn.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trade-pair catalog of the network. Which pairs are enabled or blocked is configuration
 * ({@link #DEFAULT_BLOCKED} is the network's default); the pairs themselves are fixed.
 */
public enum TradePair {
    BTCUSD("BTC/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 60_000),
    ETHUSD("ETH/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 3_000),
    SOLUSD("SOL/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 150),
    XRPUSD("XRP/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 0.6),
    DOGEUSD("DOGE/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 0.15),
    ADAUSD("ADA/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 0.45),
    /** Priced, never tradable. */
    TAOUSD("TAO/USD", TradePairCategory.CRYPTO, Venue.CRYPTO, 400, false),

    AUDCAD("AUD/CAD", TradePairCategory.FOREX, Venue.FOREX, 0.91),
    AUDCHF("AUD/CHF", TradePairCategory.FOREX, Venue.FOREX, 0.58),
    AUDUSD("AUD/USD", TradePairCategory.FOREX, Venue.FOREX, 0.66),
    AUDJPY("AUD/JPY", TradePairCategory.FOREX, Venue.FOREX, 98.5),
    AUDNZD("AUD/NZD", TradePairCategory.FOREX, Venue.FOREX, 1.09),
    CADCHF("CAD/CHF", TradePairCategory.FOREX, Venue.FOREX, 0.64),
    CADJPY("CAD/JPY", TradePairCategory.FOREX, Venue.FOREX, 108.0),
    CHFJPY("CHF/JPY", TradePairCategory.FOREX, Venue.FOREX, 168.0),
    EURAUD("EUR/AUD", TradePairCategory.FOREX, Venue.FOREX, 1.64),
    EURCAD("EUR/CAD", TradePairCategory.FOREX, Venue.FOREX, 1.49),
    EURUSD("EUR/USD", TradePairCategory.FOREX, Venue.FOREX, 1.08),
    EURCHF("EUR/CHF", TradePairCategory.FOREX, Venue.FOREX, 0.95),
    EURGBP("EUR/GBP", TradePairCategory.FOREX, Venue.FOREX, 0.85),
    EURJPY("EUR/JPY", TradePairCategory.FOREX, Venue.FOREX, 161.0),
    EURNZD("EUR/NZD", TradePairCategory.FOREX, Venue.FOREX, 1.79),
    NZDCAD("NZD/CAD", TradePairCategory.FOREX, Venue.FOREX, 0.83),
    NZDCHF("NZD/CHF", TradePairCategory.FOREX, Venue.FOREX, 0.53),
    NZDJPY("NZD/JPY", TradePairCategory.FOREX, Venue.FOREX, 90.0),
    NZDUSD("NZD/USD", TradePairCategory.FOREX, Venue.FOREX, 0.60),
    GBPAUD("GBP/AUD", TradePairCategory.FOREX, Venue.FOREX, 1.93),
    GBPCAD("GBP/CAD", TradePairCategory.FOREX, Venue.FOREX, 1.75),
    GBPCHF("GBP/CHF", TradePairCategory.FOREX, Venue.FOREX, 1.12),
    GBPJPY("GBP/JPY", TradePairCategory.FOREX, Venue.FOREX, 190.0),
    GBPNZD("GBP/NZD", TradePairCategory.FOREX, Venue.FOREX, 2.10),
    GBPUSD("GBP/USD", TradePairCategory.FOREX, Venue.FOREX, 1.27),
    USDCAD("USD/CAD", TradePairCategory.FOREX, Venue.FOREX, 1.37),
    USDCHF("USD/CHF", TradePairCategory.FOREX, Venue.FOREX, 0.88),
    USDJPY("USD/JPY", TradePairCategory.FOREX, Venue.FOREX, 150.0),
    USDMXN("USD/MXN", TradePairCategory.FOREX, Venue.FOREX, 17.0),
    XAUUSD("XAU/USD", TradePairCategory.FOREX, Venue.FOREX, 2_300),
    XAGUSD("XAG/USD", TradePairCategory.FOREX, Venue.FOREX, 27.0),

    NVDA("NVDA", TradePairCategory.EQUITIES, Venue.NYSE, 120),
    AAPL("AAPL", TradePairCategory.EQUITIES, Venue.NYSE, 190),
    TSLA("TSLA", TradePairCategory.EQUITIES, Venue.NYSE, 180),
    AMZN("AMZN", TradePairCategory.EQUITIES, Venue.NYSE, 180),
    MSFT("MSFT", TradePairCategory.EQUITIES, Venue.NYSE, 420),
    GOOG("GOOG", TradePairCategory.EQUITIES, Venue.NYSE, 170),
    META("META", TradePairCategory.EQUITIES, Venue.NYSE, 480),

    SPX("SPX", TradePairCategory.INDICES, Venue.NYSE, 5_200),
    DJI("DJI", TradePairCategory.INDICES, Venue.NYSE, 39_000),
    NDX("NDX", TradePairCategory.INDICES, Venue.NYSE, 18_000),
    VIX("VIX", TradePairCategory.INDICES, Venue.CBOE, 14),
    FTSE("FTSE", TradePairCategory.INDICES, Venue.LSE, 8_000),
    GDAXI("GDAXI", TradePairCategory.INDICES, Venue.XETRA, 18_000);

    /** The network's default blocked set: all indices, XAUUSD, XAGUSD, all equities and the seven JPY pairs. */
    public static final Set<TradePair> DEFAULT_BLOCKED = Collections.unmodifiableSet(Arrays.stream(values())
            .filter(p -> p.category == TradePairCategory.INDICES
                    || p.category == TradePairCategory.EQUITIES
                    || p == XAUUSD || p == XAGUSD
                    || (p.category == TradePairCategory.FOREX && p.name().contains("JPY")))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(TradePair.class))));

    private static final Map<String, TradePair> BY_ID = Arrays.stream(values())
            .collect(Collectors.toMap(Enum::name, p -> p, (a, b) -> a, LinkedHashMap::new));

    private final String symbol;
    private final TradePairCategory category;
    private final Venue venue;
    private final double referencePrice;
    private final boolean tradable;

    TradePair(String symbol, TradePairCategory category, Venue venue, double referencePrice) {
        this(symbol, category, venue, referencePrice, true);
    }

    TradePair(String symbol, TradePairCategory category, Venue venue, double referencePrice, boolean tradable) {
        this.symbol = symbol;
        this.category = category;
        this.venue = venue;
        this.referencePrice = referencePrice;
        this.tradable = tradable;
    }

    /** Lookup by id ("BTCUSD"), ignoring case and surrounding blanks. */
    public static Optional<TradePair> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id.trim().toUpperCase(Locale.ROOT)));
    }

    public String id() {
        return name();
    }

    public String symbol() {
        return symbol;
    }

    public TradePairCategory category() {
        return category;
    }

    public Venue venue() {
        return venue;
    }

    /** A plausible price level, used to seed the simulated feed. */
    public double referencePrice() {
        return referencePrice;
    }

    /** False for pairs that are priced but can never be traded (TAOUSD), whatever the blocked set says. */
    public boolean tradable() {
        return tradable;
    }

    public double feeRate() {
        return category.feeRate();
    }

    public double minLeverage() {
        return category.minLeverage();
    }

    public double maxLeverage() {
        return category.maxLeverage();
    }

    public int leverageMultiplier() {
        return category.leverageMultiplier();
    }
}
