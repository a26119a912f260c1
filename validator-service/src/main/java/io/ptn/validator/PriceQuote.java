package io.ptn.validator;

import java.util.List;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/**
 * One price of a pair as the validator sees it (from the SSE cache or an HTTP answer). Immutable so cache
 * readers need no lock. {@code bid}/{@code ask} are 0 when unknown. {@code sources} are the price service's sources
 * sorted by distance (never empty): the first, {@link #best()}, is what {@link FillPrice} needs; all are stored with the
 * order so a later correction can compare them. A quote built from a streamed tick carries that tick as its source.
 */
public record PriceQuote(TradePair tradePair, double price, double bid, double ask, long timestampMs, String source,
        boolean stale, List<PriceSource> sources) {

    /** How far ahead of this host's clock a price's time may be (clock skew between hosts) and still be trusted. */
    public static final long MAX_FUTURE_MS = 5_000;

    public PriceQuote {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a quote needs at least one source");
        }
    }

    /** A quote of one streamed point-in-time price: its source is that tick. */
    public PriceQuote(TradePair tradePair, double price, double bid, double ask, long timestampMs, String source,
            boolean stale) {
        this(tradePair, price, bid, ask, timestampMs, source, stale,
                List.of(streamedTick(price, bid, ask, timestampMs, source)));
    }

    /** The closest source: the one the price service used. */
    public PriceSource best() {
        return sources.get(0);
    }

    static PriceSource streamedTick(double price, double bid, double ask, long timestampMs, String source) {
        return PriceSource.tick(source == null ? "unknown" : source, price, timestampMs, true, bid, ask);
    }

    public long ageMs(long nowMs) {
        return Math.max(0, nowMs - timestampMs);
    }

    /**
     * Tradable: not flagged stale by the price service, not older than the validator's own limit, and not from the
     * future (a price stamped ahead of our clock would otherwise stay "fresh" for longer than the limit).
     */
    public boolean freshAt(long nowMs, long maxAgeMs) {
        return !stale && price > 0 && Double.isFinite(price) && nowMs - timestampMs <= maxAgeMs
                && timestampMs - nowMs <= MAX_FUTURE_MS;
    }
}
