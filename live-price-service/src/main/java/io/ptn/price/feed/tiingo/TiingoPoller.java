package io.ptn.price.feed.tiingo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.StreamSink;
import io.ptn.price.feed.upstream.ApiKey;
import io.ptn.price.feed.upstream.RestGuard;
import io.ptn.price.feed.upstream.UpstreamCalls;
import io.ptn.price.feed.upstream.UpstreamRest;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * Polls one Tiingo top-of-book endpoint every {@code tiingo.poll-interval} for the pairs whose market is open, as a
 * stream the supervisor owns like any websocket: a failed poll ends the "connection" with {@code onClosed} (the
 * supervisor restarts it with backoff), 401/403 with {@code onUnauthorized}. While a Retry-After runs, polls are
 * skipped without calling Tiingo.
 */
final class TiingoPoller implements PriceStream {

    private final Vertx vertx;
    private final LongSupplier clock;
    private final TiingoMarket market;
    private final TiingoConfig config;
    private final ApiKey key;
    private final RestGuard guard;
    private final UpstreamRest<TiingoApi> rest;
    private final MarketCalendar calendar;
    private final Set<TradePair> pairs;
    private final AtomicInteger polls = new AtomicInteger();

    private volatile Session current;
    private volatile ProviderState state = ProviderState.STARTING;

    private final class Session {
        final StreamSink sink;
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicBoolean inFlight = new AtomicBoolean();
        final Map<TradePair, Long> lastMs = new EnumMap<>(TradePair.class);
        volatile boolean connected;
        volatile long timerId = -1;

        Session(StreamSink sink) {
            this.sink = sink;
        }

        boolean alive() {
            return current == this && !ended.get();
        }

        boolean end() {
            if (current == this && ended.compareAndSet(false, true)) {
                if (timerId >= 0) {
                    vertx.cancelTimer(timerId);
                }
                return true;
            }
            return false;
        }
    }

    TiingoPoller(Vertx vertx, LongSupplier clock, TiingoMarket market, TiingoConfig config, ApiKey key,
                 UpstreamRest<TiingoApi> rest, MarketCalendar calendar) {
        this.vertx = vertx;
        this.clock = clock;
        this.market = market;
        this.config = config;
        this.key = key;
        this.guard = rest.guard();
        this.rest = rest;
        this.calendar = calendar;
        this.pairs = market.pairs();
    }

    @Override
    public String id() {
        return "tiingo:" + market.configName();
    }

    @Override
    public String provider() {
        return "tiingo";
    }

    @Override
    public Set<TradePair> pairs() {
        return pairs;
    }

    public ProviderState state() {
        return state;
    }

    /** Top-of-book requests made so far. */
    public int polls() {
        return polls.get();
    }

    @Override
    public void start(StreamSink sink) {
        Session old = current;
        if (old != null) {
            old.end();
        }
        Session s = new Session(sink);
        current = s;
        state = ProviderState.STARTING;
        vertx.runOnContext(v -> poll(s));
        s.timerId = vertx.setPeriodic(config.pollInterval().toMillis(), t -> {
            if (s.alive()) {
                poll(s);
            } else {
                vertx.cancelTimer(t);
            }
        });
    }

    @Override
    public void stop() {
        Session s = current;
        if (s != null) {
            s.end();
        }
        current = null;
        state = ProviderState.STOPPED;
    }

    private void poll(Session s) {
        if (!s.alive() || !s.inFlight.compareAndSet(false, true)) {
            return;
        }
        long now = clock.getAsLong();
        MarketCalendar cal = calendar;
        List<TradePair> open = pairs.stream().filter(p -> cal.isOpen(p, now)).sorted().toList();
        if (open.isEmpty()) {
            s.inFlight.set(false);
            return; // nothing to ask for while these markets are closed
        }
        try {
            guard.beforeCall();
            key.get();
        } catch (ProviderException e) {
            s.inFlight.set(false);
            if (e.kind() == ProviderException.Kind.UNAUTHORIZED) {
                fail(s, e);
            }
            return; // Retry-After still running: skip this poll, no call
        }
        String tickers = open.stream().map(TiingoMarket::ticker).collect(Collectors.joining(","));
        polls.incrementAndGet();
        rest.send(TiingoProvider.top(market, tickers, config.cryptoExchanges()), config.restTimeout().toMillis())
                .subscribe().with(root -> answered(s, root, null), failure -> answered(s, null, failure));
    }

    private void answered(Session s, JsonNode root, Throwable failure) {
        try {
            onAnswer(s, root, failure);
        } finally {
            s.inFlight.set(false); // only now may the next poll start: one answer is handled at a time
        }
    }

    private void onAnswer(Session s, JsonNode root, Throwable failure) {
        if (!s.alive()) {
            return;
        }
        if (failure == null && UpstreamCalls.notFound(root)) {
            failure = new ProviderException(ProviderException.Kind.NOT_FOUND, "tiingo answered HTTP 404: GET "
                    + TiingoProvider.topPath(market));
        }
        if (failure != null) {
            ProviderException e = failure instanceof ProviderException pe ? pe
                    : new ProviderException(ProviderException.Kind.UNAVAILABLE, String.valueOf(failure));
            guard.failure(e);
            if (e.kind() == ProviderException.Kind.BAD_DATA) {
                // an unreadable answer is dropped and counted like a malformed websocket message; keep polling
                s.sink.onMalformed("tiingo " + market.configName() + ": " + key.mask(e.getMessage()));
                return;
            }
            fail(s, e);
            return;
        }
        guard.success();
        handle(s, root);
    }

    private void handle(Session s, JsonNode root) {
        List<TiingoParser.Row> rows = TiingoParser.top(market, root, clock.getAsLong());
        if (rows == null) {
            s.sink.onMalformed("tiingo " + market.configName() + ": answer is not a list");
            return;
        }
        if (!s.connected) {
            s.connected = true;
            state = ProviderState.CONNECTED;
            s.sink.onConnected();
        }
        for (TiingoParser.Row r : rows) {
            if (!s.alive()) {
                return;
            }
            if (r.problem() != null) {
                s.sink.onMalformed("tiingo " + market.configName() + ": " + r.problem());
                continue;
            }
            Long last = s.lastMs.get(r.pair());
            long t = r.source().startMs();
            if (last != null && t == last) {
                continue; // the same top of book as the previous poll: nothing new
            }
            if (last != null && t < last) {
                s.sink.onMalformed("tiingo " + market.configName() + ": out-of-order top of book for " + r.pair());
                continue;
            }
            s.lastMs.put(r.pair(), t);
            s.sink.onEvent(r.pair(), r.source());
        }
    }

    private void fail(Session s, ProviderException e) {
        if (!s.end()) {
            return;
        }
        String why = key.mask(e.getMessage());
        if (e.kind() == ProviderException.Kind.UNAUTHORIZED) {
            state = ProviderState.UNAUTHORIZED;
            Log.warnf("%s: not authorized: %s", id(), why);
            s.sink.onUnauthorized("tiingo " + market.configName() + ": not authorized (" + why + ")");
        } else {
            state = ProviderState.DEGRADED;
            s.sink.onClosed("tiingo " + market.configName() + " poll failed: " + e.kind() + " " + why, e);
        }
    }
}
