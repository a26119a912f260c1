package io.ptn.price.feed.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The framework clients the real providers reach their upstreams with: REST clients behind {@link UpstreamCalls},
 * websockets-next connectors, and the Vert.x instance whose event loops run both (stream timers must run there too).
 */
@ApplicationScoped
public class UpstreamClients {

    private final UpstreamCalls calls;
    private final Instance<BasicWebSocketConnector> connectors;
    private final Vertx vertx;
    private final ObjectMapper mapper;

    public UpstreamClients(UpstreamCalls calls, Instance<BasicWebSocketConnector> connectors, Vertx vertx,
                           ObjectMapper mapper) {
        this.calls = calls;
        this.connectors = connectors;
        this.vertx = vertx;
        this.mapper = mapper;
    }

    /** A provider's REST client, built on first use from the given config values. */
    public <A extends AutoCloseable> UpstreamRest<A> rest(String provider, Class<A> api, String baseUrl, Duration timeout,
                                                          AuthorizationHeader auth, RestGuard guard, LongSupplier clock) {
        Function<Supplier<Uni<JsonNode>>, Uni<JsonNode>> guarded = switch (provider) {
            case "polygon" -> calls::polygon;
            case "tiingo" -> calls::tiingo;
            case "coinbase" -> calls::coinbase;
            default -> throw new IllegalArgumentException("no fault tolerance for REST provider " + provider);
        };
        return new UpstreamRest<>(provider, api, baseUrl, timeout, auth, guarded, guard, clock, mapper);
    }

    /** A fresh connector: one per connection attempt (it keeps that attempt's handlers). */
    public BasicWebSocketConnector websocket() {
        return connectors.get();
    }

    public Vertx vertx() {
        return vertx;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
