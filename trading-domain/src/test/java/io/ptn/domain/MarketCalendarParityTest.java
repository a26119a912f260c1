package io.ptn.domain;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Market hours as PTN computes them: the cases of PTN's tests/vali_tests/test_market_hours.py, and two tables of
 * figures produced by PTN's own calendar code (see the header of each file under src/test/resources/ptn/).
 */
class MarketCalendarParityTest {

    private static final long HALF_HOUR = 30 * 60_000L;

    private final MarketCalendar calendar = new MarketCalendar();

    private static long utc(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static long ny(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, MarketCalendar.NEW_YORK).toInstant().toEpochMilli();
    }

    // --- test_market_hours.py ---

    @Test
    void forexIsOpenAtNoonUtcOnAWednesday() { // test_forex_success
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 5, 3, 12, 0)));
    }

    @Test
    void equitiesAreOpenAtElevenNewYorkOnAWeekday() { // test_equities_success
        assertTrue(calendar.isOpen(TradePair.NVDA, utc(2024, 5, 3, 15, 0)));
    }

    @Test
    void forexIsClosedOnItsHolidays() { // test_forex_fail_holiday_weekend
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2023, 1, 1, 12, 0)), "New Year's Day (a Sunday)");
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2023, 4, 7, 12, 0)), "Good Friday");
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2023, 12, 25, 12, 0)), "Christmas Day");
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2023, 12, 26, 12, 0)), "Boxing Day");
    }

    @Test
    void forexIsOpenOnDaysThatAreNotItsHolidays() { // test_forex_success_holidays
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 7, 4, 15, 0)), "July 4th");
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 10, 31, 12, 0)), "Halloween");
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 2, 14, 12, 0)), "Valentine's Day");
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 3, 17, 12, 0)), "St. Patrick's Day");
    }

    @Test
    void equitiesAreClosedOnUsHolidays() { // test_equities_fail_holiday_weekend
        assertFalse(calendar.isOpen(TradePair.MSFT, utc(2023, 7, 4, 15, 0)));
        assertFalse(calendar.isOpen(TradePair.MSFT, utc(2023, 12, 25, 0, 0)));
        assertFalse(calendar.isOpen(TradePair.MSFT, utc(2024, 12, 25, 0, 0)));
    }

    @Test
    void cryptoIsOpenOnChristmas() { // test_crypto_success
        assertTrue(calendar.isOpen(TradePair.BTCUSD, utc(2023, 12, 25, 0, 0)));
    }

    @Test
    void forexClosesAtFivePmNewYorkOnFriday() { // test_forex_close_time_edge
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 5, 5, 20, 59)));
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2023, 5, 5, 21, 1)));
    }

    @Test
    void forexIsClosedOnNewYearsDayAndOpenTheDayAfter() { // test_forex_closed_on_major_holiday, test_forex_open_after_holidays
        assertFalse(calendar.isOpen(TradePair.EURUSD, utc(2024, 1, 1, 12, 0)));
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2024, 1, 2, 12, 0)));
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2024, 1, 2, 22, 1))); // test_forex_open_time_after_holiday
    }

    @Test
    void forexIsOpenOnChristmasEveningBeforeAMondayChristmas() { // test_forex_close_time_before_holiday
        // Sunday 2023-12-24 18:59 New York: the Sunday reopening happened, Christmas starts at midnight
        assertTrue(calendar.isOpen(TradePair.EURUSD, utc(2023, 12, 24, 23, 59)));
    }

    @Test
    void everyHalfHourOfAWeekInMay2023() { // test_weekly_market_half_hour_intervals
        long start = utc(2023, 5, 1, 0, 0); // a Monday; New York on EDT, so 17:00 NY = 21:00 UTC
        for (int i = 0; i < 336; i++) {
            long t = start + i * HALF_HOUR;
            OffsetDateTime u = Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC);
            DayOfWeek day = u.getDayOfWeek();
            int hour = u.getHour();
            boolean forexOpen = switch (day) {
                case FRIDAY -> hour < 21;
                case SATURDAY -> false;
                case SUNDAY -> hour >= 21;
                default -> true;
            };
            assertEquals(forexOpen, calendar.isOpen(TradePair.EURUSD, t), "EURUSD at " + u);
            boolean weekday = day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
            boolean equitiesOpen = weekday && hour >= 13 && hour < 20 && !(hour == 13 && u.getMinute() < 30);
            for (TradePair p : List.of(TradePair.MSFT, TradePair.NVDA, TradePair.GOOG, TradePair.AMZN)) {
                assertEquals(equitiesOpen, calendar.isOpen(p, t), p + " at " + u);
            }
        }
    }

    // --- observed forex holidays (the issue's examples) ---

    @Test
    void forexHolidaysOnAWeekendAreObservedOnTheNearestWeekday() {
        // 2021-12-25 and 2027-12-25 are Saturdays: Christmas closes the Friday before, Boxing Day the Monday after
        assertTrue(calendar.isForexHoliday(LocalDate.of(2021, 12, 24)));
        assertTrue(calendar.isForexHoliday(LocalDate.of(2021, 12, 27)));
        assertTrue(calendar.isForexHoliday(LocalDate.of(2027, 12, 24)));
        assertTrue(calendar.isForexHoliday(LocalDate.of(2027, 12, 27)));
        // a Saturday New Year's Day (2022, 2028) closes December 31 of the year before
        assertTrue(calendar.isForexHoliday(LocalDate.of(2021, 12, 31)));
        assertTrue(calendar.isForexHoliday(LocalDate.of(2027, 12, 31)));
        // a Sunday New Year's Day (2023) closes Monday January 2
        assertTrue(calendar.isForexHoliday(LocalDate.of(2023, 1, 2)));
        // 2022: Christmas on Sunday and Boxing Day on Monday both land on Monday the 26th; Tuesday trades
        assertTrue(calendar.isForexHoliday(LocalDate.of(2022, 12, 26)));
        assertFalse(calendar.isForexHoliday(LocalDate.of(2022, 12, 27)));
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(LocalDate.of(2021, 12, 24), LocalTime.NOON)));
        assertFalse(calendar.isOpen(TradePair.EURUSD, ny(LocalDate.of(2027, 12, 24), LocalTime.NOON)));
        // the Sunday reopening still happens before an observed Monday holiday, which then closes at midnight
        assertTrue(calendar.isOpen(TradePair.EURUSD, ny(LocalDate.of(2021, 12, 26), LocalTime.of(20, 0))));
        MarketStatus sunday = calendar.status(TradePair.EURUSD, ny(LocalDate.of(2021, 12, 26), LocalTime.of(20, 0)));
        assertEquals(ny(LocalDate.of(2021, 12, 27), LocalTime.MIDNIGHT), sunday.nextCloseMs());
        assertEquals(ny(LocalDate.of(2021, 12, 28), LocalTime.MIDNIGHT), sunday.nextOpenMs());
    }

    @Test
    void nyseDoesNotCloseDecember31ForASaturdayNewYear() {
        assertFalse(calendar.isNyseHoliday(LocalDate.of(2021, 12, 31)));
        assertTrue(calendar.isOpen(TradePair.AAPL, ny(LocalDate.of(2021, 12, 31), LocalTime.NOON)));
    }

    // --- tables of figures from PTN's code ---

    @Test
    void forexStateMatchesPtnOnEveryHalfHourFrom2020To2030() throws IOException {
        List<String[]> rows = table("/ptn/forex-transitions.csv");
        assertTrue(rows.size() > 1000, "the table was read");
        long first = utc(2020, 12, 1, 0, 0);
        long end = utc(2031, 1, 15, 0, 0);
        // state before the first listed change is the opposite of that change
        boolean state = !"open".equals(rows.get(0)[1]);
        int next = 0;
        int probed = 0;
        for (long t = first; t < end; t += HALF_HOUR) {
            if (next < rows.size() && t == Instant.parse(rows.get(next)[0].replace("Z", ":00Z")).toEpochMilli()) {
                state = "open".equals(rows.get(next)[1]);
                next++;
            }
            assertEquals(state, calendar.isOpen(TradePair.EURUSD, t), "forex at " + Instant.ofEpochMilli(t));
            probed++;
        }
        assertEquals(rows.size(), next, "every listed change is on the grid");
        assertTrue(probed > 170_000);
    }

    @Test
    void nyseSessionsMatchPtnCalendarFrom2021To2030() throws IOException {
        Map<LocalDate, String> exceptions = new HashMap<>();
        for (String[] row : table("/ptn/nyse-exceptions.csv")) {
            exceptions.put(LocalDate.parse(row[0]), row[1]);
        }
        assertTrue(exceptions.size() > 100, "the table was read");
        for (LocalDate d = LocalDate.of(2021, 1, 1); d.getYear() <= 2030; d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                assertFalse(calendar.isOpen(TradePair.MSFT, ny(d, LocalTime.NOON)), d.toString());
                continue;
            }
            String exception = exceptions.get(d);
            if ("closed".equals(exception)) {
                assertTrue(calendar.isNyseHoliday(d), d + " is a holiday");
                assertFalse(calendar.isOpen(TradePair.MSFT, ny(d, LocalTime.NOON)), d.toString());
                continue;
            }
            LocalTime close = exception == null ? LocalTime.of(16, 0) : LocalTime.parse(exception.substring("close ".length()));
            assertEquals(exception != null, calendar.isNyseHalfDay(d), d + " early close");
            assertFalse(calendar.isOpen(TradePair.MSFT, ny(d, LocalTime.of(9, 29))), d + " before the open");
            assertTrue(calendar.isOpen(TradePair.MSFT, ny(d, LocalTime.of(9, 30))), d + " at the open");
            assertTrue(calendar.isOpen(TradePair.MSFT, ny(d, close.minusMinutes(1))), d + " before the close");
            assertFalse(calendar.isOpen(TradePair.MSFT, ny(d, close)), d + " at the close");
        }
    }

    private static List<String[]> table(String path) throws IOException {
        InputStream in = MarketCalendarParityTest.class.getResourceAsStream(path);
        assertNotNull(in, path);
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }
}
