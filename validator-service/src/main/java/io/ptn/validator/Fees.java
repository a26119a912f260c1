package io.ptn.validator;

import java.util.List;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * Spread and carry fees as PTN computes them ({@code position.py}: {@code get_spread_fee},
 * {@code get_cumulative_leverage}, {@code crypto_carry_fee}, {@code forex_indices_carry_fee}, {@code get_carry_fee},
 * {@code max_leverage_seen_in_interval}, {@code calculate_return_with_fees}; {@code time_util.py}: the interval
 * counters). The carry fee is a product of per-interval factors {@code rate ^ max leverage seen in the interval}.
 */
public final class Fees {

    /** exp(ln(1 - 0.1095) / (365 * 3)): 10.95 %/yr at 1x, three intervals a day (PTN's value, bit for bit). */
    public static final double CRYPTO_CARRY_FEE_PER_INTERVAL = 0.9998940949450921;
    /** exp(ln(1 - 0.03) / 365): 3 %/yr at 1x, daily. */
    public static final double FOREX_CARRY_FEE_PER_INTERVAL = 0.9999165535983249;
    /** exp(ln(1 - 0.0525) / 365): 5.25 %/yr at 1x, daily; PTN applies it to equities too. */
    public static final double INDICES_CARRY_FEE_PER_INTERVAL = 0.9998522620320668;
    /** Before it: one fee {@code 1 - fee rate x max leverage seen}, no carry. */
    public static final long FEE_V4_TIME_MS = 1713198680000L;
    /** Carry accrues from here (or the position's open, if later). */
    public static final long FEE_V6_TIME_MS = 1720843707000L;

    static final long MS_IN_8_HOURS = 28_800_000L;
    static final long MS_IN_24_HOURS = 86_400_000L;
    private static final long MS_IN_HOUR = 3_600_000L;

    /** A carry fee and the time it next changes. */
    public record Carry(double factor, long nextUpdateMs) {
    }

    private Fees() {
    }

    /** The fee factor a return is multiplied by at {@code t} (carry x spread; before fee V4 the old single fee). */
    public static double feeFactor(TradePair pair, long openMs, Long closeMs, List<PositionOrder> orders, long t) {
        if (t < FEE_V4_TIME_MS) {
            return 1.0 - pair.feeRate() * maxLeverageSeen(orders);
        }
        return carry(pair, openMs, closeMs, orders, t).factor() * spreadFee(pair, orders);
    }

    public static double feeFactor(Position p, long t) {
        return feeFactor(p.tradePair(), p.openMs(), p.closeMs(), p.orders(), t);
    }

    /** Crypto only: {@code 1 - 0.001 x cumulative leverage}; 1 for every other category. */
    public static double spreadFee(TradePair pair, List<PositionOrder> orders) {
        if (pair.category() != TradePairCategory.CRYPTO) {
            return 1.0;
        }
        return 1.0 - (cumulativeLeverage(orders) * .001);
    }

    /** Sum of the leverage changes up to and including the close (explicit FLAT, reaching 0, or a sign change). */
    public static double cumulativeLeverage(List<PositionOrder> orders) {
        double current = 0.0;
        double cumulative = 0.0;
        for (PositionOrder o : orders) {
            if (o.orderType() == OrderType.FLAT) {
                cumulative += Math.abs(current);
                break;
            }
            double prev = current;
            current += o.leverage();
            if (current == 0.0 || flipped(prev, current)) {
                cumulative += Math.abs(prev);
                break;
            }
            cumulative += Math.abs(current - prev);
        }
        return cumulative;
    }

    static boolean flipped(double prev, double cur) {
        return prev * cur < 0 || prev != 0 && cur == 0;
    }

    /** The largest |net leverage| the position reached. */
    public static double maxLeverageSeen(List<PositionOrder> orders) {
        return scan(orders, null);
    }

    /**
     * The largest |net leverage| held at any point of [startMs, endMs] (inclusive); throws where PTN raises (an
     * interval before the first order, reversed or negative bounds, after the close).
     */
    public static double maxLeverageSeenInInterval(long openMs, Long closeMs, List<PositionOrder> orders, long startMs,
            long endMs) {
        if (startMs > endMs) {
            throw new IllegalArgumentException("start_ms " + startMs + " is greater than end_ms " + endMs);
        }
        if (endMs < openMs) {
            throw new IllegalArgumentException("end_ms " + endMs + " is less than open_ms " + openMs);
        }
        if (endMs < 0 || startMs < 0) {
            throw new IllegalArgumentException("start_ms " + startMs + " or end_ms " + endMs + " is less than 0");
        }
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("no orders in position");
        }
        if (orders.get(0).processedMs() > endMs) {
            throw new IllegalArgumentException("first order is after end_ms " + endMs);
        }
        if (closeMs != null && startMs > closeMs) {
            throw new IllegalArgumentException("position closed before interval start_ms " + startMs);
        }
        double[] interval = { startMs, endMs, Double.NEGATIVE_INFINITY };
        scan(orders, interval);
        double max = interval[2];
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("unable to find max leverage in interval");
        }
        if (!(max > 0)) {
            throw new IllegalStateException("max leverage in interval is " + max);
        }
        return max;
    }

    public static double maxLeverageSeenInInterval(Position p, long startMs, long endMs) {
        return maxLeverageSeenInInterval(p.openMs(), p.closeMs(), p.orders(), startMs, endMs);
    }

    /** PTN {@code max_leverage_seen}: one pass that also fills interval[2] when an interval is given. */
    private static double scan(List<PositionOrder> orders, double[] interval) {
        double max = 0;
        double current = 0;
        boolean stop = false;
        for (PositionOrder o : orders) {
            if (stop) {
                break;
            }
            double prev = current;
            current += o.leverage();
            if (o.orderType() == OrderType.FLAT || flipped(prev, current)) {
                stop = true;
                current = 0;
            }
            if (Math.abs(current) > max) {
                max = Math.abs(current);
            }
            if (interval != null) {
                long ms = o.processedMs();
                if (ms < interval[0]) {
                    continue;
                } else if (ms == interval[0]) {
                    interval[2] = Math.max(Math.abs(current), interval[2]);
                } else if (ms <= interval[1]) {
                    interval[2] = Math.max(Math.max(Math.abs(current), interval[2]), Math.abs(prev));
                } else {
                    interval[2] = Math.max(Math.abs(prev), interval[2]);
                    stop = true;
                }
            }
        }
        if (interval != null && interval[2] == Double.NEGATIVE_INFINITY) {
            interval[2] = Math.abs(current); // last order before the interval: the leverage then held
        }
        return max;
    }

    /** PTN {@code get_carry_fee}. */
    public static Carry carry(TradePair pair, long openMs, Long closeMs, List<PositionOrder> orders, long t) {
        if (closeMs != null && t > closeMs) {
            t = closeMs;
        }
        long start = Math.max(FEE_V6_TIME_MS, openMs);
        if (t < start) {
            long delta = pair.category() == TradePairCategory.CRYPTO ? MS_IN_8_HOURS : MS_IN_24_HOURS;
            return new Carry(1.0, Math.min(t + delta, start));
        }
        return pair.category() == TradePairCategory.CRYPTO
                ? cryptoCarry(openMs, closeMs, orders, start, t)
                : dailyCarry(pair, openMs, closeMs, orders, start, t);
    }

    public static Carry carry(Position p, long t) {
        return carry(p.tradePair(), p.openMs(), p.closeMs(), p.orders(), t);
    }

    /** Intervals end at 04:00, 12:00 and 20:00 UTC. */
    private static Carry cryptoCarry(long openMs, Long closeMs, List<PositionOrder> orders, long start, long t) {
        long elapsed = t - start;
        long n = Math.floorDiv(elapsed, MS_IN_8_HOURS);
        if (Math.floorMod(elapsed, MS_IN_8_HOURS) >= msToNextCryptoInterval(start)) {
            n++;
        }
        long untilNext = msToNextCryptoInterval(t);
        double product = 1.0;
        long s = start;
        // sic: PTN ends the first interval at start + (time from t to its next boundary), then steps 8 h
        long e = s + untilNext;
        for (long k = 0; k < n; k++) {
            if (k != 0) {
                s = e;
                e = s + MS_IN_8_HOURS;
            }
            product *= Math.pow(CRYPTO_CARRY_FEE_PER_INTERVAL, maxLeverageSeenInInterval(openMs, closeMs, orders, s, e));
        }
        return new Carry(product, t + untilNext);
    }

    /** Forex, indices, equities: intervals end at 21:00 UTC; none on Saturday or Sunday, Wednesday's cubed. */
    private static Carry dailyCarry(TradePair pair, long openMs, Long closeMs, List<PositionOrder> orders, long start,
            long t) {
        long elapsed = t - start;
        long n = Math.floorDiv(elapsed, MS_IN_24_HOURS);
        if (Math.floorMod(elapsed, MS_IN_24_HOURS) >= msToNextDailyInterval(start)) {
            n++;
        }
        long untilNext = msToNextDailyInterval(t);
        double rate = pair.category() == TradePairCategory.FOREX ? FOREX_CARRY_FEE_PER_INTERVAL
                : INDICES_CARRY_FEE_PER_INTERVAL;
        double product = 1.0;
        long s = start;
        long e = s + untilNext;
        for (long k = 0; k < n; k++) {
            if (k != 0) {
                // sic: PTN steps 8 h here although the intervals are daily; followed for parity (docs/domain.md)
                s = e;
                e = s + MS_IN_8_HOURS;
            }
            int day = dayOfWeek(e);
            if (day == 5 || day == 6) {
                continue;
            }
            double fee = 1.0;
            fee *= Math.pow(rate, maxLeverageSeenInInterval(openMs, closeMs, orders, s, e));
            if (day == 2) {
                fee = Math.pow(fee, 3);
            }
            product *= fee;
        }
        return new Carry(product, t + untilNext);
    }

    /** Monday 0 ... Sunday 6, UTC. */
    static int dayOfWeek(long ms) {
        return (int) Math.floorMod(Math.floorDiv(ms, MS_IN_24_HOURS) + 3, 7L);
    }

    /** Milliseconds from t to the next 04/12/20 UTC boundary (a boundary itself counts as the start of 8 h). */
    static long msToNextCryptoInterval(long t) {
        long msOfDay = Math.floorMod(t, MS_IN_24_HOURS);
        long dayStart = t - msOfDay;
        long hour = msOfDay / MS_IN_HOUR;
        long next;
        if (hour < 4) {
            next = dayStart + 4 * MS_IN_HOUR;
        } else if (hour < 12) {
            next = dayStart + 12 * MS_IN_HOUR;
        } else if (hour < 20) {
            next = dayStart + 20 * MS_IN_HOUR;
        } else {
            next = dayStart + MS_IN_24_HOURS + 4 * MS_IN_HOUR;
        }
        return pythonDeltaMs(next - t);
    }

    /** Milliseconds from t to the next 21:00 UTC. */
    static long msToNextDailyInterval(long t) {
        long msOfDay = Math.floorMod(t, MS_IN_24_HOURS);
        long dayStart = t - msOfDay;
        long hour = msOfDay / MS_IN_HOUR;
        long next = hour < 21 ? dayStart + 21 * MS_IN_HOUR : dayStart + MS_IN_24_HOURS + 21 * MS_IN_HOUR;
        return pythonDeltaMs(next - t);
    }

    /**
     * PTN takes {@code int(timedelta.total_seconds() * 1000)}: seconds as a double, times 1000, truncated. That can be
     * 1 ms short of the exact difference (e.g. 0.001 s x 1000 < 1); reproduced so interval counts and boundaries match.
     */
    static long pythonDeltaMs(long exactMs) {
        double seconds = (double) (exactMs * 1000) / 1e6;
        return (long) (seconds * 1000);
    }
}
