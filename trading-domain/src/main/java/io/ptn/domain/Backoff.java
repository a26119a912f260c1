package io.ptn.domain;

import java.time.Duration;

/**
 * A reconnect backoff: retry {@code n} (0 = the first after a success) waits {@code initial × multiplier^n}, capped at
 * {@code max}, spread by ±{@code jitter} of itself so that clients dropped together do not all come back together.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be >= 1, got " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1], got " + jitter);
        }
    }

    /** The delay before retry {@code attempt}, without jitter. */
    public Duration base(int attempt) {
        double ms = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt));
        return ms >= max.toMillis() ? max : Duration.ofMillis((long) ms);
    }

    /** {@link #base} moved by up to ±jitter of itself, never beyond {@code max}; {@code random} in [0, 1) picks where. */
    public Duration delay(int attempt, double random) {
        long base = base(attempt).toMillis();
        long spread = (long) (base * (1 - jitter + 2 * jitter * random));
        return Duration.ofMillis(Math.min(max.toMillis(), spread));
    }
}
