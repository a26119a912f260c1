package io.ptn.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketCalendarTest {

    private final MarketCalendar calendar = new MarketCalendar();

    private static long ny(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.of(LocalDateTime.of(y, mo, d, h, mi), MarketCalendar.NEW_YORK).toInstant().toEpochMilli();
    }

    @Test
    void forexClosesAtFiveOnFridayNewYorkTime() {
        // Friday 2026-11-20
        assertTrue(calendar.isOpen(TradePair.EURUSD, ny(2026, 11, 20, 16, 59)));
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(2026, 11, 20, 17, 1)));
        MarketStatus status = calendar.status(TradePair.EURUSD, ny(2026, 11, 20, 16, 59));
        assertEquals(ny(2026, 11, 20, 17, 0), status.nextCloseMs());
        assertEquals(ny(2026, 11, 22, 17, 0), status.nextOpenMs());
    }

    @Test
    void forexReopensSundayAtFive() {
        assertFalse(calendar.isOpen(TradePair.GBPUSD, ny(2026, 11, 22, 16, 59)));
        assertTrue(calendar.isOpen(TradePair.GBPUSD, ny(2026, 11, 22, 17, 0)));
        assertFalse(calendar.isOpen(TradePair.GBPUSD, ny(2026, 11, 21, 12, 0)));
    }

    @Test
    void goodFridayClosesForexAndNyse() {
        // Good Friday 2026 is April 3
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(2026, 4, 3, 10, 0)));
        assertFalse(calendar.isOpen(TradePair.AAPL, ny(2026, 4, 3, 10, 0)));
        assertTrue(calendar.isOpen(TradePair.EURUSD, ny(2026, 4, 2, 10, 0)));
        assertTrue(calendar.isOpen(TradePair.AAPL, ny(2026, 4, 2, 10, 0)));
        // forex reopens on Sunday evening after the holiday
        assertEquals(ny(2026, 4, 5, 17, 0), calendar.status(TradePair.EURUSD, ny(2026, 4, 3, 10, 0)).nextOpenMs());
    }

    @Test
    void christmasAndBoxingDayCloseForex() {
        // 2025-12-25 is a Thursday, 12-26 a Friday
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(2025, 12, 25, 12, 0)));
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(2025, 12, 26, 12, 0)));
        assertTrue(calendar.isOpen(TradePair.EURUSD, ny(2025, 12, 24, 12, 0)));
        assertFalse(calendar.isOpen(TradePair.MSFT, ny(2025, 12, 25, 12, 0)));
        // NYSE trades on Boxing Day
        assertTrue(calendar.isOpen(TradePair.MSFT, ny(2025, 12, 26, 12, 0)));
    }

    @Test
    void nyseObservesChristmasOnFridayWhenItFallsOnSaturday() {
        // 2021-12-25 was a Saturday: NYSE closed Friday 12-24
        assertTrue(calendar.isNyseHoliday(LocalDate.of(2021, 12, 24)));
        assertFalse(calendar.isOpen(TradePair.AAPL, ny(2021, 12, 24, 11, 0)));
    }

    @Test
    void nyseHalfDayClosesAtOne() {
        // day after Thanksgiving 2026: Friday November 27
        assertTrue(calendar.isNyseHalfDay(LocalDate.of(2026, 11, 27)));
        assertTrue(calendar.isOpen(TradePair.NVDA, ny(2026, 11, 27, 12, 59)));
        assertFalse(calendar.isOpen(TradePair.NVDA, ny(2026, 11, 27, 13, 0)));
        assertEquals(ny(2026, 11, 27, 13, 0), calendar.status(TradePair.NVDA, ny(2026, 11, 27, 10, 0)).nextCloseMs());
        // Thanksgiving itself is a holiday
        assertFalse(calendar.isOpen(TradePair.NVDA, ny(2026, 11, 26, 12, 0)));
    }

    @Test
    void equitiesRegularSession() {
        // Tuesday 2026-11-24
        assertFalse(calendar.isOpen(TradePair.AAPL, ny(2026, 11, 24, 9, 29)));
        assertTrue(calendar.isOpen(TradePair.AAPL, ny(2026, 11, 24, 9, 30)));
        assertTrue(calendar.isOpen(TradePair.AAPL, ny(2026, 11, 24, 15, 59)));
        assertFalse(calendar.isOpen(TradePair.AAPL, ny(2026, 11, 24, 16, 0)));
        MarketStatus closed = calendar.status(TradePair.AAPL, ny(2026, 11, 24, 17, 0));
        assertEquals(ny(2026, 11, 25, 9, 30), closed.nextOpenMs());
        assertEquals(ny(2026, 11, 25, 16, 0), closed.nextCloseMs());
    }

    @Test
    void dstSwitchWeekendKeepsNewYorkWallClock() {
        // US DST starts Sunday 2026-03-08: forex reopens at 17:00 EDT (21:00 UTC), not 22:00 UTC
        long reopen = calendar.status(TradePair.EURUSD, ny(2026, 3, 7, 12, 0)).nextOpenMs();
        assertEquals(ny(2026, 3, 8, 17, 0), reopen);
        assertEquals(21, Instant.ofEpochMilli(reopen).atZone(ZoneOffset.UTC).getHour());
        // DST ends Sunday 2026-11-01: reopen at 17:00 EST (22:00 UTC); the Friday before closed at 21:00 UTC
        long fallReopen = calendar.status(TradePair.EURUSD, ny(2026, 10, 31, 12, 0)).nextOpenMs();
        assertEquals(22, Instant.ofEpochMilli(fallReopen).atZone(ZoneOffset.UTC).getHour());
        long fridayClose = calendar.status(TradePair.EURUSD, ny(2026, 10, 30, 12, 0)).nextCloseMs();
        assertEquals(21, Instant.ofEpochMilli(fridayClose).atZone(ZoneOffset.UTC).getHour());
    }

    @Test
    void cryptoNeverCloses() {
        MarketStatus status = calendar.status(TradePair.BTCUSD, ny(2025, 12, 25, 12, 0));
        assertTrue(status.open());
        assertNull(status.nextOpenMs());
        assertNull(status.nextCloseMs());
    }

    @Test
    void europeanIndicesFollowTheirExchanges() {
        // 2026-11-24 10:00 London = 05:00 New York
        assertTrue(calendar.isOpen(TradePair.FTSE, ny(2026, 11, 24, 5, 0)));
        assertFalse(calendar.isOpen(TradePair.SPX, ny(2026, 11, 24, 5, 0)));
        // Easter Monday 2026-04-06: LSE and Xetra closed, NYSE open
        assertFalse(calendar.isOpen(TradePair.FTSE, ny(2026, 4, 6, 6, 0)));
        assertFalse(calendar.isOpen(TradePair.GDAXI, ny(2026, 4, 6, 6, 0)));
        assertTrue(calendar.isOpen(TradePair.SPX, ny(2026, 4, 6, 11, 0)));
    }
}
