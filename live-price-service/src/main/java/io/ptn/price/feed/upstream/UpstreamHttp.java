package io.ptn.price.feed.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * JSON GETs over the Vert.x HTTP client (Quarkus's own), with a hard per-request deadline and every failure mapped
 * to a {@link ProviderException} kind. Keys travel in headers, so the URLs here are safe to log. The client is created
 * on first use, so a disabled provider never opens anything.
 */
public final class UpstreamHttp implements AutoCloseable {

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final String provider;
    private final LongSupplier clock;
    private volatile HttpClient client;

    public UpstreamHttp(Vertx vertx, ObjectMapper mapper, String provider, LongSupplier clock) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.provider = provider;
        this.clock = clock;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setMaxPoolSize(8)
                            .setDecompressionSupported(true));
                }
                c = client;
            }
        }
        return c;
    }

    /** Non-blocking GET; the future fails with a ProviderException only. */
    public Future<JsonNode> get(String url, Map<String, String> headers, long timeoutMs) {
        Promise<JsonNode> promise = Promise.promise();
        AtomicReference<io.vertx.core.http.HttpClientRequest> requestRef = new AtomicReference<>();
        long timer = vertx.setTimer(Math.max(1, timeoutMs), t -> {
            if (promise.tryFail(new ProviderException(Kind.TIMEOUT,
                    provider + " did not answer within " + timeoutMs + " ms: GET " + url))) {
                io.vertx.core.http.HttpClientRequest r = requestRef.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "ptn-live-price-service");
        headers.forEach(options::putHeader);
        try {
            client().request(options)
                    .compose(req -> {
                        requestRef.set(req);
                        return req.send();
                    })
                    .compose(resp -> resp.body().map(body -> new Object[]{resp, body}))
                    .onComplete(ar -> {
                        vertx.cancelTimer(timer);
                        if (ar.failed()) {
                            promise.tryFail(mapTransport(ar.cause(), url, timeoutMs));
                            return;
                        }
                        HttpClientResponse resp = (HttpClientResponse) ar.result()[0];
                        io.vertx.core.buffer.Buffer body = (io.vertx.core.buffer.Buffer) ar.result()[1];
                        ProviderException status = mapStatus(resp, url);
                        if (status != null) {
                            promise.tryFail(status);
                            return;
                        }
                        try {
                            promise.tryComplete(mapper.readTree(body.getBytes()));
                        } catch (IOException e) {
                            promise.tryFail(new ProviderException(Kind.BAD_DATA,
                                    provider + " answered malformed JSON: GET " + url, 0, null));
                        }
                    });
        } catch (RuntimeException e) {
            vertx.cancelTimer(timer);
            promise.tryFail(new ProviderException(Kind.UNAVAILABLE, provider + " request could not be made: "
                    + e.getClass().getSimpleName() + ": GET " + url, 0, null));
        }
        return promise.future();
    }

    /** Blocking GET for worker threads (the REST fallback path). */
    public JsonNode getBlocking(String url, Map<String, String> headers, long timeoutMs) throws ProviderException {
        try {
            return get(url, headers, timeoutMs).toCompletionStage().toCompletableFuture()
                    .get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException pe) {
                throw pe;
            }
            throw new ProviderException(Kind.UNAVAILABLE, provider + " failed: " + e.getCause(), 0, null);
        } catch (TimeoutException e) {
            throw new ProviderException(Kind.TIMEOUT, provider + " did not answer within " + timeoutMs + " ms", 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TIMEOUT, provider + " call interrupted", 0, e);
        }
    }

    private ProviderException mapTransport(Throwable t, String url, long timeoutMs) {
        if (t instanceof ProviderException pe) {
            return pe;
        }
        String name = t.getClass().getSimpleName();
        if (t instanceof TimeoutException || name.contains("Timeout")) {
            return new ProviderException(Kind.TIMEOUT,
                    provider + " did not answer within " + timeoutMs + " ms: GET " + url, 0, null);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException || t.getCause() instanceof ConnectException) {
            return new ProviderException(Kind.UNAVAILABLE, provider + " refused the connection: GET " + url, 0, null);
        }
        return new ProviderException(Kind.UNAVAILABLE, provider + " transport failure (" + name + "): GET " + url, 0, null);
    }

    private ProviderException mapStatus(HttpClientResponse resp, String url) {
        int code = resp.statusCode();
        if (code >= 200 && code < 300) {
            return null;
        }
        String what = provider + " answered HTTP " + code + ": GET " + url;
        if (code == 401 || code == 403) {
            return new ProviderException(Kind.UNAUTHORIZED, what);
        }
        if (code == 404) {
            return new ProviderException(Kind.NOT_FOUND, what);
        }
        if (code == 429) {
            return new ProviderException(Kind.RATE_LIMITED, what, retryAfterMs(resp.getHeader("Retry-After")), null);
        }
        if (code >= 500) {
            return new ProviderException(Kind.UNAVAILABLE, what);
        }
        return new ProviderException(Kind.BAD_DATA, what);
    }

    /** Retry-After as delta-seconds or an HTTP date; 0 when absent or unreadable. */
    long retryAfterMs(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String h = header.trim();
        try {
            return Math.max(0, Duration.ofSeconds(Long.parseLong(h)).toMillis());
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - clock.getAsLong());
            } catch (RuntimeException e2) {
                return 0;
            }
        }
    }

    @Override
    public void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
