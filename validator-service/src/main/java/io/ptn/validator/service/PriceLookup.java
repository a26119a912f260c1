package io.ptn.validator.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.client.LivePriceClient;
import io.ptn.validator.client.PriceCache;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;

/**
 * The order path's price: the SSE-fed cache when its entry is fresh, else one HTTP call through the fault-tolerant
 * client. Anything not fresh ({@code stale:true} or older than {@code validator.prices.max-age}) is refused
 * ({@link NoFreshPriceException}, with when to ask again); it is never traded on.
 */
@ApplicationScoped
public class PriceLookup {

    private final PriceCache cache;
    private final LivePriceClient client;
    private final long maxAgeMs;
    private final boolean streamEnabled;
    private final Duration retryAfter;
    private final InstantSource clock;

    public PriceLookup(PriceCache cache, LivePriceClient client, ValidatorConfig config, InstantSource clock) {
        this.clock = clock;
        this.cache = cache;
        this.client = client;
        this.maxAgeMs = config.prices().maxAge().toMillis();
        this.streamEnabled = config.prices().streamEnabled();
        this.retryAfter = config.orders().retryAfter();
    }

    /** The SSE cache's quote when it is fresh, else null; never does I/O (the order path calls it on the event loop). */
    public PriceQuote cachedFresh(TradePair pair) {
        return streamEnabled ? cache.fresh(pair, clock.millis(), maxAgeMs) : null;
    }

    /** The cache's fresh quote, else one HTTP call (blocks). */
    public PriceQuote freshPrice(TradePair pair) {
        PriceQuote cached = cachedFresh(pair);
        if (cached != null) {
            return cached;
        }
        Optional<PriceQuote> answer;
        try {
            answer = client.price(pair);
        } catch (RuntimeException e) {
            Log.debugf("no price for %s: %s", pair, e.toString());
            throw unavailable("no fresh price for " + pair.id() + " can be had from the price service right now");
        }
        if (answer.isEmpty()) {
            throw new UnknownTradePairException("the price service does not know trade pair " + pair.id());
        }
        PriceQuote q = answer.get();
        long at = clock.millis();
        if (!q.freshAt(at, maxAgeMs)) {
            throw unavailable("the latest price for " + pair.id() + " is stale (" + q.ageMs(at)
                    + " ms old); orders are not filled at stale prices");
        }
        return q;
    }

    public long maxAgeMs() {
        return maxAgeMs;
    }

    public NoFreshPriceException unavailable(String detail) {
        return new NoFreshPriceException(detail, retryAfter);
    }
}
