package io.ptn.support;

import java.time.InstantSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.ptn.domain.MarketCalendar;
import io.quarkus.arc.DefaultBean;

/**
 * The one clock and the one market calendar of a service. Service and domain code read time only from the injected
 * {@link InstantSource}, so tests can set it (a test bean of that type replaces this default).
 */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }

    /* One instance so the per-year holiday caches are shared by every caller. */
    @Produces
    @Singleton
    MarketCalendar marketCalendar() {
        return new MarketCalendar();
    }
}
