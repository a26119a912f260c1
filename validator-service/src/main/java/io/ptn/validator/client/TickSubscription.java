package io.ptn.validator.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.Backoff;
import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Keeps the price cache fed from the price service's SSE stream ({@link LivePriceApi#stream()}). One subscription
 * for the bean's lifetime: a stream that fails, ends, or stays silent for the idle timeout (the service sends a
 * keepalive every 5 s) is subscribed again after Mutiny's exponential backoff, so there is at most one stream
 * connection at a time. This reconnects the stream, never restarts anything else. Mutiny does not reset its attempt
 * count after a good connection: once a few drops have happened, each reconnect waits about the cap.
 */
@ApplicationScoped
public class TickSubscription {

    /** Mutiny's {@code withBackOff} doubles the delay at each retry. */
    static final double MUTINY_MULTIPLIER = 2;
    private static final long NO_EVENT = Long.MIN_VALUE;

    private final LivePriceApi api;
    private final PriceCache cache;
    private final ObjectMapper mapper;
    private final ValidatorConfig.Prices config;
    private final Backoff backoff;

    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile Cancellable subscription;
    private volatile boolean connected;
    private volatile long lastEventNanos = NO_EVENT;
    private volatile String lastError;
    private final MeterRegistry registry;
    private final FunctionCounter reconnectsCounter;

    TickSubscription(@RestClient LivePriceApi api, PriceCache cache, ObjectMapper mapper, ValidatorConfig config,
            MeterRegistry registry) {
        this.api = api;
        this.cache = cache;
        this.mapper = mapper;
        this.config = config.prices();
        // no jitter: one validator per price service, and the cache must be live again right after it is back
        this.backoff = new Backoff(this.config.streamBackoffInitial(), this.config.streamBackoffMax(), MUTINY_MULTIPLIER, 0);
        this.registry = registry;
        this.reconnectsCounter = FunctionCounter.builder("validator.price.stream.reconnects", this,
                TickSubscription::reconnects).description("Price stream subscriptions after the first").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.streamEnabled()) {
            Log.info("Price stream disabled: every order prices over HTTP");
            return;
        }
        Duration idle = config.streamIdleTimeout();
        subscription = Multi.createFrom().deferred(this::connect)
                .ifNoItem().after(idle).failWith(() -> new StreamDown("no event for " + idle.toMillis() + " ms"))
                .onCompletion().failWith(() -> new StreamDown("stream ended"))
                .onFailure().invoke(this::down)
                .onFailure().retry().withBackOff(backoff.initial(), backoff.max()).withJitter(backoff.jitter())
                .indefinitely()
                .subscribe().with(this::onEvent, e -> Log.error("Price stream stopped", e));
    }

    void stop(@Observes ShutdownEvent event) {
        Cancellable s = subscription;
        if (s != null) {
            s.cancel();
        }
        // the registry can outlive this bean (tests restart the application on one global registry): a counter left
        // behind would read this stopped instance through a weak reference, and the next one would get it back
        registry.remove(reconnectsCounter);
    }

    private Multi<SseEvent<String>> connect() {
        long n = subscriptions.incrementAndGet();
        Log.debugf("Price stream: connecting (attempt %d)", n);
        return api.stream()
                .onSubscription().invoke(openConnections::incrementAndGet)
                .onTermination().invoke(openConnections::decrementAndGet);
    }

    private void onEvent(SseEvent<String> e) {
        lastEventNanos = System.nanoTime();
        if (!connected) {
            connected = true;
            Log.infof("Price stream connected (attempt %d)", subscriptions.get());
        }
        if (e.name() == null) {
            return; // keepalive
        }
        TickDto tick;
        try {
            tick = mapper.readValue(e.data(), TickDto.class);
        } catch (IOException unreadable) {
            Log.debugf("Price stream: unreadable event ignored: %s", unreadable.getMessage());
            return;
        }
        Optional<TradePair> pair = tick == null ? Optional.empty() : TradePair.byId(tick.tradePair());
        if (pair.isPresent() && tick.price() != null && tick.timestampMs() != null && tick.price() > 0) {
            cache.offer(new PriceQuote(pair.get(), tick.price(), nz(tick.bid()), nz(tick.ask()), tick.timestampMs(),
                    tick.source(), false));
            events.incrementAndGet();
        }
    }

    private void down(Throwable why) {
        lastError = why.toString();
        if (connected) {
            Log.warnf("Price stream lost: %s; reconnecting", lastError);
        } else {
            Log.debugf("Price stream not connected: %s", lastError);
        }
        connected = false;
    }

    private static double nz(Double d) {
        return d == null || !Double.isFinite(d) ? 0 : d;
    }

    /** Why a stream that did not fail is still over: it ended, or went silent. */
    static final class StreamDown extends RuntimeException {
        StreamDown(String reason) {
            super(reason, null, false, false);
        }
    }

    public boolean enabled() {
        return config.streamEnabled();
    }

    public boolean connected() {
        return connected;
    }

    /** Milliseconds since the last event (tick or keepalive) arrived, -1 if none yet. */
    public long lastEventAgeMs() {
        long t = lastEventNanos;
        return t == NO_EVENT ? -1 : (System.nanoTime() - t) / 1_000_000;
    }

    /** Stream connections currently open (0 or 1; more would be a leak). */
    public int openConnections() {
        return openConnections.get();
    }

    public long reconnects() {
        return Math.max(0, subscriptions.get() - 1);
    }

    public long events() {
        return events.get();
    }

    public String lastError() {
        return lastError;
    }
}
