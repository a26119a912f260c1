package io.ptn.validator.client;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;

/**
 * Latest price per pair, fed by the SSE stream (and by HTTP answers). Reads are one volatile array load: no lock,
 * no allocation. Writers keep the newer quote by compare-and-set.
 */
@ApplicationScoped
public class PriceCache {

    private final AtomicReferenceArray<PriceQuote> latest = new AtomicReferenceArray<>(TradePair.values().length);
    private final Counter hits;
    private final Counter misses;
    private final InstantSource clock;

    /** A cache whose lookup counts are kept but not published (tests, benchmarks). */
    public PriceCache(InstantSource clock) {
        this(clock, new SimpleMeterRegistry());
    }

    /*
     * Plain counters owned by the registry: a function counter on this bean (or its client proxy) was lost or, across
     * test application restarts, re-created the bean through a dead container.
     */
    @Inject
    public PriceCache(InstantSource clock, MeterRegistry registry) {
        this.clock = clock;
        this.hits = registry.counter("validator.price.cache.lookups", List.of(Tag.of("result", "hit")));
        this.misses = registry.counter("validator.price.cache.lookups", List.of(Tag.of("result", "miss")));
    }

    /**
     * Stores the quote unless a newer one is already there. A quote stamped beyond the clock-skew allowance is
     * refused: kept, it would shadow every real tick until its time came.
     */
    public void offer(PriceQuote q) {
        if (q.timestampMs() - clock.millis() > PriceQuote.MAX_FUTURE_MS) {
            return;
        }
        int i = q.tradePair().ordinal();
        while (true) {
            PriceQuote current = latest.get(i);
            if (current != null && current.timestampMs() > q.timestampMs()) {
                return;
            }
            if (latest.compareAndSet(i, current, q)) {
                return;
            }
        }
    }

    public PriceQuote get(TradePair pair) {
        return latest.get(pair.ordinal());
    }

    /** The cached quote if fresh at {@code nowMs}, else null; counts hits and misses. */
    public PriceQuote fresh(TradePair pair, long nowMs, long maxAgeMs) {
        PriceQuote q = latest.get(pair.ordinal());
        if (q != null && q.freshAt(nowMs, maxAgeMs)) {
            hits.increment();
            return q;
        }
        misses.increment();
        return null;
    }

    /** Age of the most recent entry, or -1 when empty. */
    public long newestAgeMs(long nowMs) {
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < latest.length(); i++) {
            PriceQuote q = latest.get(i);
            if (q != null && q.timestampMs() > newest) {
                newest = q.timestampMs();
            }
        }
        return newest == Long.MIN_VALUE ? -1 : Math.max(0, nowMs - newest);
    }

    public int size() {
        int n = 0;
        for (int i = 0; i < latest.length(); i++) {
            if (latest.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    public long hits() {
        return (long) hits.count();
    }

    public long misses() {
        return (long) misses.count();
    }

    public void clear() {
        for (int i = 0; i < latest.length(); i++) {
            latest.set(i, null);
        }
    }
}
