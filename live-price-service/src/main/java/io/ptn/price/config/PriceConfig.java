package io.ptn.price.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code price.*} key of docs/contract.md; the defaults are the {@code @WithDefault}s here and nowhere else. */
@ConfigMapping(prefix = "price")
public interface PriceConfig {

    /** Enabled providers by {@code PriceProvider.name()}, in priority order (the second one serves the close fallback). */
    List<String> providers();

    Pairs pairs();

    Staleness staleness();

    Selection selection();

    Buffer buffer();

    Supervisor supervisor();

    Simulated simulated();

    Readiness readiness();

    interface Pairs {
        /** Absent = every pair of the catalog. */
        Optional<List<String>> enabled();

        /** Absent = {@code TradePair.DEFAULT_BLOCKED}; {@code none} = nothing blocked. */
        Optional<List<String>> blocked();
    }

    /** An answer older than its category's limit is {@code stale:true}; an absent category uses the default. */
    interface Staleness {
        @WithName("default")
        @WithDefault("30s")
        Duration defaultLimit();

        Optional<Duration> crypto();

        Optional<Duration> forex();

        Optional<Duration> equities();

        Optional<Duration> indices();
    }

    interface Selection {
        /** A streamed event this close to the asked time answers without REST. */
        @WithDefault("8s")
        Duration recencyGate();

        /** Total time for the REST fallback over all providers. */
        @WithDefault("10s")
        Duration restBudget();

        /**
         * A closed market's REST answer serves later instants of the same closure for this long, instead of a
         * provider call per request; 0 asks every time.
         */
        @WithDefault("60s")
        Duration closedMarketReuse();
    }

    interface Buffer {
        /** How long streamed events stay in the buffer. */
        @WithDefault("5m")
        Duration window();

        /** Hard bound per (provider, pair) whatever the tick rate. */
        @WithDefault("4096")
        int maxEvents();
    }

    interface Supervisor {
        /** A stream silent this long while a market it carries is open is restarted. */
        @WithDefault("2m")
        Duration watchdog();

        @WithDefault("1s")
        Duration backoffInitial();

        @WithDefault("30s")
        Duration backoffMax();

        @WithDefault("1.5")
        double backoffMultiplier();

        /** How often the supervisor loop runs (heartbeat, watchdog). */
        @WithDefault("1s")
        Duration heartbeatInterval();

        /** Liveness fails when the heartbeat is older than this. */
        @WithDefault("30s")
        Duration heartbeatDeadline();
    }

    interface Simulated {
        @WithDefault("42")
        long seed();

        @WithDefault("4")
        int ticksPerSecond();
    }

    interface Readiness {
        @WithDefault("0.8")
        double minFreshFraction();
    }
}
