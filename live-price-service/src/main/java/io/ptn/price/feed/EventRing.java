package io.ptn.price.feed;

import io.ptn.domain.PriceSource;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recent events of one (provider, pair), in time order: a fixed-size ring, so memory is bounded whatever the
 * tick rate. Writers are serialised (see {@link EventBuffer#append}); readers never lock: they read the published
 * count, then the slots array, then slots. Like PTN's {@code RecentEventTracker}, an event later than the latest is
 * appended, an event with a start time already held is ignored (the first one stays), and a late event is put in
 * its place in time.
 */
public final class EventRing {

    /** Replaced whole (never edited out of order) when a late event is put in its place, so readers see it sorted. */
    private volatile AtomicReferenceArray<PriceSource> slots;
    private final int capacity;
    /** Number of event indices used; slot of index i is i % capacity. Written after the slot (publication). */
    private volatile long count;
    private volatile PriceSource latest;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /**
     * Adds an event; false (nothing changed) when one with the same start time is held, or when a late event is
     * older than everything a full ring holds. Callers serialise writes.
     */
    boolean add(PriceSource event) {
        PriceSource last = latest;
        if (last == null || event.startMs() > last.startMs()) {
            long n = count;
            slots.set((int) (n % capacity), event);
            latest = event;
            count = n + 1;
            return true;
        }
        if (event.startMs() == last.startMs()) {
            return false;
        }
        return insertLate(event);
    }

    /** Rebuilds the slots with the event at its place in time, dropping the oldest when full, then publishes them. */
    private boolean insertLate(PriceSource event) {
        long n = count;
        AtomicReferenceArray<PriceSource> current = slots;
        long first = Math.max(0, n - capacity);
        long at = firstIndexAtOrAfter(current, first, n, event.startMs());
        if (at < n && current.get((int) (at % capacity)).startMs() == event.startMs()) {
            return false;
        }
        boolean full = n - first == capacity;
        if (full && at == first) {
            return false; // older than all the ring holds: it would be the one to drop
        }
        // new index layout: events before `at` move down one when full (the oldest drops), events after stay put
        AtomicReferenceArray<PriceSource> fresh = new AtomicReferenceArray<>(capacity);
        long m = full ? n : n + 1;
        long shift = full ? -1 : 0;
        for (long i = full ? first + 1 : first; i < at; i++) {
            fresh.set((int) ((i + shift) % capacity), current.get((int) (i % capacity)));
        }
        fresh.set((int) ((at + shift) % capacity), event);
        for (long i = at; i < n; i++) {
            fresh.set((int) ((i + shift + 1) % capacity), current.get((int) (i % capacity)));
        }
        slots = fresh;
        count = m;
        return true;
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
        AtomicReferenceArray<PriceSource> s = slots;
        long lo = Math.max(0, n - capacity + 1); // +1: the oldest slot may be mid-overwrite
        long hi = n - 1;
        if (hi < lo) {
            return last.startMs() >= oldestMs ? last : null;
        }
        long idx = Math.min(firstIndexAtOrAfter(s, lo, n, targetMs), hi);
        PriceSource after = s.get((int) (idx % capacity));
        PriceSource best = after;
        if (idx > lo) {
            PriceSource before = s.get((int) ((idx - 1) % capacity));
            if (before != null && before.startMs() <= targetMs
                    && targetMs - before.startMs() <= Math.abs(after.startMs() - targetMs)) {
                best = before;
            }
        }
        if (best != null && best.startMs() >= oldestMs) {
            return best;
        }
        // the nearest is outside the window: the nearest inside it is the oldest one still inside
        long firstInside = firstIndexAtOrAfter(s, lo, n, oldestMs);
        PriceSource inside = firstInside < n ? s.get((int) (firstInside % capacity)) : null;
        return inside != null && inside.startMs() >= oldestMs ? inside : null;
    }

    /** The first index in [lo, n) whose event starts at or after {@code timeMs}; n when there is none. */
    private long firstIndexAtOrAfter(AtomicReferenceArray<PriceSource> s, long lo, long n, long timeMs) {
        long hi = n;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (s.get((int) (mid % capacity)).startMs() < timeMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The newest event at or before {@code atMs}, not older than {@code oldestMs}. */
    public PriceSource latestAtOrBefore(long atMs, long oldestMs) {
        PriceSource c = closest(atMs, oldestMs);
        if (c == null || c.startMs() <= atMs) {
            return c;
        }
        long n = count;
        AtomicReferenceArray<PriceSource> s = slots;
        long first = Math.max(0, n - capacity + 1);
        for (long i = n - 1; i >= first; i--) {
            PriceSource e = s.get((int) (i % capacity));
            if (e != null && e.startMs() <= atMs) {
                return e.startMs() >= oldestMs ? e : null;
            }
        }
        return null;
    }
}
