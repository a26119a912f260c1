package io.ptn.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradePairTest {

    @Test
    void catalogHasEveryPairOfTheReference() {
        assertEquals(7, count(TradePairCategory.CRYPTO));
        assertEquals(31, count(TradePairCategory.FOREX));
        assertEquals(7, count(TradePairCategory.EQUITIES));
        assertEquals(6, count(TradePairCategory.INDICES));
    }

    @Test
    void defaultBlockedSet() {
        assertTrue(TradePair.DEFAULT_BLOCKED.contains(TradePair.SPX));
        assertTrue(TradePair.DEFAULT_BLOCKED.contains(TradePair.NVDA));
        assertTrue(TradePair.DEFAULT_BLOCKED.contains(TradePair.XAUUSD));
        assertTrue(TradePair.DEFAULT_BLOCKED.contains(TradePair.USDJPY));
        assertFalse(TradePair.DEFAULT_BLOCKED.contains(TradePair.EURUSD));
        assertFalse(TradePair.DEFAULT_BLOCKED.contains(TradePair.BTCUSD));
        assertEquals(6 + 7 + 2 + 7, TradePair.DEFAULT_BLOCKED.size());
        assertFalse(TradePair.TAOUSD.tradable());
    }

    @Test
    void lookupIgnoresCase() {
        assertEquals(TradePair.BTCUSD, TradePair.byId("btcusd").orElseThrow());
        assertTrue(TradePair.byId("NOPE").isEmpty());
        assertTrue(TradePair.byId(null).isEmpty());
    }

    @Test
    void categoryBounds() {
        assertEquals(0.5, TradePair.BTCUSD.maxLeverage());
        assertEquals(0.00007, TradePair.EURUSD.feeRate());
        assertEquals(3, TradePair.AAPL.maxLeverage());
    }

    private static long count(TradePairCategory category) {
        return Arrays.stream(TradePair.values()).filter(p -> p.category() == category).count();
    }
}
