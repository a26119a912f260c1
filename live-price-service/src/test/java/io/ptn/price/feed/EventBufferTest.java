package io.ptn.price.feed;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recent-event buffer against PTN's RecentEventTracker: the cases of PTN's
 * tests/vali_tests/test_recent_event_tracker.py. PTN prunes events older than 5 minutes when one is added; here the
 * window is applied when reading, relative to the reader's now, with the same inclusive edge.
 */
class EventBufferTest {

    private static final long FIVE_MINUTES = 300_000;
    private static final long T0 = 10_000_000;

    private final EventBuffer buffer = new EventBuffer(FIVE_MINUTES, 4096);

    private static PriceSource event(long startMs, double open, double close) {
        return new PriceSource("p_ws", 0, open, close, null, null, null, startMs, true, 0, 0, 0);
    }

    private boolean add(PriceSource e) {
        return buffer.append("p", TradePair.EURUSD, e);
    }

    private PriceSource closest(long targetMs, long nowMs) {
        return buffer.closest("p", TradePair.EURUSD, targetMs, nowMs);
    }

    @Test
    void eventsOlderThanFiveMinutesAreNoLongerUsed() { // test_add_event
        PriceSource first = new PriceSource("p_ws", 0, 100, 105, null, null, null, T0, true, 0, 95, 96);
        add(first);
        assertEquals(first, closest(T0, T0), "the event keeps its bid and ask");
        add(event(T0 + 4 * 60_000, 102, 106));
        assertEquals(T0, closest(T0, T0 + 4 * 60_000).startMs(), "4 minutes later both are there");
        add(event(T0 + 6 * 60_000, 103, 107));
        long now = T0 + 6 * 60_000;
        assertEquals(T0 + 4 * 60_000, closest(T0, now).startMs(), "6 minutes later the first is gone");
        assertEquals(103, closest(now, now).open());
    }

    @Test
    void anEventExactlyFiveMinutesOldIsStillUsed() { // test_cleanup_old_events
        add(event(T0, 100, 105));
        add(event(T0 + 3000, 102, 106));
        assertEquals(T0, closest(T0, T0 + FIVE_MINUTES).startMs());
        assertEquals(T0 + 3000, closest(T0, T0 + FIVE_MINUTES + 1).startMs());
    }

    @Test
    void aTieGoesToTheEarlierEvent() { // test_get_closest_event
        add(event(1_000_000, 100, 105));
        add(event(1_003_000, 102, 106));
        assertEquals(1_000_000, closest(1_001_500, 1_003_000).startMs());
    }

    @Test
    void closestOfSeveral() { // test_get_closest_event2
        assertNull(closest(1_001_500, 1_005_000), "no events");
        for (long t : new long[] {995_000, 1_000_000, 1_001_500, 1_003_000, 1_004_500}) {
            add(event(t, t / 10_000.0, t / 10_000.0 + 5));
        }
        long now = 1_005_000;
        assertEquals(1_001_500, closest(1_001_500, now).startMs(), "exact match");
        assertEquals(1_003_000, closest(1_002_250 + 1, now).startMs());
        assertEquals(1_001_500, closest(1_002_250 - 1, now).startMs());
        assertEquals(1_001_500, closest(1_002_250, now).startMs(), "the midpoint ties to the earlier");
    }

    @Test
    void concurrentWritersLoseNothingAndKeepTimeOrder() throws InterruptedException { // test_concurrent_add_events
        CountDownLatch go = new CountDownLatch(1);
        Thread a = new Thread(() -> addRange(go, 0, 50, 100));
        Thread b = new Thread(() -> addRange(go, 50, 100, 200));
        a.start();
        b.start();
        go.countDown();
        a.join();
        b.join();
        long now = T0 + 99_000;
        assertEquals(100, buffer.ring("p", TradePair.EURUSD).size());
        for (int i = 0; i < 100; i++) {
            PriceSource e = closest(T0 + i * 1000L, now);
            assertEquals(T0 + i * 1000L, e.startMs(), "event " + i);
            assertEquals((i < 50 ? 100 : 200) + i, e.open());
        }
        assertEquals(T0 + 99_000, buffer.latest("p", TradePair.EURUSD).startMs());
    }

    private void addRange(CountDownLatch go, int from, int to, double base) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = from; i < to; i++) {
            add(event(T0 + i * 1000L, base + i, base + 5 + i));
        }
    }

    @Test
    void aSecondEventAtTheSameTimeIsIgnored() { // test_event_overlap
        assertTrue(add(event(T0, 100, 105)));
        add(event(T0, 101, 106));
        assertEquals(1, buffer.ring("p", TradePair.EURUSD).size());
        assertEquals(100, closest(T0, T0).open(), "the first one stays");
    }

    @Test
    void eventsOneMillisecondApartAreBothKept() { // test_precise_timing
        add(event(T0, 100, 105));
        add(event(T0 + 1, 101, 106));
        assertEquals(2, buffer.ring("p", TradePair.EURUSD).size());
        assertNotEquals(closest(T0, T0 + 1), closest(T0 + 1, T0 + 1));
        assertEquals(T0 + 1, closest(T0 + 1, T0 + 1).startMs());
    }

    @Test
    void theRetentionEdgeIsInclusive() { // test_boundary_event_removal
        add(event(T0, 100, 105));
        add(event(T0 + 299_999, 101, 106));
        assertEquals(T0, closest(T0, T0 + FIVE_MINUTES).startMs());
        assertEquals(T0 + 299_999, closest(T0, T0 + FIVE_MINUTES + 1).startMs());
    }

    @Test
    void onlyEventsInsideTheWindowAreUsedAfterTimePasses() { // test_efficiency_of_cleanup
        for (int i = 0; i < 100; i++) {
            add(event(T0 + i * 1000L, 100 + i, 105 + i));
        }
        long now = T0 + 6 * 60_000;
        // the oldest still used is the one at now - 5 minutes = T0 + 60 s
        assertEquals(T0 + 60_000, closest(T0, now).startMs());
        assertNull(closest(T0, T0 + 99_000 + FIVE_MINUTES + 1), "all of them are too old");
    }
}
