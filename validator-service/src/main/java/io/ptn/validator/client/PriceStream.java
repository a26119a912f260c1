package io.ptn.validator.client;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * Keeps the price cache fed from {@code GET /api/v1/prices/stream}. One HTTP client for the bean's lifetime and at
 * most one stream connection at a time: the previous connection is closed before a new one is opened, and every
 * callback carries its attempt number so a late event of an old connection cannot schedule a second reconnect.
 * Reconnects back off exponentially; a connection silent longer than the idle timeout (the service sends a
 * keepalive every 5 s) is dropped. This reconnects a connection, never restarts anything else.
 */
@ApplicationScoped
public class PriceStream {

    static final String PATH = "/api/v1/prices/stream";

    private final Vertx vertx;
    private final PriceCache cache;
    private final ObjectMapper mapper;
    private final ValidatorConfig.Prices config;
    private final URI base;

    private final AtomicLong attempt = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger openConnections = new java.util.concurrent.atomic.AtomicInteger();
    private HttpClient client;
    private io.vertx.core.Context context;
    private HttpConnection connection;
    private long reconnectTimer = -1;
    private long backoffMs;
    private volatile boolean stopped;
    private volatile boolean connected;
    private volatile long lastEventMs;
    private volatile long connectedSinceMs;
    private volatile String lastError;

    PriceStream(Vertx vertx, PriceCache cache, ObjectMapper mapper, ValidatorConfig config,
            @ConfigProperty(name = "quarkus.rest-client.live-price.url") String url) {
        this.vertx = vertx;
        this.cache = cache;
        this.mapper = mapper;
        this.config = config.prices();
        this.base = URI.create(url);
        this.backoffMs = this.config.streamBackoffInitialMs();
    }

    void start(@Observes StartupEvent event) {
        if (!config.streamEnabled()) {
            Log.info("Price stream disabled: every order prices over HTTP");
            return;
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(2000)
                .setIdleTimeout((int) config.streamIdleTimeoutMs())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(false)
                .setMaxPoolSize(1)
                .setDefaultHost(base.getHost())
                .setDefaultPort(port(base))
                .setSsl("https".equals(base.getScheme()));
        client = vertx.createHttpClient(options);
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> connect());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        HttpClient c = client;
        if (c != null) {
            context.runOnContext(v -> {
                closeConnection();
                cancelTimer();
                c.close();
            });
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    // all state changes below run on the same Vert.x context (event loop), so no locking
    private void connect() {
        if (stopped) {
            return;
        }
        closeConnection();
        long id = attempt.incrementAndGet();
        String path = Optional.ofNullable(base.getPath()).filter(p -> !p.isEmpty() && !"/".equals(p))
                .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).orElse("") + PATH;
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Accept", "text/event-stream"))
                .compose(req -> req.send())
                .onSuccess(resp -> onResponse(id, resp))
                .onFailure(e -> onDown(id, e.toString()));
    }

    private void onResponse(long id, HttpClientResponse resp) {
        HttpConnection c = resp.request().connection();
        openConnections.incrementAndGet();
        c.closeHandler(v -> {
            openConnections.decrementAndGet();
            onDown(id, "connection closed");
        });
        if (id != attempt.get() || stopped) {
            c.close();
            return;
        }
        connection = c;
        if (resp.statusCode() != 200) {
            onDown(id, "stream answered " + resp.statusCode());
            return;
        }
        connected = true;
        connectedSinceMs = System.currentTimeMillis();
        backoffMs = config.streamBackoffInitialMs();
        Log.infof("Price stream connected to %s (attempt %d)", base, id);
        SseParser sse = new SseParser(id);
        resp.handler(RecordParser.newDelimited("\n", sse::line));
        resp.endHandler(v -> onDown(id, "stream ended"));
        resp.exceptionHandler(e -> onDown(id, e.toString()));
    }

    private void onDown(long id, String why) {
        if (id != attempt.get() || stopped) {
            return;
        }
        attempt.incrementAndGet(); // later callbacks of this connection are now stale
        if (connected) {
            Log.warnf("Price stream lost: %s; reconnecting", why);
        } else {
            Log.debugf("Price stream not connected: %s", why);
        }
        connected = false;
        lastError = why;
        closeConnection();
        long delay = backoffMs;
        backoffMs = Math.min(config.streamBackoffMaxMs(), Math.max(1, backoffMs) * 2);
        cancelTimer();
        reconnectTimer = vertx.setTimer(delay, t -> {
            reconnectTimer = -1;
            reconnects.incrementAndGet();
            connect();
        });
    }

    private void closeConnection() {
        HttpConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    private void cancelTimer() {
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
    }

    /** Server-sent events: fields until a blank line; only {@code tick} events are used. */
    private final class SseParser {
        private final long id;
        private String event = "message";
        private final StringBuilder data = new StringBuilder();

        SseParser(long id) {
            this.id = id;
        }

        void line(Buffer buffer) {
            if (id != attempt.get()) {
                return;
            }
            String line = buffer.toString();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lastEventMs = System.currentTimeMillis();
            if (line.isEmpty()) {
                dispatch();
                return;
            }
            if (line.startsWith(":")) {
                return; // keepalive comment
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if ("event".equals(field)) {
                event = value;
            } else if ("data".equals(field)) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value);
            }
        }

        private void dispatch() {
            try {
                if ("tick".equals(event) && data.length() > 0) {
                    TickDto tick = mapper.readValue(data.toString(), TickDto.class);
                    Optional<TradePair> pair = TradePair.byId(tick.tradePair());
                    if (pair.isPresent() && tick.price() != null && tick.timestampMs() != null && tick.price() > 0) {
                        cache.offer(new PriceQuote(pair.get(), tick.price(), nz(tick.bid()), nz(tick.ask()),
                                tick.timestampMs(), tick.source(), false));
                        events.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                Log.debugf("Price stream: unreadable event ignored: %s", e.getMessage());
            } finally {
                event = "message";
                data.setLength(0);
            }
        }
    }

    private static double nz(Double d) {
        return d == null || !Double.isFinite(d) ? 0 : d;
    }

    public boolean enabled() {
        return config.streamEnabled();
    }

    public boolean connected() {
        return connected;
    }

    /** Milliseconds since the last line (tick or keepalive) arrived, -1 if none yet. */
    public long lastEventAgeMs() {
        long t = lastEventMs;
        return t == 0 ? -1 : System.currentTimeMillis() - t;
    }

    /** Stream connections currently open (0 or 1; more would be a leak). */
    public int openConnections() {
        return openConnections.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long events() {
        return events.get();
    }

    public String lastError() {
        return lastError;
    }

    public long connectedSinceMs() {
        return connectedSinceMs;
    }
}
