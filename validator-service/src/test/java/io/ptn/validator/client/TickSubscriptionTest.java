package io.ptn.validator.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.ptn.domain.TradePair;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The SSE-fed cache: orders fill from streamed ticks without an HTTP price call, the cache follows new ticks, and the
 * stream reconnects on its own when the server ends it (WireMock ends every body, so every refresh is a reconnect).
 */
@QuarkusTest
@TestProfile(StreamProfile.class)
@WithTestResource(PriceServiceResource.class)
class TickSubscriptionTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    PriceCache cache;

    @Inject
    TickSubscription stream;

    private static final String KEEPALIVE = ": keepalive\n\n";

    private static String tick(String pair, double price, String extraJson) {
        return String.format(Locale.ROOT,
                "event: tick\nid: 1\ndata: {\"tradePair\":\"%s\",\"price\":%s,\"bid\":0,\"ask\":0,\"timestampMs\":%d,\"source\":\"simulated_ws\"%s}\n\n",
                pair, price, System.currentTimeMillis(), extraJson);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private void stream(ResponseDefinitionBuilder answer) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/stream")).willReturn(answer));
    }

    private void streamTicks(String pair, double price) {
        stream(sse(KEEPALIVE + tick(pair, price, "")));
    }

    /** Waits until the stream is connected on a subscription made after the current stub was set. */
    private void awaitFreshConnection() {
        long start = stream.reconnects();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stream.reconnects() > start && stream.connected());
    }

    @Test
    void ordersFillFromTheStreamedPriceAndTheCacheFollowsNewTicks() {
        streamTicks("ETHUSD", 3010.5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            PriceQuote q = cache.get(TradePair.ETHUSD);
            return q != null && q.price() == 3010.5;
        });
        PriceStubs.status(wm, "ETHUSD", 500); // HTTP would fail: the fill must come from the cache
        Orders.place("m19", "ETHUSD", "LONG", 0.1).statusCode(201).body("price", equalTo(3010.5));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/prices/ETHUSD")));

        long reconnectsBefore = stream.reconnects();
        streamTicks("ETHUSD", 3333.25);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cache.get(TradePair.ETHUSD).price() == 3333.25);
        // the stub's stream ends after its events: the client keeps reconnecting by itself (a connection counted just
        // before reconnectsBefore may be the one that brought the new tick, so wait for a later one)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.reconnects() > reconnectsBefore);
        given().get("/q/metrics").then().body(containsString("validator_price_stream_reconnects_total"));
        Orders.place("m20", "ETHUSD", "SHORT", 0.1).statusCode(201).body("price", equalTo(3333.25));

        given().get("/q/health/well").then().body("checks.find { it.name == 'live-price-service' }.data.streamEnabled",
                equalTo(true));
    }

    @Test
    void aStaleCachedPriceIsNotUsedAndHttpIsAskedInstead() {
        cache.offer(new PriceQuote(TradePair.SOLUSD, 140, 0, 0, System.currentTimeMillis() - 3_600_000, "old", false));
        PriceStubs.price(wm, "SOLUSD", 151, 0, 0);
        Orders.place("m21", "SOLUSD", "LONG", 0.1).statusCode(201).body("price", equalTo(151.0));
        PriceQuote q = cache.get(TradePair.SOLUSD);
        assertNotNull(q);
        assertEquals(151.0, q.price()); // the fresh HTTP answer replaced the stale entry
    }

    @Test
    void anOversizedEventIsDroppedAndTheStreamGoesOn() {
        String pad = ",\"pad\":\"" + "x".repeat(5000) + "\"";
        stream(sse(KEEPALIVE + tick("XRPUSD", 1111, pad) + tick("DOGEUSD", 0.25, "")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            PriceQuote q = cache.get(TradePair.DOGEUSD);
            return q != null && q.price() == 0.25;
        });
        assertNull(cache.get(TradePair.XRPUSD), "a 5 KB event is not a tick of the price service");
    }

    @Test
    void aStreamLiveLongerThanTheReadTimeoutIsKeptAndASilentOneIsDropped() {
        // a keepalive every 250 ms for 8 s: longer than the 4 s read timeout, never silent for the 1.5 s idle timeout
        stream(sse(KEEPALIVE.repeat(32)).withChunkedDribbleDelay(32, 8000));
        awaitFreshConnection();
        long reconnects = stream.reconnects();
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                .until(() -> stream.reconnects() == reconnects && stream.connected());

        // one keepalive, then 4 s of silence: dropped after 1.5 s and reconnected
        stream(sse(KEEPALIVE + KEEPALIVE).withChunkedDribbleDelay(2, 8000));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(stream.lastError())
                .contains("no event for 1500 ms"));
    }

    @Test
    void manyReconnectsDoNotLeakThreads() {
        streamTicks("BTCUSD", 65000);
        long start = stream.reconnects();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.reconnects() >= start + 5);
        int threadsAfter5 = Thread.activeCount();
        long mid = stream.reconnects();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertTrue(stream.openConnections() <= 1, "more than one stream connection open");
            return stream.reconnects() >= mid + 20;
        });
        assertTrue(Thread.activeCount() <= threadsAfter5 + 3,
                "threads grew from " + threadsAfter5 + " to " + Thread.activeCount() + " over 20 reconnects");
    }
}
