package io.ptn.price.service;

import io.ptn.domain.PriceSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionTest {

    private static PriceSource tick(String src, long t, double p) {
        return PriceSource.tick(src, p, t, src.endsWith("_ws"), 0, 0);
    }

    private static PriceSource candle(long start, double close) {
        return new PriceSource("x_rest", 60_000, close, close, null, null, null, start, false, 0, 0, 0);
    }

    @Test
    void sortsByDistanceAndSetsLag() {
        List<PriceSource> s = Selection.byDistance(List.of(tick("a_ws", 1000, 1), tick("b_ws", 9500, 2), tick("c_ws", 10_100, 3)), 10_000);
        assertEquals(List.of("c_ws", "b_ws", "a_ws"), s.stream().map(PriceSource::source).toList());
        assertEquals(100, s.get(0).lagMs());
        assertEquals(9000, s.get(2).lagMs());
    }

    @Test
    void tiesKeepInputOrderSoStreamedBeatsRestAndProviderOrderHolds() {
        List<PriceSource> s = Selection.byDistance(List.of(tick("p1_ws", 9000, 1), tick("p2_ws", 11_000, 2),
                tick("p1_rest", 11_000, 3)), 10_000);
        assertEquals(List.of("p1_ws", "p2_ws", "p1_rest"), s.stream().map(PriceSource::source).toList());
    }

    @Test
    void emptyCandidatesGiveEmptyAndAreNeverWithinTheGate() {
        assertTrue(Selection.byDistance(List.of(), 5).isEmpty());
        assertFalse(Selection.withinGate(List.of(), 8000));
    }

    @Test
    void gateIsInclusiveAt8000AndClosedAt8001() {
        assertTrue(Selection.withinGate(Selection.byDistance(List.of(tick("a_ws", 2000, 1)), 10_000), 8000));
        assertFalse(Selection.withinGate(Selection.byDistance(List.of(tick("a_ws", 1999, 1)), 10_000), 8000));
    }

    @Test
    void candleDistanceUsesTheNearerEnd() {
        PriceSource c = candle(0, 1);
        assertEquals(1, Selection.byDistance(List.of(c), 60_000).get(0).lagMs());
    }

    @Test
    void outliersMoreThanFivePercentFromTheMedianAreDropped() {
        List<PriceSource> in = List.of(candle(0, 100), candle(1, 101), candle(2, 99), candle(3, 106), candle(4, 95.1), candle(5, 50));
        List<PriceSource> out = Selection.dropOutliers(in, 0.05);
        // median of 50, 95.1, 99, 100, 101, 106 = 99.5; 5% = 4.975 -> keeps 95.1? |95.1-99.5|=4.4 yes; 106: 6.5 no
        assertEquals(List.of(100.0, 101.0, 99.0, 95.1), out.stream().map(PriceSource::close).toList());
    }

    @Test
    void shortListsAreKeptAsIs() {
        List<PriceSource> in = List.of(candle(0, 100), candle(1, 1000));
        assertEquals(in, Selection.dropOutliers(in, 0.05));
    }
}
