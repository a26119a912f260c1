package io.ptn.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceSourceTest {

    private static PriceSource candle(long start, long span, double open, double close) {
        return new PriceSource("test_rest", span, open, close, null, null, null, start, false, 0, 0, 0);
    }

    @Test
    void tickDistanceIsAbsoluteTimeDifference() {
        PriceSource tick = PriceSource.tick("t", 10, 1_000, true, 0, 0);
        assertEquals(1_000, tick.endMs());
        assertEquals(250, tick.distanceTo(750));
        assertEquals(250, tick.distanceTo(1_250));
        assertEquals(10, tick.priceAt(5_000));
    }

    @Test
    void candleDistanceIsToTheNearerEnd() {
        PriceSource bar = candle(60_000, 60_000, 100, 110);
        assertEquals(119_999, bar.endMs());
        assertEquals(0, bar.distanceTo(60_000));
        assertEquals(0, bar.distanceTo(119_999));
        assertEquals(29_999, bar.distanceTo(90_000));
        assertEquals(10_001, bar.distanceTo(130_000));
        assertEquals(5_000, bar.distanceTo(55_000));
    }

    @Test
    void candlePriceIsTheNearerEndsPrice() {
        PriceSource bar = candle(60_000, 60_000, 100, 110);
        assertEquals(100, bar.priceAt(61_000));
        assertEquals(110, bar.priceAt(118_000));
        assertEquals(110, bar.priceAt(200_000));
        assertEquals(100, bar.priceAt(0));
        assertEquals(119_999, bar.timeAt(118_000));
    }

    @Test
    void lagIsTheDistanceToTheTarget() {
        PriceSource bar = candle(1_000, 1_000, 1, 2).withLagTo(5_000);
        assertEquals(3_001, bar.lagMs());
    }

    @Test
    void quoteNeedsBothSides() {
        assertTrue(PriceSource.tick("t", 1, 0, true, 0.9, 1.1).hasQuote());
        assertFalse(PriceSource.tick("t", 1, 0, true, 0, 1.1).hasQuote());
    }
}
