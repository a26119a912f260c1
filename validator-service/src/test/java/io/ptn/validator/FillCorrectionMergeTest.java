package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ptn.domain.PriceSource;

/** PTN's merge of stored and candidate sources (mdd_checker.update_order_with_newest_price_sources), hand-derived. */
class FillCorrectionMergeTest {

    static final long T = 1_780_000_000_000L;

    static PriceSource ws(String name, long start, double price) {
        return PriceSource.tick(name, price, start, true, 0, 0);
    }

    static PriceSource bar(String name, long start, long span, double open, double close) {
        return new PriceSource(name, span, open, close, null, null, null, start, false, 0, 0, 0);
    }

    @Test
    void distanceOfABarIsToItsLastMillisecondAndOfAZeroLengthRestSourceToStartMinusOne() {
        assertEquals(5_001, FillCorrection.delta(bar("r", T - 6_000, 1_000, 1, 2), T)); // end = T - 5001
        assertEquals(150, FillCorrection.delta(ws("w", T + 150, 1), T));
        assertEquals(99, FillCorrection.delta(bar("r", T + 100, 0, 1, 1), T)); // end = start - 1
    }

    @Test
    void aNearerCandidateOfTheSameNameReplacesAndWins() {
        var merged = FillCorrection.merge(List.of(bar("poly", T - 6_000, 1_000, 1, 2)),
                List.of(bar("poly", T - 1_000, 1_000, 3, 4)), T);
        assertTrue(merged.changed());
        assertEquals(1, merged.sorted().size());
        assertEquals(T - 1_000, merged.winner().startMs());
        assertEquals(1, merged.winner().lagMs()); // end T - 1
    }

    @Test
    void aTieKeepsTheStoredSource() {
        PriceSource stored = ws("poly", T - 200, 1);
        var merged = FillCorrection.merge(List.of(stored), List.of(ws("poly", T + 200, 2)), T);
        assertFalse(merged.changed());
        assertEquals(1.0, merged.winner().open());
    }

    @Test
    void newNamesAreAddedAndTheSortIsStableCandidatesFirst() {
        PriceSource storedOnly = ws("tiingo", T - 300, 1);
        PriceSource stored = ws("poly", T - 500, 2);
        PriceSource newName = ws("coinbase", T + 300, 3);
        var merged = FillCorrection.merge(List.of(stored, storedOnly), List.of(ws("poly", T - 900, 4), newName), T);
        assertTrue(merged.changed()); // coinbase is new
        // candidates' order first (poly kept as stored, coinbase), then tiingo; equal lags keep that order
        assertEquals(List.of("coinbase", "tiingo", "poly"), merged.sorted().stream().map(PriceSource::source).toList());
        assertEquals(2.0, merged.sorted().get(2).open());
        assertTrue(FillCorrection.sameEvent(merged.winner(), newName));
    }

    @Test
    void aRepeatedNameKeepsItsLastEntry() {
        PriceSource last = ws("poly", T - 50, 9);
        var merged = FillCorrection.merge(List.of(), List.of(ws("poly", T - 10, 8), last), T);
        assertEquals(last.open(), merged.winner().open());
    }
}
