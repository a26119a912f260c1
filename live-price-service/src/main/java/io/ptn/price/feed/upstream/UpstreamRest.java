package io.ptn.price.feed.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderException.Kind;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One provider's REST client and what every call to it goes through: the provider's {@link RestGuard} (Retry-After
 * hold, REST state), its fault tolerance ({@link UpstreamCalls}), a deadline, and the mapping of every failure to a
 * {@link ProviderException} kind. The client is built from the provider's own config ({@code <provider>.rest-url},
 * {@code <provider>.rest-timeout}) when the first call is made, so a provider that is not enabled needs neither its
 * URL nor its key.
 *
 * @param <A> the provider's REST client interface
 */
public final class UpstreamRest<A extends AutoCloseable> implements AutoCloseable {

    static final String USER_AGENT = "ptn-live-price-service";

    private final String provider;
    private final Class<A> api;
    private final String baseUrl;
    private final Duration timeout;
    private final AuthorizationHeader auth;
    private final Function<Supplier<Uni<JsonNode>>, Uni<JsonNode>> guarded;
    private final RestGuard guard;
    private final LongSupplier clock;
    private final ObjectMapper mapper;
    private volatile A client;

    /**
     * @param auth    the key's header, or null for a keyless upstream
     * @param guarded the provider's method of {@link UpstreamCalls}
     */
    public UpstreamRest(String provider, Class<A> api, String baseUrl, Duration timeout, AuthorizationHeader auth,
                        Function<Supplier<Uni<JsonNode>>, Uni<JsonNode>> guarded, RestGuard guard, LongSupplier clock,
                        ObjectMapper mapper) {
        this.provider = provider;
        this.api = api;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.auth = auth;
        this.guarded = guarded;
        this.guard = guard;
        this.clock = clock;
        this.mapper = mapper;
    }

    public RestGuard guard() {
        return guard;
    }

    private A client() {
        A c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(baseUrl))
                            .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .userAgent(USER_AGENT)
                            // should REST client logging ever be switched on, the key still stays out of it
                            .loggingMaskedHeaders(Set.of(HttpHeaders.AUTHORIZATION))
                            .enableCompression(true)
                            // every status of 400 or more is an UpstreamStatusException (the interface's mapper)
                            .disableDefaultMapper(true);
                    if (auth != null) {
                        builder.clientHeadersFactory(auth);
                    }
                    client = builder.build(api);
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * Blocking GET for worker threads with REST-state bookkeeping: RATE_LIMITED without calling while a Retry-After
     * runs, UNAUTHORIZED without calling when no key can be read, null for a 404 (no data for that ticker).
     */
    public JsonNode call(Function<A, Uni<byte[]>> request, long timeoutMs) throws ProviderException {
        guard.beforeCall();
        try {
            if (auth != null) {
                auth.key().get();
            }
            JsonNode root = await(send(request, timeoutMs), timeoutMs);
            if (UpstreamCalls.notFound(root)) {
                return null;
            }
            guard.success();
            return root;
        } catch (ProviderException e) {
            guard.failure(e);
            Log.debugf("%s REST: %s", provider, mask(e.getMessage()));
            throw e;
        }
    }

    /**
     * The guarded request within {@code timeoutMs}, retries included. Fails with a {@link ProviderException} only;
     * a 404 is {@link UpstreamCalls#notFound the not-found answer}. No bookkeeping: the caller owns it.
     */
    public Uni<JsonNode> send(Function<A, Uni<byte[]>> request, long timeoutMs) {
        Uni<JsonNode> attempts;
        try {
            A c = client();
            attempts = guarded.apply(() -> request.apply(c).map(this::json));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new ProviderException(Kind.UNAVAILABLE, provider
                    + " request could not be made: " + e.getClass().getSimpleName() + " (" + baseUrl + ")", 0, null));
        }
        return attempts
                .ifNoItem().after(Duration.ofMillis(Math.max(1, timeoutMs)))
                .failWith(() -> timedOut(timeoutMs))
                .onFailure().transform(e -> map(e, timeoutMs));
    }

    /**
     * The body as JSON whatever its content type says: upstream error pages and some answers are not labelled
     * {@code application/json}, and an unreadable body is BAD_DATA, not a transport failure.
     */
    private JsonNode json(byte[] body) {
        try {
            return mapper.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode await(Uni<JsonNode> uni, long timeoutMs) throws ProviderException {
        try {
            // the Uni ends by itself within timeoutMs; the margin only guards against a lost signal
            return uni.await().atMost(Duration.ofMillis(timeoutMs + 1_000));
        } catch (CompletionException e) {
            throw e.getCause() instanceof ProviderException pe ? pe : map(e.getCause(), timeoutMs);
        } catch (RuntimeException e) {
            throw map(e, timeoutMs);
        }
    }

    private ProviderException timedOut(long timeoutMs) {
        return new ProviderException(Kind.TIMEOUT, provider + " did not answer within " + timeoutMs + " ms", 0, null);
    }

    /** Every failure as the kind the provider's state and callers act on (see docs/providers.md). */
    ProviderException map(Throwable t, long timeoutMs) {
        if (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ProviderException pe) {
            return pe;
        }
        UpstreamStatusException status = find(t, UpstreamStatusException.class);
        if (status != null) {
            return byStatus(status);
        }
        if (t instanceof CircuitBreakerOpenException) {
            return new ProviderException(Kind.UNAVAILABLE, provider + " REST circuit breaker is open after repeated failures", 0, null);
        }
        if (t instanceof BulkheadException) {
            return new ProviderException(Kind.UNAVAILABLE, provider + " has too many REST calls in flight", 0, null);
        }
        if (find(t, JsonProcessingException.class) != null) {
            return new ProviderException(Kind.BAD_DATA, provider + " answered malformed JSON (" + baseUrl + ")");
        }
        if (find(t, ConnectException.class) != null || find(t, UnknownHostException.class) != null) {
            return new ProviderException(Kind.UNAVAILABLE, provider + " refused the connection (" + baseUrl + ")", 0, null);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getClass().getSimpleName().contains("Timeout")) {
                return timedOut(timeoutMs);
            }
        }
        return new ProviderException(Kind.UNAVAILABLE, provider + " transport failure (" + t.getClass().getSimpleName()
                + ") (" + baseUrl + ")", 0, null);
    }

    private ProviderException byStatus(UpstreamStatusException s) {
        int code = s.status();
        String what = provider + " answered HTTP " + code + ": GET " + s.uri();
        if (code == 401 || code == 403) {
            return new ProviderException(Kind.UNAUTHORIZED, what);
        }
        if (code == 404) {
            return new ProviderException(Kind.NOT_FOUND, what);
        }
        if (code == 429) {
            return new ProviderException(Kind.RATE_LIMITED, what, s.retryAfterMs(clock), null);
        }
        if (code >= 500) {
            return new ProviderException(Kind.UNAVAILABLE, what);
        }
        return new ProviderException(Kind.BAD_DATA, what);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The text with the key replaced, for anything logged or reported. */
    public String mask(String text) {
        return auth == null ? text : auth.key().mask(text);
    }

    @Override
    public void close() {
        A c = client;
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                Log.debugf("Closing the %s REST client failed: %s", provider, e.toString());
            }
        }
    }
}
