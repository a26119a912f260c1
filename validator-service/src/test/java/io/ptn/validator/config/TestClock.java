package io.ptn.validator.config;

import java.time.Instant;
import java.time.InstantSource;

import jakarta.inject.Singleton;

/**
 * The application's clock in {@code @QuarkusTest}s (it replaces the default bean): the system clock shifted by an
 * offset a test sets, so a test can run "on a Saturday" while time still flows for timeouts and cooldowns. The
 * offset is static because test code (price stubs) and the application read it alike. Packaged-jar runs
 * ({@code *IT}) do not see this bean and run on the system clock.
 */
@Singleton
public class TestClock implements InstantSource {

    private static volatile long offsetMs;

    /** From now on the application's clock reads {@code t}, and moves on from there. */
    public static void startAt(Instant t) {
        offsetMs = t.toEpochMilli() - System.currentTimeMillis();
    }

    public static void advance(long ms) {
        offsetMs += ms;
    }

    public static void reset() {
        offsetMs = 0;
    }

    public static long nowMs() {
        return System.currentTimeMillis() + offsetMs;
    }

    @Override
    public long millis() {
        return nowMs();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs());
    }
}
