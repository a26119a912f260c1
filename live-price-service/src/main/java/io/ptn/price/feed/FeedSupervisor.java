package io.ptn.price.feed;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.Backoff;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs every stream of every enabled provider on its own: reconnect with exponential backoff and jitter, a
 * no-event watchdog per stream, slow retries after an auth refusal, and STANDBY (no reconnect before the time the
 * stream names, no watchdog) while the upstream lets another connection hold the key. All lifecycle work happens on one loop thread
 * that it owns; that loop also beats the heartbeat liveness checks, so a wedged loop is visible. Events are
 * validated on the stream's own thread before they reach the buffer.
 */
@ApplicationScoped
public class FeedSupervisor {

    static final long FUTURE_TOLERANCE_MS = 5_000;
    /** Reconnect delays are spread by ±20 % so the streams of one outage do not reconnect in lockstep. */
    static final double BACKOFF_JITTER = 0.2;

    private final ProviderRegistry providers;
    private final EventBuffer buffer;
    private final TickBroadcaster broadcaster;
    private final MeterRegistry registry;
    private final MarketCalendar calendar;
    private final PriceConfig.Supervisor cfg;
    private final Backoff backoff;
    private final List<Handle> handles = new CopyOnWriteArrayList<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> ticks = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> lag = new ConcurrentHashMap<>();
    private volatile long heartbeatMs;
    private volatile boolean stopping;
    private ScheduledExecutorService loop;

    private final InstantSource clock;

    public FeedSupervisor(ProviderRegistry providers, EventBuffer buffer, TickBroadcaster broadcaster,
                          MeterRegistry registry, PriceConfig config, InstantSource clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.clock = clock;
        this.heartbeatMs = clock.millis();
        this.providers = providers;
        this.buffer = buffer;
        this.broadcaster = broadcaster;
        this.registry = registry;
        this.cfg = config.supervisor();
        this.backoff = new Backoff(cfg.backoffInitial(), cfg.backoffMax(), cfg.backoffMultiplier(), BACKOFF_JITTER);
    }

    void onStart(@Observes StartupEvent event) {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "price-feed-supervisor");
            t.setDaemon(true);
            return t;
        });
        for (PriceProvider provider : providers.enabled()) {
            for (PriceStream stream : provider.streams()) {
                handles.add(new Handle(stream));
            }
        }
        Log.infof("Supervising %d stream(s) of provider(s) %s", handles.size(),
                providers.enabled().stream().map(PriceProvider::name).toList());
        heartbeatMs = clock.millis();
        for (Handle h : handles) {
            loop.execute(() -> start(h));
        }
        long interval = cfg.heartbeatInterval().toMillis();
        loop.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (loop != null) {
            loop.shutdownNow();
        }
        for (Handle h : handles) {
            h.generation++;
            h.state = ProviderState.STOPPED;
            try {
                h.stream.stop();
            } catch (RuntimeException e) {
                Log.warnf(e, "Stopping stream %s failed", h.stream.id());
            }
        }
    }

    /** Per-stream state for health and operators. */
    public List<StreamStatus> status() {
        long now = clock.millis();
        List<StreamStatus> list = new ArrayList<>(handles.size());
        for (Handle h : handles) {
            long last = h.lastEventMs;
            list.add(new StreamStatus(h.stream.id(), h.stream.provider(), h.state, last, last == 0 ? -1 : now - last,
                    h.reconnects.get(), h.failures, backoff.base(h.backoffAttempt).toMillis(), h.lastError,
                    h.state == ProviderState.STANDBY ? h.standbyUntilMs : 0));
        }
        return Collections.unmodifiableList(list);
    }

    /** Time of the supervisor loop's last turn. */
    public long heartbeatMs() {
        return heartbeatMs;
    }

    public long heartbeatDeadlineMs() {
        return cfg.heartbeatDeadline().toMillis();
    }

    /** Runs a task on the supervisor loop (tests use it to wedge the loop and watch liveness fail). */
    public void submit(Runnable task) {
        loop.execute(task);
    }

    private void tick() {
        long now = clock.millis();
        heartbeatMs = now;
        for (Handle h : handles) {
            // a STANDBY stream is deliberately quiet: only CONNECTED/STARTING streams are watched
            boolean running = h.state == ProviderState.CONNECTED || h.state == ProviderState.STARTING;
            long quietSince = Math.max(h.lastEventMs, h.startedAtMs);
            if (running && h.pendingRestart == null && now - quietSince > cfg.watchdog().toMillis() && anyMarketOpen(h, now)) {
                Log.warnf("Stream %s sent no event for %d ms; restarting it", h.stream.id(), now - quietSince);
                fail(h, h.generation, "no event for " + (now - quietSince) + " ms", null, false);
            }
        }
    }

    private boolean anyMarketOpen(Handle h, long now) {
        for (TradePair p : h.pairs) {
            if (calendar.isOpen(p, now)) {
                return true;
            }
        }
        return false;
    }

    /** On the loop thread. */
    private void start(Handle h) {
        if (stopping) {
            return;
        }
        h.pendingRestart = null;
        int gen = ++h.generation;
        if (h.state != ProviderState.UNAUTHORIZED && h.state != ProviderState.DEGRADED) {
            h.state = ProviderState.STARTING; // also after STANDBY: the hold is over, we try again
        }
        h.standbyUntilMs = 0;
        h.startedAtMs = clock.millis();
        try {
            h.stream.start(new Sink(h, gen));
        } catch (Exception e) {
            fail(h, gen, "start failed: " + e.getMessage(), e, false);
        }
    }

    /**
     * On the loop thread: stops the current connection of {@code h} and moves it to a new generation, so late
     * callbacks of the old one are ignored. False when {@code gen} is already stale or a restart is pending.
     */
    private boolean retire(Handle h, int gen) {
        if (stopping || gen != h.generation || h.pendingRestart != null) {
            return false;
        }
        h.generation++;
        try {
            h.stream.stop();
        } catch (RuntimeException e) {
            Log.debugf(e, "Stopping stream %s failed", h.stream.id());
        }
        return true;
    }

    /** On the loop thread: stop the stream and schedule its restart; stale generations are ignored. */
    private void fail(Handle h, int gen, String reason, Throwable cause, boolean unauthorized) {
        if (!retire(h, gen)) {
            return;
        }
        h.failures++;
        h.lastError = reason;
        h.reconnects.incrementAndGet();
        h.reconnectCounter.increment();
        long delay;
        if (unauthorized) {
            h.state = ProviderState.UNAUTHORIZED;
            delay = backoff.max().toMillis();
        } else {
            h.state = ProviderState.DEGRADED;
            delay = backoff.delay(h.backoffAttempt, ThreadLocalRandom.current().nextDouble()).toMillis();
            h.backoffAttempt++;
        }
        Log.warnf(cause, "Stream %s %s: %s; reconnect in %d ms", h.stream.id(), h.state, reason, delay);
        h.pendingRestart = loop.schedule(() -> start(h), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * On the loop thread: the upstream holds this key's connection elsewhere. Not a failure (no backoff growth); the
     * stream is stopped and started again only once {@code untilMs} has passed.
     */
    private void standby(Handle h, int gen, long untilMs, String reason) {
        if (!retire(h, gen)) {
            return;
        }
        long now = clock.millis();
        // an untilMs already past (a stream on another clock) must not turn into an immediate-retry loop
        long delay = untilMs > now ? untilMs - now : backoff.max().toMillis();
        h.state = ProviderState.STANDBY;
        h.standbyUntilMs = now + delay;
        h.lastError = reason;
        h.failures = 0;
        h.backoffAttempt = 0;
        Log.warnf("Stream %s STANDBY: %s; next connection attempt in %d ms", h.stream.id(), reason, delay);
        h.pendingRestart = loop.schedule(() -> start(h), delay, TimeUnit.MILLISECONDS);
    }

    private void onLoop(Runnable r) {
        if (!stopping) {
            try {
                loop.execute(r);
            } catch (RuntimeException e) {
                Log.debug("Supervisor loop rejected a task during shutdown");
            }
        }
    }

    private void reject(String provider, String reason) {
        rejected.computeIfAbsent(provider + '|' + reason, k -> Counter.builder("price.events.rejected")
                .description("Streamed events dropped by validation")
                .tag("provider", provider).tag("reason", reason).register(registry)).increment();
    }

    private final class Handle {
        final PriceStream stream;
        final Set<TradePair> pairs;
        final AtomicLong reconnects = new AtomicLong();
        final Counter reconnectCounter;
        volatile ProviderState state = ProviderState.STARTING;
        volatile long lastEventMs;
        volatile long startedAtMs;
        volatile int failures;
        /** Failures since the last event that grow the backoff (auth refusals retry at the cap instead). */
        volatile int backoffAttempt;
        volatile String lastError;
        volatile long standbyUntilMs;
        volatile int generation;
        volatile ScheduledFuture<?> pendingRestart;

        Handle(PriceStream stream) {
            this.stream = stream;
            Set<TradePair> p = stream.pairs();
            this.pairs = p.isEmpty() ? EnumSet.noneOf(TradePair.class) : EnumSet.copyOf(p);
            this.reconnectCounter = Counter.builder("price.stream.reconnects").description("Stream restarts")
                    .tag("stream", stream.id()).tag("provider", stream.provider()).register(registry);
        }
    }

    /** The sink one start of one stream reports to; calls from an older start are ignored. */
    private final class Sink implements StreamSink {
        private final Handle h;
        private final int gen;
        private final String provider;
        private final Counter tickCounter;
        private final DistributionSummary lagSummary;

        Sink(Handle h, int gen) {
            this.h = h;
            this.gen = gen;
            this.provider = h.stream.provider();
            this.tickCounter = ticks.computeIfAbsent(provider, p -> Counter.builder("price.ticks")
                    .description("Accepted streamed events").tag("provider", p).register(registry));
            this.lagSummary = lag.computeIfAbsent(provider, p -> DistributionSummary.builder("price.tick.lag")
                    .description("Receipt time minus event time").baseUnit("ms").tag("provider", p).register(registry));
        }

        @Override
        public void onEvent(TradePair pair, PriceSource s) {
            if (gen != h.generation) {
                return;
            }
            long now = clock.millis();
            String reason = validate(pair, s, now);
            if (reason == null && !buffer.append(provider, pair, s)) {
                reason = "duplicate_time";
            }
            if (reason != null) {
                reject(provider, reason);
                return;
            }
            h.lastEventMs = now;
            if (h.state != ProviderState.CONNECTED || h.failures != 0) {
                h.state = ProviderState.CONNECTED;
                h.failures = 0;
                h.backoffAttempt = 0;
            }
            tickCounter.increment();
            lagSummary.record(Math.max(0, now - s.endMs()));
            broadcaster.publish(pair.id(), s.close(), s.bid(), s.ask(), s.endMs(), s.source());
        }

        private String validate(TradePair pair, PriceSource s, long now) {
            if (pair == null || s == null) {
                return "malformed";
            }
            if (!h.pairs.contains(pair)) {
                return "unexpected_pair";
            }
            if (!positive(s.open()) || !positive(s.close()) || !optionalPositive(s.high()) || !optionalPositive(s.low())
                    || !optionalPositive(s.vwap())) {
                return "bad_price";
            }
            if (!Double.isFinite(s.bid()) || !Double.isFinite(s.ask()) || s.bid() < 0 || s.ask() < 0) {
                return "bad_quote";
            }
            if (s.bid() > 0 && s.ask() > 0 && s.bid() > s.ask()) {
                return "crossed_quote";
            }
            // the end, not the start: it is the timestamp the SSE tick carries and consumers age it by
            if (s.endMs() > now + FUTURE_TOLERANCE_MS) {
                return "future";
            }
            if (s.endMs() < now - buffer.windowMs()) {
                return "too_old";
            }
            return null;
        }

        private static boolean positive(double v) {
            return Double.isFinite(v) && v > 0;
        }

        private static boolean optionalPositive(Double v) {
            return v == null || positive(v);
        }

        @Override
        public void onMalformed(String reason) {
            reject(provider, "malformed");
            Log.debugf("Malformed message on %s: %s", h.stream.id(), reason);
        }

        @Override
        public void onConnected() {
            onLoop(() -> {
                if (gen == h.generation) {
                    h.state = ProviderState.CONNECTED;
                    h.startedAtMs = clock.millis();
                }
            });
        }

        @Override
        public void onClosed(String reason, Throwable cause) {
            onLoop(() -> fail(h, gen, "closed: " + reason, cause, false));
        }

        @Override
        public void onUnauthorized(String reason) {
            onLoop(() -> fail(h, gen, "unauthorized: " + reason, null, true));
        }

        @Override
        public void onStandby(long untilMs, String reason) {
            onLoop(() -> standby(h, gen, untilMs, "standby: " + reason));
        }
    }
}
