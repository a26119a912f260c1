package io.ptn.price.feed.coinbase;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;

/**
 * A local stand-in for Coinbase Exchange: the websocket confirms the subscription and streams an ETH-USD ticker
 * (timestamped now) every 200 ms; REST candles answer 503 so the fallback path is visibly degraded.
 */
public class CoinbaseUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private WireMockServer wm;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        AtomicLong sequence = new AtomicLong(1_000);
        HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
            if (!text.contains("\"subscribe\"")) {
                return;
            }
            ws.writeTextMessage(fixture("coinbase/ws-subscriptions.json"));
            long timer = vertx.setPeriodic(200, t -> ws.writeTextMessage("{\"type\":\"ticker\",\"sequence\":"
                    + sequence.incrementAndGet() + ",\"product_id\":\"ETH-USD\",\"price\":\"2841.50\",\"best_bid\":\"2841.49\","
                    + "\"best_ask\":\"2841.50\",\"side\":\"buy\",\"time\":\"" + Instant.now() + "\",\"trade_id\":1,\"last_size\":\"0.1\"}"));
            ws.closeHandler(v -> vertx.cancelTimer(timer));
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/products/ETH-USD/candles")).willReturn(aResponse().withStatus(503)));
        return Map.of(
                "price.providers", "coinbase",
                "coinbase.ws-url", "ws://127.0.0.1:" + server.actualPort(),
                "coinbase.rest-url", "http://127.0.0.1:" + wm.port());
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
