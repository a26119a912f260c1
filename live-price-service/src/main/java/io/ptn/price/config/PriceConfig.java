package io.ptn.price.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Every {@code price.*} key of docs/contract.md; defaults live in application.properties. */
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

    interface Staleness {
        @WithDefault("30000")
        long defaultMs();

        OptionalLong cryptoMs();

        OptionalLong forexMs();

        OptionalLong equitiesMs();

        OptionalLong indicesMs();
    }

    interface Selection {
        @WithDefault("8000")
        long recencyGateMs();

        @WithDefault("10000")
        long restBudgetMs();
    }

    interface Buffer {
        @WithDefault("300000")
        long windowMs();

        /** Hard bound per (provider, pair) whatever the tick rate. */
        @WithDefault("4096")
        int maxEvents();
    }

    interface Supervisor {
        @WithDefault("120000")
        long watchdogMs();

        @WithDefault("1000")
        long backoffInitialMs();

        @WithDefault("30000")
        long backoffMaxMs();

        @WithDefault("1.5")
        double backoffMultiplier();

        /** How often the supervisor loop runs (heartbeat, watchdog). */
        @WithDefault("1000")
        long heartbeatIntervalMs();

        /** Liveness fails when the heartbeat is older than this. */
        @WithDefault("30000")
        long heartbeatDeadlineMs();
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
