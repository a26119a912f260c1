package io.ptn.validator;

import java.util.Objects;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/**
 * One price of a pair as the validator sees it (from the SSE cache or an HTTP answer). Immutable so cache
 * readers need no lock. {@code bid}/{@code ask} are 0 when unknown. {@code best} is the price service's first
 * (closest) source, which {@link FillPrice} needs; a quote built from a streamed tick carries that tick as its source.
 */
public record PriceQuote(TradePair tradePair, double price, double bid, double ask, long timestampMs, String source,
        boolean stale, PriceSource best) {

    /** How far ahead of this host's clock a price's time may be (clock skew between hosts) and still be trusted. */
    public static final long MAX_FUTURE_MS = 5_000;

    public PriceQuote {
        Objects.requireNonNull(best, "best");
    }

    /** A quote of one streamed point-in-time price: its source is that tick. */
    public PriceQuote(TradePair tradePair, double price, double bid, double ask, long timestampMs, String source,
            boolean stale) {
        this(tradePair, price, bid, ask, timestampMs, source, stale, streamedTick(price, bid, ask, timestampMs, source));
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
