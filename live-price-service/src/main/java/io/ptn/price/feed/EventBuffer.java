package io.ptn.price.feed;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Recent streamed events per (provider, pair), kept for {@code price.buffer.window} (an event exactly that old is
 * still used, as in PTN's 5-minute RecentEventTracker), bounded by {@code max-events}.
 */
@ApplicationScoped
public class EventBuffer {

    private static final int PAIRS = TradePair.values().length;

    private final ConcurrentHashMap<String, AtomicReferenceArray<EventRing>> byProvider = new ConcurrentHashMap<>();
    private final long windowMs;
    private final int maxEvents;

    @Inject
    public EventBuffer(PriceConfig config) {
        this(config.buffer().window().toMillis(), config.buffer().maxEvents());
    }

    public EventBuffer(long windowMs, int maxEvents) {
        this.windowMs = windowMs;
        this.maxEvents = maxEvents;
    }

    public long windowMs() {
        return windowMs;
    }

    /** The ring of one (provider, pair), created on first write; null when nothing was ever written. */
    public EventRing ring(String provider, TradePair pair) {
        AtomicReferenceArray<EventRing> rings = byProvider.get(provider);
        return rings == null ? null : rings.get(pair.ordinal());
    }

    private EventRing ringForWrite(String provider, TradePair pair) {
        AtomicReferenceArray<EventRing> rings = byProvider.computeIfAbsent(provider, p -> new AtomicReferenceArray<>(PAIRS));
        EventRing ring = rings.get(pair.ordinal());
        if (ring == null) {
            rings.compareAndSet(pair.ordinal(), null, new EventRing(maxEvents));
            ring = rings.get(pair.ordinal());
        }
        return ring;
    }

    /**
     * Adds an event that passed validation to its (provider, pair), in time order (a late one in its place).
     * Returns false (nothing written) when an event with the same start time is already held: as in PTN's
     * RecentEventTracker the first one stays. Writers to one ring are serialised on it.
     */
    public boolean append(String provider, TradePair pair, PriceSource event) {
        EventRing ring = ringForWrite(provider, pair);
        synchronized (ring) {
            return ring.add(event);
        }
    }

    public PriceSource latest(String provider, TradePair pair) {
        EventRing ring = ring(provider, pair);
        return ring == null ? null : ring.latest();
    }

    /** The streamed event closest to {@code targetMs} within the buffer window (relative to {@code nowMs}). */
    public PriceSource closest(String provider, TradePair pair, long targetMs, long nowMs) {
        EventRing ring = ring(provider, pair);
        return ring == null ? null : ring.closest(targetMs, nowMs - windowMs);
    }

    public PriceSource latestAtOrBefore(String provider, TradePair pair, long atMs, long nowMs) {
        EventRing ring = ring(provider, pair);
        return ring == null ? null : ring.latestAtOrBefore(atMs, nowMs - windowMs);
    }
}
