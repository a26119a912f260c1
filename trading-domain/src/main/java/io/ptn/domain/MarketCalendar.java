package io.ptn.domain;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Market hours per venue. Exchange holidays come from jollyday's calendars; the NYSE early closes and the
 * forex observance rule (neither modelled by jollyday) are computed here. Thread-safe; holiday sets are cached per
 * year.
 *
 * <p>Forex follows PTN's {@code ForexHolidayCalendar} (time_util.py): closed Friday 17:00 to Sunday 17:00 New York
 * and for the whole New York day of New Year's Day, Good Friday, Christmas Day and Boxing Day, each fixed-date one
 * observed on the nearest weekday (Saturday to the Friday before, Sunday to the Monday after). So a Saturday New
 * Year's Day closes the Friday before, December 31 of the previous year (2021-12-31, 2027-12-31).
 */
public final class MarketCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime FOREX_ROLL = LocalTime.of(17, 0);
    private static final LocalTime NYSE_EARLY_CLOSE = LocalTime.of(13, 0);
    /** State changes are searched this far ahead; no venue is closed longer (longest: a holiday weekend). */
    private static final int SEARCH_DAYS = 20;

    private static final Set<String> FOREX_HOLIDAY_KEYS =
            Set.of("NEW_YEAR", "christian.GOOD_FRIDAY", "FIRST_CHRISTMAS_DAY", "SECOND_CHRISTMAS_DAY");
    /** The forex holidays on a fixed date; PTN observes these on the nearest weekday (Good Friday never moves). */
    private static final Set<String> FOREX_OBSERVED_KEYS =
            Set.of("NEW_YEAR", "FIRST_CHRISTMAS_DAY", "SECOND_CHRISTMAS_DAY");
    private static final Set<String> XETRA_HOLIDAY_KEYS = Set.of("NEW_YEAR", "christian.GOOD_FRIDAY",
            "christian.EASTER_MONDAY", "LABOUR_DAY", "FIRST_CHRISTMAS_DAY", "SECOND_CHRISTMAS_DAY");

    /*
     * jollyday lists a Saturday New Year's Day moved to December 31 under the next year; keeping each year's own
     * dates only leaves that Friday a trading day, as NYSE (and pandas_market_calendars, which PTN uses) has it.
     */
    private final HolidaySet nyse = new HolidaySet(HolidayCalendar.NYSE, h -> true, MarketCalendar::asListed, false);
    /* LSE closes on England's bank holidays (Easter Monday is regional in jollyday, so ask for England). */
    private final HolidaySet uk = new HolidaySet(HolidayCalendar.UNITED_KINGDOM, h -> true, MarketCalendar::asListed,
            false, "eng");
    /*
     * Germany's calendar has exactly the four forex holidays, on their actual dates, among its keys; the observance
     * is applied here, and next year's New Year's Day can fall on this year's December 31.
     */
    private final HolidaySet forex = new HolidaySet(HolidayCalendar.GERMANY,
            h -> FOREX_HOLIDAY_KEYS.contains(h.getPropertiesKey()), MarketCalendar::forexObserved, true);
    private final HolidaySet xetra = new HolidaySet(HolidayCalendar.GERMANY,
            h -> XETRA_HOLIDAY_KEYS.contains(h.getPropertiesKey()), MarketCalendar::asListed, false);

    public boolean isOpen(TradePair pair, long epochMs) {
        return isOpen(pair.venue(), epochMs);
    }

    public MarketStatus status(TradePair pair, long epochMs) {
        Venue venue = pair.venue();
        boolean open = isOpen(venue, epochMs);
        if (venue == Venue.CRYPTO) {
            return new MarketStatus(pair.id(), epochMs, true, null, null);
        }
        Long firstChange = nextChange(venue, epochMs, open);
        Long secondChange = firstChange == null ? null : nextChange(venue, firstChange, !open);
        return open
                ? new MarketStatus(pair.id(), epochMs, true, secondChange, firstChange)
                : new MarketStatus(pair.id(), epochMs, false, firstChange, secondChange);
    }

    public boolean isOpen(Venue venue, long epochMs) {
        Instant instant = Instant.ofEpochMilli(epochMs);
        return switch (venue) {
            case CRYPTO -> true;
            case FOREX -> forexOpen(instant.atZone(NEW_YORK));
            case NYSE, CBOE -> sessionOpen(instant.atZone(NEW_YORK), LocalTime.of(9, 30), nyseClose(instant.atZone(NEW_YORK).toLocalDate()), nyse);
            case LSE -> sessionOpen(instant.atZone(LONDON), LocalTime.of(8, 0), LocalTime.of(16, 30), uk);
            case XETRA -> sessionOpen(instant.atZone(BERLIN), LocalTime.of(9, 0), LocalTime.of(17, 30), xetra);
        };
    }

    /** True when NYSE closes early (13:00) on that New York date: July 3, the day after Thanksgiving, December 24. */
    public boolean isNyseHalfDay(LocalDate date) {
        if (!isWeekday(date) || nyse.contains(date)) {
            return false;
        }
        LocalDate thanksgiving = LocalDate.of(date.getYear(), Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        return date.equals(thanksgiving.plusDays(1))
                || (date.getMonth() == Month.JULY && date.getDayOfMonth() == 3)
                || (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() == 24);
    }

    public boolean isNyseHoliday(LocalDate date) {
        return nyse.contains(date);
    }

    /** True when the forex market is closed for the whole New York day {@code date} (after observance). */
    public boolean isForexHoliday(LocalDate date) {
        return forex.contains(date);
    }

    private LocalTime nyseClose(LocalDate date) {
        return isNyseHalfDay(date) ? NYSE_EARLY_CLOSE : LocalTime.of(16, 0);
    }

    private boolean forexOpen(ZonedDateTime ny) {
        if (forex.contains(ny.toLocalDate())) {
            return false;
        }
        LocalTime time = ny.toLocalTime();
        return switch (ny.getDayOfWeek()) {
            case SATURDAY -> false;
            case FRIDAY -> time.isBefore(FOREX_ROLL);
            case SUNDAY -> !time.isBefore(FOREX_ROLL);
            default -> true;
        };
    }

    private static boolean sessionOpen(ZonedDateTime local, LocalTime open, LocalTime close, HolidaySet holidays) {
        LocalDate date = local.toLocalDate();
        if (!isWeekday(date) || holidays.contains(date)) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(open) && time.isBefore(close);
    }

    private static boolean isWeekday(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The first instant after {@code fromMs} at which the venue is no longer {@code current}. State only changes on
     * a venue's boundary times (local midnight, open, close, early close), so only those are probed.
     */
    private Long nextChange(Venue venue, long fromMs, boolean current) {
        ZoneId zone = switch (venue) {
            case LSE -> LONDON;
            case XETRA -> BERLIN;
            default -> NEW_YORK;
        };
        LocalTime[] boundaries = switch (venue) {
            case FOREX -> new LocalTime[] {LocalTime.MIDNIGHT, FOREX_ROLL};
            case NYSE, CBOE -> new LocalTime[] {LocalTime.of(9, 30), NYSE_EARLY_CLOSE, LocalTime.of(16, 0)};
            case LSE -> new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(16, 30)};
            case XETRA -> new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(17, 30)};
            case CRYPTO -> new LocalTime[0];
        };
        LocalDate day = Instant.ofEpochMilli(fromMs).atZone(zone).toLocalDate();
        for (int d = 0; d <= SEARCH_DAYS; d++, day = day.plusDays(1)) {
            for (LocalTime boundary : boundaries) {
                // atZone resolves DST gaps forward and overlaps to the earlier offset, so every boundary is a real instant.
                long candidate = day.atTime(boundary).atZone(zone).toInstant().toEpochMilli();
                if (candidate > fromMs && isOpen(venue, candidate) != current) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The date jollyday gives (its own moving rules applied). */
    private static LocalDate asListed(Holiday h) {
        return Optional.ofNullable(h.getDate()).orElse(h.getActualDate());
    }

    /** PTN's forex observance: pandas' {@code nearest_workday} on the fixed-date holidays. */
    private static LocalDate forexObserved(Holiday h) {
        LocalDate actual = h.getActualDate();
        if (!FOREX_OBSERVED_KEYS.contains(h.getPropertiesKey())) {
            return actual;
        }
        return switch (actual.getDayOfWeek()) {
            case SATURDAY -> actual.minusDays(1);
            case SUNDAY -> actual.plusDays(1);
            default -> actual;
        };
    }

    /** One jollyday calendar, filtered, with its dates (as {@code dateOf} places them) cached per year. */
    private static final class HolidaySet {
        private final HolidayManager manager;
        private final Predicate<Holiday> filter;
        private final Function<Holiday, LocalDate> dateOf;
        /** Also take next year's holidays whose date lands in this year (a New Year's Day observed on Dec 31). */
        private final boolean nextYearSpills;
        private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

        private final String[] subdivision;

        HolidaySet(HolidayCalendar calendar, Predicate<Holiday> filter, Function<Holiday, LocalDate> dateOf,
                boolean nextYearSpills, String... subdivision) {
            this.manager = HolidayManager.getInstance(ManagerParameters.create(calendar));
            this.filter = filter;
            this.dateOf = dateOf;
            this.nextYearSpills = nextYearSpills;
            this.subdivision = subdivision;
        }

        boolean contains(LocalDate date) {
            return byYear.computeIfAbsent(date.getYear(), this::datesOf).contains(date);
        }

        private Set<LocalDate> datesOf(int year) {
            Stream<Holiday> listed = manager.getHolidays(Year.of(year), subdivision).stream();
            if (nextYearSpills) {
                listed = Stream.concat(listed, manager.getHolidays(Year.of(year + 1), subdivision).stream());
            }
            return listed.filter(filter)
                    .map(dateOf)
                    .filter(d -> d.getYear() == year)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
