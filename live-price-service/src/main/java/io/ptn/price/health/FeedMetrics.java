package io.ptn.price.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.price.feed.FeedSupervisor;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.StreamStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.Readiness;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The readiness check's view as gauges, for alerting rules (deploy/monitoring/alerts.yaml): whether the instance
 * is ready, open and fresh pairs, each provider's and each stream's state (one series per state, 1 for the current
 * one). Reads only what {@link PricesFreshReadiness} reads; one snapshot serves a whole scrape.
 */
@ApplicationScoped
public class FeedMetrics {

    /** A scrape reads some 50 gauges within milliseconds; one snapshot is reused for this long. */
    static final long SNAPSHOT_REUSE_MS = 1_000;

    private final PricesFreshReadiness readiness;
    private final FeedSupervisor supervisor;
    private final InstantSource clock;
    private volatile long snapshotAtMs = Long.MIN_VALUE;
    private volatile PricesFreshReadiness.Snapshot snapshot;
    private final List<Meter> registered = new ArrayList<>();
    private MeterRegistry registry;

    public FeedMetrics(@Readiness PricesFreshReadiness readiness, FeedSupervisor supervisor, InstantSource clock) {
        this.readiness = readiness;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    /** After the supervisor's own start observer (default priority), so its streams are known. */
    void register(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event,
                  MeterRegistry registry) {
        this.registry = registry;
        registered.add(Gauge.builder("price.ready", this, m -> m.snapshot().ready() ? 1 : 0).strongReference(true)
                .description("1 while the prices-fresh readiness check is UP").register(registry));
        registered.add(Gauge.builder("price.pairs.open", this, m -> m.snapshot().openPairs()).strongReference(true)
                .description("Enabled pairs whose market is open").register(registry));
        registered.add(Gauge.builder("price.pairs.fresh", this, m -> m.snapshot().freshPairs()).strongReference(true)
                .description("Open pairs with a streamed price within their staleness limit").register(registry));
        for (PricesFreshReadiness.ProviderView p : snapshot().providers()) {
            String name = p.name();
            for (ProviderState state : ProviderState.values()) {
                registered.add(Gauge.builder("price.provider.state", this,
                                m -> m.provider(name).state() == state ? 1 : 0)
                        .strongReference(true).tag("provider", name).tag("state", state.name())
                        .description("1 for the provider's current state (as in /q/health provider.<name>)")
                        .register(registry));
            }
            registered.add(Gauge.builder("price.provider.fresh.pairs", this, m -> m.provider(name).freshPairs())
                    .strongReference(true).tag("provider", name).register(registry));
            registered.add(Gauge.builder("price.provider.last.event.age", this,
                            m -> seconds(m.provider(name).lastEventAgeMs()))
                    .strongReference(true).tag("provider", name).baseUnit("seconds")
                    .description("Age of the provider's newest streamed event; NaN before the first")
                    .register(registry));
        }
        for (StreamStatus s : supervisor.status()) {
            String id = s.id();
            for (ProviderState state : ProviderState.values()) {
                registered.add(Gauge.builder("price.stream.state", this, m -> m.streamState(id) == state ? 1 : 0)
                        .strongReference(true).tag("provider", s.provider()).tag("stream", id)
                        .tag("state", state.name())
                        .description("1 for the stream's current state (as in /q/health stream.<id>)")
                        .register(registry));
            }
        }
    }

    /**
     * The registry outlives this bean (the global one, also across test restarts of the app): gauges left behind would
     * keep reading a stopped application, and a new registration of the same name would get the old gauge back.
     */
    void unregister(@Observes ShutdownEvent event) {
        if (registry != null) {
            registered.forEach(registry::remove);
        }
        registered.clear();
    }

    PricesFreshReadiness.Snapshot snapshot() {
        long now = clock.millis();
        PricesFreshReadiness.Snapshot s = snapshot;
        if (s == null || now - snapshotAtMs >= SNAPSHOT_REUSE_MS || now < snapshotAtMs) {
            s = readiness.snapshot();
            snapshot = s;
            snapshotAtMs = now;
        }
        return s;
    }

    private PricesFreshReadiness.ProviderView provider(String name) {
        for (PricesFreshReadiness.ProviderView p : snapshot().providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("provider " + name + " is no longer enabled");
    }

    private ProviderState streamState(String id) {
        for (StreamStatus s : supervisor.status()) {
            if (s.id().equals(id)) {
                return s.state();
            }
        }
        return ProviderState.STOPPED;
    }

    private static double seconds(long ms) {
        return ms < 0 ? Double.NaN : ms / 1000.0;
    }
}
