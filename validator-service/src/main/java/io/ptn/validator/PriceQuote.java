package io.ptn.validator;

import io.ptn.domain.TradePair;

/**
 * One price of a pair as the validator sees it (from the SSE cache or an HTTP answer). Immutable so cache
 * readers need no lock. {@code bid}/{@code ask} are 0 when unknown.
 */
public record PriceQuote(TradePair tradePair, double price, double bid, double ask, long timestampMs, String source,
        boolean stale) {

    public long ageMs(long nowMs) {
        return Math.max(0, nowMs - timestampMs);
    }

    /** Tradable: not flagged stale by the price service and not older than the validator's own limit. */
    public boolean freshAt(long nowMs, long maxAgeMs) {
        return !stale && price > 0 && Double.isFinite(price) && nowMs - timestampMs <= maxAgeMs;
    }
}
