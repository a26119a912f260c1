package io.ptn.validator.client;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The price service as the validator uses it, behind timeout, retry (GETs only, with jitter), circuit breaker and
 * bulkhead. An unknown pair (404) is turned into an empty answer inside the method, so the breaker never counts it.
 * The single-price fallback answers from the local cache only while that price is fresh; otherwise the failure
 * surfaces as {@link PriceUnavailableException}.
 */
@ApplicationScoped
public class LivePriceClient {

    public static final String BREAKER = "live-price";
    public static final String BATCH_BREAKER = "live-price-batch";
    public static final String LOOKUP_BREAKER = "live-price-lookups";
    static final int MAX_BATCH = 64;
    /** The price service's bound on look-ups per {@code POST /api/v1/prices/at}. */
    public static final int MAX_LOOKUPS = 256;

    private final LivePriceApi api;
    private final PriceCache cache;
    private final long maxAgeMs;
    private final InstantSource clock;
    private volatile long lastSuccessMs;
    private volatile long lastFailureMs;
    private volatile String lastFailure;

    LivePriceClient(@RestClient LivePriceApi api, PriceCache cache, ValidatorConfig config, InstantSource clock) {
        this.clock = clock;
        this.api = api;
        this.cache = cache;
        this.maxAgeMs = config.prices().maxAge().toMillis();
    }

    @Timeout(value = 1000, unit = ChronoUnit.MILLIS)
    // An open breaker or a full bulkhead will not change within a retry's 100 ms: answer at once.
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            abortOn = {UnknownPairException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    // A short open period: orders must fill again within ~1 s of the price service coming back.
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 1000, successThreshold = 2,
            skipOn = UnknownPairException.class)
    @CircuitBreakerName(BREAKER)
    @Bulkhead(32)
    @Fallback(fallbackMethod = "cachedPrice", skipOn = UnknownPairException.class)
    public Optional<PriceQuote> price(TradePair pair) {
        PriceAnswerDto dto;
        try {
            dto = api.price(pair.id());
        } catch (UnknownPairException e) {
            lastSuccessMs = clock.millis();
            return Optional.empty();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
        PriceQuote q = toQuote(pair, dto);
        lastSuccessMs = clock.millis();
        if (!q.stale()) {
            cache.offer(q);
        }
        return Optional.of(q);
    }

    Optional<PriceQuote> cachedPrice(TradePair pair) {
        PriceQuote q = cache.fresh(pair, clock.millis(), maxAgeMs);
        if (q == null) {
            throw new PriceUnavailableException("no fresh price for " + pair.id() + ": " + lastFailure, null);
        }
        return Optional.of(q);
    }

    /**
     * Prices of several pairs (one call per 64 pairs); the map holds only the pairs the service answered 200 for.
     */
    @Timeout(value = 3000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName(BATCH_BREAKER)
    @Bulkhead(2)
    public Map<TradePair, PriceQuote> prices(Collection<TradePair> pairs) {
        Map<TradePair, PriceQuote> out = new EnumMap<>(TradePair.class);
        List<TradePair> all = new ArrayList<>(pairs);
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            List<TradePair> chunk = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
            BatchAnswerDto answer;
            try {
                answer = api.prices(chunk.stream().map(TradePair::id).collect(Collectors.joining(",")));
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            }
            if (answer != null && answer.results() != null) {
                for (BatchAnswerDto.Entry e : answer.results()) {
                    Optional<TradePair> pair = TradePair.byId(e.tradePair());
                    if (pair.isPresent() && e.status() != null && e.status() == 200 && e.price() != null
                            && e.price().price() != null) {
                        out.put(pair.get(), toQuote(pair.get(), e.price()));
                    }
                }
            }
        }
        lastSuccessMs = clock.millis();
        return out;
    }

    /**
     * The sources of each (pair, instant) of one {@code POST /api/v1/prices/at} call, at most {@link #MAX_LOOKUPS}
     * look-ups: the caller walks a round's look-ups in chunks, so the timeout and the retry apply to one call, not to a
     * round's every call (at 50,000 look-ups, ~200 calls would never fit one 3 s budget). The map holds the look-ups
     * the service answered 200 with at least one complete source.
     */
    @Timeout(value = 3000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, IllegalArgumentException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            skipOn = IllegalArgumentException.class)
    @CircuitBreakerName(LOOKUP_BREAKER)
    @Bulkhead(1)
    public Map<SourcesAt.Key, SourcesAt> sourcesAt(List<SourcesAt.Key> keys) {
        if (keys.size() > MAX_LOOKUPS) {
            throw new IllegalArgumentException(keys.size() + " look-ups in one call; at most " + MAX_LOOKUPS);
        }
        List<LookupsDto.Lookup> lookups = keys.stream().map(k -> new LookupsDto.Lookup(k.pair().id(), k.atMs())).toList();
        LookupAnswerDto answer;
        try {
            answer = api.pricesAt(new LookupsDto(lookups));
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
        Map<SourcesAt.Key, SourcesAt> out = new HashMap<>();
        if (answer != null && answer.results() != null) {
            for (LookupAnswerDto.Entry e : answer.results()) {
                Optional<TradePair> pair = TradePair.byId(e.tradePair());
                if (pair.isEmpty() || e.atMs() == null || e.status() == null || e.status() != 200 || e.price() == null) {
                    continue;
                }
                List<PriceSource> sources = e.price().completeSources();
                if (!sources.isEmpty()) {
                    boolean stale = e.price().stale() == null || e.price().stale();
                    SourcesAt s = new SourcesAt(pair.get(), e.atMs(), stale, sources);
                    out.put(s.key(), s);
                }
            }
        }
        lastSuccessMs = clock.millis();
        return out;
    }

    static PriceQuote toQuote(TradePair pair, PriceAnswerDto dto) {
        if (dto == null || dto.price() == null || dto.timestampMs() == null) {
            throw new PriceServiceException(200, "price service answer without price or timestamp");
        }
        double bid = orZero(dto.bid());
        double ask = orZero(dto.ask());
        boolean stale = dto.stale() == null || dto.stale();
        List<PriceSource> sources = dto.completeSources();
        return sources.isEmpty()
                ? new PriceQuote(pair, dto.price(), bid, ask, dto.timestampMs(), dto.sourceName(), stale)
                : new PriceQuote(pair, dto.price(), bid, ask, dto.timestampMs(), dto.sourceName(), stale, sources);
    }

    private static double orZero(Double d) {
        return d == null || !Double.isFinite(d) ? 0 : d;
    }

    private void failed(RuntimeException e) {
        lastFailureMs = clock.millis();
        lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        Log.infof("price service call failed: %s", lastFailure);
    }

    public long lastSuccessMs() {
        return lastSuccessMs;
    }

    public long lastFailureMs() {
        return lastFailureMs;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
