package io.ptn.price.feed.upstream;

import io.ptn.domain.PriceSource;

/**
 * Plausibility checks applied at parse time and to every REST answer before it is returned. They mirror what the
 * stream sink checks, so nothing a provider hands out can be NaN, zero, negative, crossed or from the future.
 */
public final class PriceChecks {

    /** Upstream clocks run a little ahead; anything further ahead than this is broken. */
    public static final long MAX_FUTURE_MS = 5_000;

    private PriceChecks() {
    }

    public static boolean positive(double v) {
        return Double.isFinite(v) && v > 0;
    }

    /** Null when the source is usable, otherwise why not. */
    public static String problem(PriceSource s, long nowMs) {
        if (!positive(s.open()) || !positive(s.close())) {
            return "price not a positive finite number";
        }
        if ((s.high() != null && !positive(s.high())) || (s.low() != null && !positive(s.low()))
                || (s.vwap() != null && !positive(s.vwap()))) {
            return "high/low/vwap not a positive finite number";
        }
        if (s.high() != null && s.low() != null && s.high() < s.low()) {
            return "high below low";
        }
        if (s.bid() != 0 || s.ask() != 0) {
            if (!positive(s.bid()) || !positive(s.ask())) {
                return "bid/ask not a positive finite number";
            }
            if (s.bid() > s.ask()) {
                return "bid above ask";
            }
        }
        if (s.startMs() <= 0) {
            return "missing timestamp";
        }
        if (s.startMs() > nowMs + MAX_FUTURE_MS) {
            return "timestamp in the future";
        }
        return null;
    }

    public static boolean valid(PriceSource s, long nowMs) {
        return problem(s, nowMs) == null;
    }
}
