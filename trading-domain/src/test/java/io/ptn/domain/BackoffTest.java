package io.ptn.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    @Test
    void growsByTheMultiplierUpToTheCap() {
        Backoff b = new Backoff(ms(1000), ms(30_000), 1.5, 0);
        assertEquals(ms(1000), b.base(0));
        assertEquals(ms(1500), b.base(1));
        assertEquals(ms(2250), b.base(2));
        assertEquals(ms(25_628), b.base(8));
        assertEquals(ms(30_000), b.base(9));
        assertEquals(ms(30_000), b.base(10_000), "no overflow past the cap");
        assertEquals(b.base(5), b.delay(5, 0.99), "no jitter: the delay is the base");
    }

    @Test
    void jitterSpreadsAroundTheBaseButNeverPastTheCap() {
        Backoff b = new Backoff(ms(100), ms(1000), 2, 0.2);
        assertEquals(ms(80), b.delay(0, 0));
        assertEquals(ms(100), b.delay(0, 0.5));
        assertEquals(ms(119), b.delay(0, 0.999));
        assertEquals(ms(800), b.delay(4, 0), "1000 capped, then 20% below");
        assertEquals(ms(1000), b.delay(4, 0.999), "the cap holds after jitter");
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ms(0), ms(10), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ms(20), ms(10), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ms(10), ms(20), 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ms(10), ms(20), Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ms(10), ms(20), 2, 1.5));
    }
}
