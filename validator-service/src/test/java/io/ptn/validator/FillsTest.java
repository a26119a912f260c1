package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

class FillsTest {

    @Test
    void slippageFollowsTheReferenceFormula() {
        double s = Fills.slippage(TradePair.EURUSD, 1.0849, 1.0851, 1);
        double expected = 0.433 * 0.0002 / 1.085 + 0.335 * 0.006 * Math.sqrt(100_000 / (0.3 * 5e9));
        assertEquals(expected, s, 1e-15);
    }

    @Test
    void slippageIsZeroWithoutAQuoteAndClippedAtThreePercent() {
        assertEquals(0, Fills.slippage(TradePair.EURUSD, 0, 1.0851, 1));
        assertEquals(0, Fills.slippage(TradePair.EURUSD, 1.09, 1.08, 1)); // crossed book
        assertEquals(0.03, Fills.slippage(TradePair.EURUSD, 1.0, 2.0, 5));
    }

    @Test
    void quoteSidesForForexAndEquities() {
        PriceQuote q = new PriceQuote(TradePair.EURUSD, 1.085, 1.0849, 1.0851, 0, "s", false);
        assertEquals(1.0851, Fills.basePrice(TradePair.EURUSD, q, true));
        assertEquals(1.0849, Fills.basePrice(TradePair.EURUSD, q, false));
        PriceQuote crypto = new PriceQuote(TradePair.BTCUSD, 65000, 64990, 65010, 0, "s", false);
        assertEquals(65000, Fills.basePrice(TradePair.BTCUSD, crypto, true));
        assertTrue(Fills.buys(OrderType.LONG, OrderType.LONG));
        assertFalse(Fills.buys(OrderType.SHORT, OrderType.LONG));
        assertFalse(Fills.buys(OrderType.FLAT, OrderType.LONG)); // closing a long sells at the bid
        assertTrue(Fills.buys(OrderType.FLAT, OrderType.SHORT));
        assertEquals(101, Fills.fillPrice(100, 0.01, true), 1e-12);
        assertEquals(99, Fills.fillPrice(100, 0.01, false), 1e-12);
    }

    @Test
    void freshness() {
        long now = 1_000_000;
        assertTrue(new PriceQuote(TradePair.BTCUSD, 1, 0, 0, now - 30_000, "s", false).freshAt(now, 30_000));
        assertFalse(new PriceQuote(TradePair.BTCUSD, 1, 0, 0, now - 30_001, "s", false).freshAt(now, 30_000));
        assertFalse(new PriceQuote(TradePair.BTCUSD, 1, 0, 0, now, "s", true).freshAt(now, 30_000));
    }
}
