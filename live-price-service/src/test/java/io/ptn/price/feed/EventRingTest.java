package io.ptn.price.feed;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRingTest {

    private static PriceSource at(long t, double price) {
        return PriceSource.tick("x_ws", price, t, true, 0, 0);
    }

    @Test
    void emptyBufferHasNothing() {
        EventBuffer buffer = new EventBuffer(300_000, 16);
        assertNull(buffer.latest("x", TradePair.BTCUSD));
        assertNull(buffer.closest("x", TradePair.BTCUSD, 1000, 1000));
        assertNull(buffer.latestAtOrBefore("x", TradePair.BTCUSD, 1000, 1000));
    }

    @Test
    void closestPicksNearestAndEarlierOnTie() {
        EventRing ring = new EventRing(16);
        for (long t = 1000; t <= 5000; t += 1000) {
            ring.add(at(t, t));
        }
        assertEquals(3000, ring.closest(3400, 0).startMs());
        assertEquals(4000, ring.closest(3600, 0).startMs());
        assertEquals(3000, ring.closest(3500, 0).startMs(), "a tie goes to the earlier event");
        assertEquals(1000, ring.closest(10, 0).startMs());
        assertEquals(5000, ring.closest(99_000, 0).startMs());
        assertEquals(2000, ring.closest(2000, 0).startMs());
    }

    @Test
    void memoryIsBoundedAndOldEventsFallOut() {
        EventRing ring = new EventRing(8);
        for (long t = 1; t <= 1000; t++) {
            ring.add(at(t, t));
        }
        assertEquals(8, ring.size());
        // the oldest still reachable is recent; event 1 is gone
        assertTrue(ring.closest(1, 0).startMs() > 990);
        assertEquals(1000, ring.latest().startMs());
    }

    @Test
    void windowHidesEventsOlderThanTheOldestAllowed() {
        EventRing ring = new EventRing(16);
        ring.add(at(1000, 1));
        ring.add(at(2000, 2));
        assertNull(ring.closest(500, 2500));
        assertEquals(2000, ring.closest(500, 1500).startMs());
    }

    @Test
    void latestAtOrBeforeNeverReturnsALaterEvent() {
        EventRing ring = new EventRing(16);
        ring.add(at(1000, 1));
        ring.add(at(2000, 2));
        ring.add(at(3000, 3));
        assertEquals(2000, ring.latestAtOrBefore(2900, 0).startMs());
        assertNull(ring.latestAtOrBefore(999, 0));
    }

    @Test
    void bufferKeepsTheFirstEventOfATimeAndPutsLateOnesInPlace() {
        EventBuffer buffer = new EventBuffer(300_000, 16);
        assertTrue(buffer.append("x", TradePair.BTCUSD, at(2000, 1)));
        assertFalse(buffer.append("x", TradePair.BTCUSD, at(2000, 3)), "same time: the first one stays");
        assertEquals(1, buffer.latest("x", TradePair.BTCUSD).open());
        assertTrue(buffer.append("x", TradePair.BTCUSD, at(1500, 2)), "a late event is kept in its place");
        assertEquals(2000, buffer.latest("x", TradePair.BTCUSD).startMs());
        assertEquals(1500, buffer.closest("x", TradePair.BTCUSD, 1400, 2000).startMs());
        assertFalse(buffer.append("x", TradePair.BTCUSD, at(1500, 4)), "a late duplicate is ignored too");
        assertEquals(2, buffer.closest("x", TradePair.BTCUSD, 1500, 2000).open());
        assertTrue(buffer.append("y", TradePair.BTCUSD, at(1000, 4)), "other providers have their own order");
        assertSame(null, buffer.latest("x", TradePair.ETHUSD));
    }

    @Test
    void lateEventsInAFullRingDropTheOldest() {
        EventRing ring = new EventRing(4);
        for (long t = 1000; t <= 4000; t += 1000) {
            assertTrue(ring.add(at(t, t)));
        }
        assertFalse(ring.add(at(500, 0)), "older than everything a full ring holds");
        assertTrue(ring.add(at(2500, 25)));
        assertEquals(4, ring.size());
        assertTrue(ring.closest(0, 0).startMs() > 1000, "1000 dropped out");
        assertEquals(2500, ring.closest(2600, 0).startMs());
        assertEquals(3000, ring.closest(2800, 0).startMs());
        assertTrue(ring.add(at(5000, 5)));
        assertEquals(5000, ring.closest(9000, 0).startMs(), "appends after a late insert keep the order");
        assertEquals(4000, ring.closest(3600, 0).startMs());
        assertEquals(3000, ring.latestAtOrBefore(3100, 0).startMs());
    }
}
