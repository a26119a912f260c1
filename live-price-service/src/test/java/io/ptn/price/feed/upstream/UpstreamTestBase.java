package io.ptn.price.feed.upstream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.price.feed.PriceStream;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * What every provider test against local upstream servers needs, set up once here: a Vert.x for the websocket test
 * servers, a WireMock server for REST, the app's upstream clients with fresh circuit breakers (one breaker per provider
 * in the app, a new provider per test), and every stream and server a test started stopped after it.
 */
public abstract class UpstreamTestBase {

    protected static Vertx vertx;

    protected final RecordingSink sink = new RecordingSink();
    /** Stopped after each test, in start order. */
    protected final List<PriceStream> running = new ArrayList<>();
    protected WireMockServer wm;
    private final List<WsTestServer> servers = new ArrayList<>();

    @Inject
    protected UpstreamClients upstream;
    @Inject
    protected CircuitBreakerMaintenance breakers;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startUpstream() {
        breakers.resetAll();
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterEach
    void stopUpstream() throws Exception {
        running.forEach(PriceStream::stop);
        for (WsTestServer s : servers) {
            s.close();
        }
        wm.stop();
    }

    /** A local websocket server answering each text frame by {@code script}, closed after the test. */
    protected WsTestServer webSocketServer(BiConsumer<ServerWebSocket, String> script, Consumer<ServerWebSocket> onConnect)
            throws Exception {
        WsTestServer s = new WsTestServer(vertx, script, onConnect);
        servers.add(s);
        return s;
    }

    protected String restUrl() {
        return "http://127.0.0.1:" + wm.port();
    }
}
