package io.ptn.validator.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Validator settings; defaults live in application.properties, every key overridable by env var. */
@ConfigMapping(prefix = "validator")
public interface ValidatorConfig {

    /** Directory of {@code validator.db}. */
    @WithName("data-dir")
    String dataDir();

    Miners miners();

    Prices prices();

    Pairs pairs();

    Orders orders();

    Risk risk();

    Store store();

    Status status();

    interface Miners {
        /** {@code hotkey=sha256hex} entries. */
        Optional<List<String>> tokens();

        /** Same format, one entry per line ({@code #} comments allowed). */
        @WithName("tokens-file")
        Optional<String> tokensFile();
    }

    interface Prices {
        @WithName("max-age-ms")
        long maxAgeMs();

        @WithName("stream-enabled")
        boolean streamEnabled();

        @WithName("stream-backoff-initial-ms")
        long streamBackoffInitialMs();

        @WithName("stream-backoff-max-ms")
        long streamBackoffMaxMs();

        /** A stream silent this long (no tick, no keepalive) is dropped and reconnected. */
        @WithName("stream-idle-timeout-ms")
        long streamIdleTimeoutMs();
    }

    interface Pairs {
        /** Blocked pair ids; absent = the network's default set, {@code NONE} = nothing blocked. */
        Optional<List<String>> blocked();
    }

    interface Orders {
        @WithName("cooldown-ms")
        long cooldownMs();

        @WithName("portfolio-leverage-cap")
        double portfolioLeverageCap();

        /** Seconds put in Retry-After when no fresh price can be had. */
        @WithName("retry-after-s")
        int retryAfterS();

        /** How long a request waits for its batch to commit before answering 503. */
        @WithName("commit-timeout-ms")
        long commitTimeoutMs();
    }

    interface Risk {
        /** Scheduler interval ("60s"; "off" disables the schedule). */
        String interval();

        @WithName("max-drawdown")
        double maxDrawdown();
    }

    interface Store {
        /** Most orders written in one transaction. */
        @WithName("max-batch")
        int maxBatch();

        @WithName("queue-capacity")
        int queueCapacity();
    }

    interface Status {
        /** How often the status page's drawdown history takes a point per miner ("off" disables it). */
        @WithName("history-interval")
        String historyInterval();

        /** Points kept per miner (in memory; the history starts again at each start). */
        @WithName("history-points")
        int historyPoints();
    }
}
