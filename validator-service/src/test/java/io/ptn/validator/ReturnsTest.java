package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

class ReturnsTest {

    private static final long T0 = 1_764_000_000_000L; // a fixed instant; carry periods are counted from the epoch

    private static PositionOrder order(OrderType type, double lev, double price, long t) {
        return new PositionOrder("o-" + t, type, lev, price, 0, t);
    }

    @Test
    void averageEntryAndNetLeverageFollowTheOrders() {
        Position p = Returns.open("p", "m", TradePair.BTCUSD, order(OrderType.LONG, 0.2, 100, T0));
        p = Returns.apply(p, order(OrderType.LONG, 0.2, 110, T0 + 1));
        assertEquals(0.4, p.netLeverage(), 1e-12);
        assertEquals(105, p.averageEntryPrice(), 1e-12);
        p = Returns.apply(p, order(OrderType.SHORT, 0.1, 120, T0 + 2));
        assertEquals(0.3, p.netLeverage(), 1e-12);
        assertEquals(105, p.averageEntryPrice(), 1e-12); // reducing does not move the entry
        assertEquals((120 - 105) / 105.0 * 0.1, p.realizedPnl(), 1e-12);
        assertTrue(p.isOpen());
    }

    @Test
    void flatClosesWithTheReturnOfAllMovesAndSpreadFees() {
        Position p = Returns.open("p", "m", TradePair.ETHUSD, order(OrderType.LONG, 0.5, 2000, T0));
        p = Returns.apply(p, order(OrderType.FLAT, 0, 2200, T0 + 1000));
        assertFalse(p.isOpen());
        assertEquals(0, p.netLeverage(), 0);
        double fees = (1 - 0.001 * 0.5) * (1 - 0.001 * 0.5);
        assertEquals((1 + 0.1 * 0.5) * fees, p.currentReturn(), 1e-12);
    }

    @Test
    void shortGainsWhenThePriceFalls() {
        Position p = Returns.open("p", "m", TradePair.EURUSD, order(OrderType.SHORT, 2, 1.10, T0));
        assertEquals((1 + 0.1 / 1.1 * 2) * (1 - 0.00007 * 2), Returns.returnAt(p, 1.0, T0), 1e-12);
    }

    @Test
    void returnIsFloorAtZeroForLiquidation() {
        Position p = Returns.open("p", "m", TradePair.EURUSD, order(OrderType.LONG, 5, 1.0, T0));
        assertEquals(0, Returns.returnAt(p, 0.79, T0), 0);
        Position closed = Returns.closeAt(p, 0.79, T0 + 1, "LIQUIDATED");
        assertFalse(closed.isOpen());
        assertEquals("LIQUIDATED", closed.closeReason());
    }

    @Test
    void carryFeeIsChargedPerPeriodOnHeldLeverage() {
        long start = 8 * 3600_000L * 1000; // exactly on a crypto boundary
        assertEquals(0, Returns.carryPeriods(TradePairCategory.CRYPTO, start, start + 8 * 3600_000L - 1));
        assertEquals(1, Returns.carryPeriods(TradePairCategory.CRYPTO, start, start + 8 * 3600_000L));
        assertEquals(3, Returns.carryPeriods(TradePairCategory.CRYPTO, start, start + 24 * 3600_000L));
        assertEquals(1, Returns.carryPeriods(TradePairCategory.FOREX, start, start + 24 * 3600_000L));
        // a year of crypto at 1x: (1 - 0.1095/1095)^1095 ~ e^-0.1095
        double year = Returns.carryFactor(TradePairCategory.CRYPTO, 1, start, start + 365L * 24 * 3600_000L);
        assertEquals(Math.exp(-0.1095), year, 1e-4);
        assertEquals(Math.pow(1 - 0.03 / 365 * 2, 10), Returns.carryFactor(TradePairCategory.FOREX, 2, start, start + 10L * 24 * 3600_000L), 1e-12);
        assertEquals(Math.pow(1 - 0.0525 / 365, 1), Returns.carryFactor(TradePairCategory.INDICES, 1, start, start + 24 * 3600_000L), 1e-12);
        assertEquals(1.0, Returns.carryFactor(TradePairCategory.EQUITIES, 1, start, start + 24 * 3600_000L), 0);
    }

    @Test
    void carryReducesTheReturnOfAHeldPosition() {
        Position p = Returns.open("p", "m", TradePair.BTCUSD, order(OrderType.LONG, 0.5, 100, T0));
        double later = Returns.returnAt(p, 100, T0 + 30L * 24 * 3600_000L);
        assertEquals(p.currentReturn() * Math.pow(1 - 0.1095 / 1095 * 0.5, 90), later, 1e-9);
    }

    @Test
    void portfolioAndDrawdown() {
        assertEquals(0.1, Returns.drawdown(0.99, 1.1), 1e-12);
        assertEquals(0, Returns.drawdown(1.2, 1.1), 0);
        assertNull(Returns.open("p", "m", TradePair.BTCUSD, order(OrderType.LONG, 0.5, 100, T0)).closeMs());
    }
}
