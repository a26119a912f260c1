package io.ptn.validator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Validator settings, every key overridable by env var. A default is the {@code @WithDefault} here, except for the
 * three keys that {@code ${...}} expressions read (the datasource URL, the two schedules): theirs are in
 * application.properties, where those expressions resolve them.
 */
@ConfigMapping(prefix = "validator")
public interface ValidatorConfig {

    /** Directory of {@code validator.db} (default in application.properties: the datasource URL names it). */
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
        Optional<String> tokensFile();
    }

    interface Prices {
        /** A cached or HTTP price older than this is never traded on. */
        @WithDefault("30s")
        Duration maxAge();

        /** The SSE price cache; false = every order prices over HTTP. */
        @WithDefault("true")
        boolean streamEnabled();

        /** Reconnects to a sibling service in the same cluster: cheap, and the cache must be live ~1 s after it is back. */
        @WithDefault("250ms")
        Duration streamBackoffInitial();

        @WithDefault("1s")
        Duration streamBackoffMax();

        /** A stream silent this long (no tick, no keepalive) is dropped and reconnected. */
        @WithDefault("15s")
        Duration streamIdleTimeout();
    }

    interface Pairs {
        /** Blocked pair ids; absent = the network's default set, {@code NONE} = nothing blocked. */
        Optional<List<String>> blocked();
    }

    interface Orders {
        /** Per (miner, pair). */
        @WithDefault("10s")
        Duration cooldown();

        @WithDefault("10")
        double portfolioLeverageCap();

        /** Put in Retry-After (whole seconds) when no fresh price can be had. */
        @WithDefault("2s")
        Duration retryAfter();

        /** How long a request waits for its batch to commit before answering 503. */
        @WithDefault("5s")
        Duration commitTimeout();
    }

    interface Risk {
        /** Scheduler interval ("60s"; "off" disables the schedule); default in application.properties. */
        String interval();

        @WithDefault("0.10")
        double maxDrawdown();

        /**
         * Orders per store command when a round corrects fills (whole positions, so a command may hold a few more):
         * orders placed meanwhile wait behind one command, not behind the round's every correction. Smaller
         * commands keep orders' latency down while a round runs and make the round longer (docs/operations.md, "The
         * order tail").
         */
        @WithDefault("16")
        int correctionChunk();
    }

    interface Store {
        /** Most orders written in one transaction. */
        @WithDefault("512")
        int maxBatch();

        @WithDefault("20000")
        int queueCapacity();

        /**
         * WAL pages after which a commit also checkpoints (SQLite's {@code wal_autocheckpoint}, 1000 by default). The
         * checkpoint runs inside the commit that crosses the mark, so its size is the order path's tail; the
         * measurements are in docs/operations.md, "The order tail".
         */
        @WithDefault("100")
        int walCheckpointPages();

        /**
         * A commit longer than this is logged at WARN with its duration: the fsync waited for the disk, and so did
         * every order in its batch and behind it (docs/operations.md, "The order tail").
         */
        @WithDefault("100ms")
        Duration slowCommit();
    }

    interface Status {
        /**
         * How often the status page's drawdown history takes a point per miner ("off" disables it); default in
         * application.properties.
         */
        String historyInterval();

        /** Points kept per miner (in memory; the history starts again at each start). */
        @WithDefault("240")
        int historyPoints();
    }
}
