package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/** Fill prices as PTN's PriceSource.parse_appropriate_price picks them. */
class FillPriceTest {

    private static final long START = 1_780_000_000_000L;

    private static PriceSource candle(long spanMs, double bid, double ask, Double vwap) {
        return new PriceSource("polygon_rest", spanMs, 1.0850, 1.0860, null, null, vwap, START, false, 0, bid, ask);
    }

    private static double fill(PriceSource s, long now, TradePair pair, OrderType type, OrderType first) {
        return FillPrice.of(s, now, pair, type, first);
    }

    @Test
    void forexSecondCandlesFillAtTheSideOfTheBookTheOrderTakes() {
        PriceSource s = candle(1_000, 1.0849, 1.0851, null);
        assertEquals(1.0851, fill(s, START, TradePair.EURUSD, OrderType.LONG, null), "a buy pays the ask");
        assertEquals(1.0849, fill(s, START, TradePair.EURUSD, OrderType.SHORT, null), "a sell gets the bid");
        assertEquals(1.0849, fill(s, START, TradePair.EURUSD, OrderType.FLAT, OrderType.LONG), "closing a long sells");
        assertEquals(1.0851, fill(s, START, TradePair.EURUSD, OrderType.FLAT, OrderType.SHORT), "closing a short buys");
        // an order into a short position still buys at the ask: only a FLAT looks at the position
        assertEquals(1.0851, fill(s, START, TradePair.EURUSD, OrderType.LONG, OrderType.SHORT));
    }

    @Test
    void aFlatOnAPositionOpenedByAFlatTakesTheVwap() {
        assertEquals(1.0855, fill(candle(1_000, 1.0849, 1.0851, 1.0855), START, TradePair.EURUSD, OrderType.FLAT,
                OrderType.FLAT));
        assertThrows(IllegalArgumentException.class,
                () -> fill(candle(1_000, 1.0849, 1.0851, null), START, TradePair.EURUSD, OrderType.FLAT, null));
    }

    @Test
    void quotesAreOnlyUsedForForexSecondCandles() {
        // a minute candle of forex, and a second candle of crypto, fill at open or close despite their quote
        PriceSource minute = candle(60_000, 1.0849, 1.0851, null);
        assertEquals(1.0850, fill(minute, START + 10_000, TradePair.EURUSD, OrderType.LONG, null));
        assertEquals(1.0860, fill(minute, START + 50_000, TradePair.EURUSD, OrderType.LONG, null));
        PriceSource cryptoSecond = new PriceSource("coinbase_rest", 1_000, 65_000, 65_010, null, null, null, START, false,
                0, 64_990, 65_020);
        assertEquals(65_000, fill(cryptoSecond, START + 100, TradePair.BTCUSD, OrderType.LONG, null));
        assertEquals(65_010, fill(cryptoSecond, START + 900, TradePair.BTCUSD, OrderType.LONG, null));
    }

    @Test
    void aCandleFillsAtTheEndNearerTheOrderTime() {
        PriceSource minute = candle(60_000, 0, 0, null); // ends at START + 59_999
        assertEquals(1.0850, fill(minute, START - 5_000, TradePair.EURUSD, OrderType.SHORT, null), "before it: open");
        assertEquals(1.0850, fill(minute, START + 29_999, TradePair.EURUSD, OrderType.SHORT, null));
        assertEquals(1.0860, fill(minute, START + 30_000, TradePair.EURUSD, OrderType.SHORT, null));
        assertEquals(1.0860, fill(minute, START + 90_000, TradePair.EURUSD, OrderType.SHORT, null), "after it: close");
    }

    @Test
    void aStreamedEventFillsAtItsPriceWhateverItsQuote() {
        PriceSource ws = PriceSource.tick("polygon_ws", 1.0850, START, true, 1.0849, 1.0851);
        assertEquals(1.0850, fill(ws, START + 7_000, TradePair.EURUSD, OrderType.LONG, null));
        PriceSource trade = PriceSource.tick("polygon_ws", 120.5, START, true, 0, 0);
        assertEquals(120.5, fill(trade, START - 3_000, TradePair.NVDA, OrderType.SHORT, null), "equities at the event");
    }

    @Test
    void aForexSecondCandleWithoutAQuoteFillsAtItsOpenOrCloseNotAtZero() {
        PriceSource noQuote = candle(1_000, 0, 0, null);
        assertEquals(1.0850, fill(noQuote, START + 100, TradePair.EURUSD, OrderType.LONG, null));
        assertEquals(1.0860, fill(noQuote, START + 900, TradePair.EURUSD, OrderType.SHORT, null));
    }

    @Test
    void aQuoteFromTheStreamFillsAtItsPrice() {
        PriceQuote q = new PriceQuote(TradePair.EURUSD, 1.0850, 1.0849, 1.0851, START, "tiingo", false);
        assertEquals(1.0850, FillPrice.of(q.best(), START + 2_000, TradePair.EURUSD, OrderType.LONG, null));
    }
}
