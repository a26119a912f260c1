package io.ptn.price.feed.polygon;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;

/**
 * A local stand-in for Polygon, for the running app: a websocket server whose crypto cluster accepts the key and
 * streams a BTC-USD trade (timestamped now) every 200 ms after one broken frame, whose forex cluster refuses the
 * key, and whose stocks cluster answers {@code max_connections} (another replica holds it); plus WireMock serving the
 * recorded REST answers.
 */
public class PolygonUpstreamResource implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger CRYPTO_CONNECTIONS = new AtomicInteger();
    static final AtomicInteger FOREX_CONNECTIONS = new AtomicInteger();
    static final AtomicInteger STOCKS_CONNECTIONS = new AtomicInteger();

    private Vertx vertx;
    private HttpServer server;
    private WireMockServer wm;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            boolean crypto = ws.path().equals("/crypto");
            boolean stocks = ws.path().equals("/stocks");
            (crypto ? CRYPTO_CONNECTIONS : stocks ? STOCKS_CONNECTIONS : FOREX_CONNECTIONS).incrementAndGet();
            ws.writeTextMessage(fixture("polygon/ws-status-connected.json"));
            ws.textMessageHandler(text -> {
                if (!text.contains("\"auth\"")) {
                    return;
                }
                if (stocks && text.contains("\"it-key\"")) {
                    ws.writeTextMessage(fixture("polygon/ws-status-max-connections.json"));
                    return;
                }
                if (!crypto || !text.contains("\"it-key\"")) {
                    ws.writeTextMessage(fixture("polygon/ws-status-auth-failed.json"));
                    return;
                }
                ws.writeTextMessage(fixture("polygon/ws-status-auth-success.json"));
                long now = System.currentTimeMillis();
                ws.writeTextMessage("[{\"ev\":\"XT\",\"pair\":\"BTC-USD\",\"p\":0,\"t\":" + now + ",\"x\":1,\"r\":" + now + "}]");
                ws.writeTextMessage("{not json");
                long timer = vertx.setPeriodic(200, t -> {
                    if (!ws.isClosed()) {
                        ws.writeTextMessage("[{\"ev\":\"XT\",\"pair\":\"BTC-USD\",\"p\":86750.5,\"t\":"
                                + System.currentTimeMillis() + ",\"s\":0.01,\"c\":[1],\"i\":\"1\",\"x\":1,\"r\":"
                                + System.currentTimeMillis() + "}]");
                    }
                });
                ws.closeHandler(v -> vertx.cancelTimer(timer));
            });
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/second/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/second/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/minute/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-equities-minute.json"))));
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/AAPL/prev"))
                .willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
        return Map.of(
                "price.providers", "polygon",
                "polygon.api-key", "it-key",
                "polygon.markets", "crypto,forex,equities",
                "polygon.ws-url", "ws://127.0.0.1:" + server.actualPort(),
                "polygon.rest-url", "http://127.0.0.1:" + wm.port(),
                // a supervisor that retries fast: the stream's own hold must still keep Polygon from being hammered
                "price.supervisor.backoff-initial", "100ms",
                "price.supervisor.backoff-max", "300ms");
    }

    @Override
    public void stop() {
        if (wm != null) {
            wm.stop();
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
