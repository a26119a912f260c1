package io.ptn.validator.client;

import java.util.List;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/**
 * The price service's sources for a pair at a past instant, sorted by its distance; {@code stale} as it flagged the
 * answer (its best source too far from the instant).
 */
public record SourcesAt(TradePair pair, long atMs, boolean stale, List<PriceSource> sources) {

    public SourcesAt {
        sources = List.copyOf(sources);
    }

    /** One (pair, instant) to ask for. */
    public record Key(TradePair pair, long atMs) {
    }

    public Key key() {
        return new Key(pair, atMs);
    }
}
