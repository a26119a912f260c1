package io.ptn.price.feed;

import io.ptn.domain.PriceSource;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recent events of one (provider, pair): a fixed-size ring, so memory is bounded whatever the tick rate.
 * Writers are serialised (one supervisor sink per pair); readers never lock: they read the volatile {@link #latest}
 * or the published count and slots. Events are appended in time order (the sink rejects out-of-order ones).
 */
public final class EventRing {

    private final AtomicReferenceArray<PriceSource> slots;
    private final int capacity;
    /** Number of events ever appended; slot of event n is n % capacity. Written after the slot (publication). */
    private volatile long count;
    private volatile PriceSource latest;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** Appends in time order; callers serialise writes (see {@link EventBuffer#append}). */
    void append(PriceSource event) {
        long n = count;
        slots.set((int) (n % capacity), event);
        latest = event;
        count = n + 1;
    }

    public PriceSource latest() {
        return latest;
    }

    public long size() {
        return Math.min(count, capacity);
    }

    /**
     * The event closest to {@code targetMs} among those not older than {@code oldestMs}; the earlier one on a tie.
     * Binary search over the ring's time-ordered contents; a slot overwritten while we read only ever holds a newer,
     * equally valid event.
     */
    public PriceSource closest(long targetMs, long oldestMs) {
        PriceSource last = latest;
        if (last == null) {
            return null;
        }
        if (targetMs >= last.startMs()) {
            return last.startMs() >= oldestMs ? last : null;
        }
        long n = count;
        long lo = Math.max(0, n - capacity + 1); // +1: the oldest slot may be mid-overwrite
        long hi = n - 1;
        // first index whose startMs >= targetMs
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            PriceSource e = slots.get((int) (mid % capacity));
            if (e.startMs() < targetMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        PriceSource after = slots.get((int) (lo % capacity));
        PriceSource best = after;
        if (lo > Math.max(0, n - capacity + 1)) {
            PriceSource before = slots.get((int) ((lo - 1) % capacity));
            if (before != null && before.startMs() <= targetMs
                    && targetMs - before.startMs() <= Math.abs(after.startMs() - targetMs)) {
                best = before;
            }
        }
        if (best != null && best.startMs() >= oldestMs) {
            return best;
        }
        // the nearest is outside the window: the nearest inside it is the oldest one still inside
        PriceSource first = firstAtOrAfter(oldestMs);
        return first != null && first.startMs() >= oldestMs ? first : null;
    }

    private PriceSource firstAtOrAfter(long timeMs) {
        long n = count;
        long lo = Math.max(0, n - capacity + 1);
        long hi = n - 1;
        if (hi < lo) {
            return latest;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (slots.get((int) (mid % capacity)).startMs() < timeMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return slots.get((int) (lo % capacity));
    }

    /** The newest event at or before {@code atMs}, not older than {@code oldestMs}. */
    public PriceSource latestAtOrBefore(long atMs, long oldestMs) {
        PriceSource c = closest(atMs, oldestMs);
        if (c == null || c.startMs() <= atMs) {
            return c;
        }
        long n = count;
        long first = Math.max(0, n - capacity + 1);
        for (long i = n - 1; i >= first; i--) {
            PriceSource e = slots.get((int) (i % capacity));
            if (e != null && e.startMs() <= atMs) {
                return e.startMs() >= oldestMs ? e : null;
            }
        }
        return null;
    }
}
