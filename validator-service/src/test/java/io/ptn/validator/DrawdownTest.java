package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.ptn.domain.TradePair;
import org.junit.jupiter.api.Test;

/** The drawdown rule of PTN's ledger_utils.py, cases from tests/vali_tests/test_ledger_penalty.py. */
class DrawdownTest {

    static final double LIMIT = 0.1; // ValiConfig.DRAWDOWN_MAXVALUE_PERCENTAGE = 10

    // test_is_beyond_max_drawdown: mdd 0.99 -> (False, 1); 0.89 -> (True, 11)
    @Test
    void elevenPercentBelowTheHighWaterMarkEliminatesOnePercentDoesNot() {
        assertFalse(Drawdown.eliminates(0.99, 1.0, LIMIT));
        assertEquals(1, Math.round(Drawdown.percent(0.99, 1.0) * 100) / 100.0);
        assertTrue(Drawdown.eliminates(0.89, 1.0, LIMIT));
        assertEquals(11, Math.round(Drawdown.percent(0.89, 1.0) * 100) / 100.0);
        // the same ratio against a higher high-water mark
        assertTrue(Drawdown.eliminates(1.78, 2.0, LIMIT));
    }

    // is_beyond_max_drawdown compares with >=: exactly at the limit eliminates
    @Test
    void reachingTheLimitEliminates() {
        assertTrue(Drawdown.eliminates(0.75, 1.0, 0.25)); // (1 - 0.75) x 100 = 25 exactly
        assertFalse(Drawdown.eliminates(0.7500001, 1.0, 0.25));
    }

    // drawdown_percentage computes (1 - ratio) x 100 in doubles: a ratio of 0.9 gives 9.999999999999998, below 10
    @Test
    void ratioOfExactlyPointNineIsJustUnderTenPercentInPtnsArithmetic() {
        assertEquals(9.999999999999998, Drawdown.percent(0.9, 1.0), 0);
        assertFalse(Drawdown.eliminates(0.9, 1.0, LIMIT));
    }

    // drawdown_percentage: a ratio >= 1 is 0 %, <= 0 is 100 %
    @Test
    void aboveTheHighWaterMarkIsNoDrawdownAndNothingLeftIsAll() {
        assertEquals(0, Drawdown.percent(1.2, 1.0), 0);
        assertEquals(100, Drawdown.percent(0, 1.0), 0);
        assertTrue(Drawdown.eliminates(0, 1.0, LIMIT));
    }

    @Test
    void portfolioReturnIsTheProductOfThePositionsReturnsWithFees() {
        Position a = PositionsTest.add(PositionsTest.empty(TradePair.EURUSD, 1000), OrderType.LONG, 1, 100,
                1000);
        a = Positions.mark(a, 110, 2000);
        Position b = PositionsTest.add(PositionsTest.empty(TradePair.GBPUSD, 1000), OrderType.SHORT, 1, 100,
                1000);
        b = Positions.mark(b, 105, 2000);
        assertEquals(a.returnWithFees() * b.returnWithFees(), Drawdown.portfolioReturn(List.of(a, b)), 0);
    }
}
