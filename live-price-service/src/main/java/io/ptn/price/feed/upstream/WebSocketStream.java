package io.ptn.price.feed.upstream;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.StreamSink;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.BasicWebSocketConnector.ExecutionModel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One upstream websocket connection on the websockets-next client ({@code BasicWebSocketConnector}: its callbacks
 * run on the connection's event loop, one at a time, as the stream classes expect; frame and message size limits are
 * the client's, {@code quarkus.websockets-next.client.*}). The supervisor owns the lifecycle; this class makes sure a
 * stopped or superseded connection never calls back into the sink, that each connection reports exactly
 * one terminal callback (closed, unauthorized or standby), and that a "hold" is kept across restarts. A hold is either
 * UNAUTHORIZED (credentials refused; reported with {@code onUnauthorized}) or STANDBY (the upstream allows no further
 * connection for this key; reported with {@code onStandby(until)} so the supervisor waits that long). While a hold
 * runs, {@link #start} opens nothing and reports the hold again, so a supervisor retrying early causes no upstream
 * connection storm.
 */
public abstract class WebSocketStream implements PriceStream {

    protected final Vertx vertx;
    protected final LongSupplier clock;
    private final UpstreamClients upstream;
    private final String id;
    private final String provider;
    private final Set<TradePair> pairs;
    private final AtomicInteger connectAttempts = new AtomicInteger();

    private volatile Session current;
    private volatile ProviderState state = ProviderState.STARTING;
    private volatile long holdUntilMs;
    private volatile ProviderState holdState;
    private volatile String holdReason;

    protected WebSocketStream(UpstreamClients upstream, LongSupplier clock, String id, String provider, Set<TradePair> pairs) {
        this.upstream = upstream;
        this.vertx = upstream.vertx();
        this.clock = clock;
        this.id = id;
        this.provider = provider;
        this.pairs = Set.copyOf(pairs);
    }

    /** One connection attempt and what belongs to it. */
    protected final class Session {
        final StreamSink sink;
        final AtomicBoolean ended = new AtomicBoolean();
        volatile WebSocketClientConnection ws;
        volatile long timerId = -1;

        Session(StreamSink sink) {
            this.sink = sink;
        }

        public boolean alive() {
            return current == this && !ended.get();
        }

        public void send(String text) {
            WebSocketClientConnection w = ws;
            if (w != null && alive()) {
                w.sendText(text).subscribe().with(ok -> { }, e -> Log.debugf("%s: send failed: %s", id, e.toString()));
            }
        }

        public void emit(TradePair pair, PriceSource source) {
            if (alive()) {
                sink.onEvent(pair, source);
            }
        }

        public void malformed(String reason) {
            if (alive()) {
                sink.onMalformed(reason);
            }
        }

        public void connected() {
            if (alive()) {
                state = ProviderState.CONNECTED;
                sink.onConnected();
            }
        }

        /** Ends this connection with a close report; the supervisor reconnects with backoff. */
        public void closed(String reason, Throwable cause) {
            if (current == this && ended.compareAndSet(false, true)) {
                state = ProviderState.DEGRADED;
                cancelTimer(this);
                closeQuietly(ws);
                sink.onClosed(reason, cause);
            }
        }

        /** Ends this connection and holds further attempts for {@code hold} (plus up to {@code jitter}). */
        public void hold(ProviderState holdAs, String reason, Duration hold, Duration jitter) {
            if (current == this && ended.compareAndSet(false, true)) {
                long extra = jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1);
                holdUntilMs = clock.getAsLong() + hold.toMillis() + extra;
                holdState = holdAs;
                holdReason = reason;
                state = holdAs;
                cancelTimer(this);
                closeQuietly(ws);
                Log.warnf("%s: %s; no new connection before %s", id, reason, Instant.ofEpochMilli(holdUntilMs));
                reportHold(sink);
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Set<TradePair> pairs() {
        return pairs;
    }

    /** What this stream sees itself as (STANDBY / UNAUTHORIZED during a hold). */
    public ProviderState state() {
        return state;
    }

    /** Upstream connection attempts made so far (what an operator counts to rule out a reconnect storm). */
    public int connectAttempts() {
        return connectAttempts.get();
    }

    /** Epoch ms before which no connection is attempted, 0 when not holding. */
    public long holdUntilMs() {
        return holdUntilMs > clock.getAsLong() ? holdUntilMs : 0;
    }

    /** The full websocket URL to connect to (may read the key; must not contain it). */
    protected abstract String url() throws ProviderException;

    /** The connection is open: authenticate/subscribe. */
    protected abstract void onOpen(Session session);

    /** One text message from upstream. */
    protected abstract void onText(Session session, String text);

    /** The upstream closed the connection; default: report closed. Polygon overrides to spot a kick. */
    protected void onUpstreamClose(Session session, Short code, String reason) {
        session.closed("upstream closed the connection (" + code + (reason == null ? "" : " " + reason) + ")", null);
    }

    @Override
    public void start(StreamSink sink) {
        Session previous = current;
        if (previous != null) {
            previous.ended.set(true);
            cancelTimer(previous);
            closeQuietly(previous.ws);
        }
        Session session = new Session(sink);
        current = session;
        if (holdUntilMs > clock.getAsLong()) {
            state = holdState;
            // Asynchronously, so the supervisor never sees a callback from inside its own start() call.
            vertx.runOnContext(v -> {
                if (current == session && session.ended.compareAndSet(false, true)) {
                    reportHold(sink);
                }
            });
            return;
        }
        String url;
        try {
            url = url();
        } catch (ProviderException e) {
            // No usable key: an authorization problem, held like one so nothing retries in a loop.
            vertx.runOnContext(v -> session.hold(ProviderState.UNAUTHORIZED, e.getMessage(), holdOnMissingKey(), Duration.ZERO));
            return;
        }
        state = ProviderState.STARTING;
        connectAttempts.incrementAndGet();
        // the connector appends its path to the base URI's: split so that "wss://host/crypto" stays "/crypto"
        URI uri = URI.create(url);
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        upstream.websocket()
                .baseUri(base)
                .path(uri.getRawPath() == null ? "" : uri.getRawPath())
                .addHeader("User-Agent", UpstreamRest.USER_AGENT)
                .executionModel(ExecutionModel.NON_BLOCKING)
                .onOpen(ws -> {
                    session.ws = ws;
                    if (session.alive()) {
                        onOpen(session);
                    } else {
                        closeQuietly(ws);
                    }
                })
                .onTextMessage((ws, text) -> {
                    if (session.alive()) {
                        try {
                            onText(session, text);
                        } catch (RuntimeException e) {
                            session.malformed("unexpected message: " + e.getClass().getSimpleName());
                        }
                    }
                })
                .onError((ws, e) -> Log.debugf("%s: websocket error %s", id, e.toString()))
                .onClose((ws, reason) -> onUpstreamClose(session, code(reason), reason.getMessage()))
                .connect()
                .ifNoItem().after(connectTimeout())
                .failWith(() -> new TimeoutException("no connection within " + connectTimeout().toMillis() + " ms"))
                .subscribe().with(ws -> {
                    if (!session.alive()) {
                        closeQuietly(ws); // stopped, or given up on by the timeout, while connecting
                    }
                }, e -> session.closed("cannot connect to " + url + ": " + e.getMessage(), e));
    }

    private static Short code(CloseReason reason) {
        return (short) reason.getCode();
    }

    @Override
    public void stop() {
        Session s = current;
        current = null;
        if (s != null) {
            s.ended.set(true);
            cancelTimer(s);
            closeQuietly(s.ws);
        }
        if (holdUntilMs <= clock.getAsLong()) {
            state = ProviderState.STOPPED;
        }
    }

    /** A periodic task bound to a session, cancelled when it ends. */
    protected void periodic(Session session, long everyMs, Runnable task) {
        session.timerId = vertx.setPeriodic(everyMs, t -> {
            if (session.alive()) {
                task.run();
            } else {
                vertx.cancelTimer(t);
            }
        });
    }

    protected Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    /** How long to wait before retrying when no key is configured. */
    protected Duration holdOnMissingKey() {
        return Duration.ofMinutes(5);
    }

    private void reportHold(StreamSink sink) {
        if (holdState == ProviderState.STANDBY) {
            sink.onStandby(holdUntilMs, holdMessage());
        } else {
            sink.onUnauthorized(holdMessage());
        }
    }

    private String holdMessage() {
        return holdReason + " (" + holdState + "; next connection attempt after "
                + Instant.ofEpochMilli(holdUntilMs) + ")";
    }

    private void cancelTimer(Session s) {
        if (s.timerId >= 0) {
            vertx.cancelTimer(s.timerId);
            s.timerId = -1;
        }
    }

    private void closeQuietly(WebSocketClientConnection ws) {
        if (ws != null && !ws.isClosed()) {
            ws.close().subscribe().with(ok -> { }, e -> Log.debugf("%s: close failed: %s", id, e.toString()));
        }
    }
}
