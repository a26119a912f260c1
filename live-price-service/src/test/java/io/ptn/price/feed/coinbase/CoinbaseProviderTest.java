package io.ptn.price.feed.coinbase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.ptn.price.feed.upstream.WsTestServer;
import io.quarkus.test.junit.QuarkusTest;

/** The keyless Coinbase feed against a real local websocket server and a real local WireMock server. */
@QuarkusTest
class CoinbaseProviderTest extends UpstreamTestBase {

    static final long BASE = 1_764_000_000_000L;
    final AtomicLong clock = new AtomicLong(BASE + 2_000);
    WsTestServer ws;
    CoinbaseStream stream;

    @BeforeEach
    void startServers() throws Exception {
        ws = webSocketServer((socket, text) -> {
            if (text.contains("\"subscribe\"")) {
                socket.writeTextMessage(fixture("coinbase/ws-subscriptions.json"));
            }
        }, socket -> { });
    }

    CoinbaseProvider provider(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("coinbase.ws-url", ws.url());
        props.put("coinbase.rest-url", restUrl());
        props.put("coinbase.rest-timeout", "10s"); // generous: the build machine is shared and loaded
        props.putAll(overrides);
        return new CoinbaseProvider(UpstreamFixtures.mapping(CoinbaseConfig.class, props), upstream, clock::get);
    }

    CoinbaseStream connected() {
        stream = provider(Map.of()).coinbaseStream();
        running.add(stream);
        stream.start(sink);
        await().until(() -> sink.connected.get() == 1);
        return stream;
    }

    void sendFrames(String fixture) {
        for (String line : fixture(fixture).split("\n")) {
            if (!line.isBlank()) {
                ws.send(line);
            }
        }
    }

    @Test
    void tickersReachTheSinkWithoutAnyKey() {
        CoinbaseStream s = connected();
        assertTrue(ws.received.get(0).contains("\"channels\":[\"ticker\"]"));
        assertTrue(ws.received.get(0).contains("BTC-USD"));
        assertFalse(ws.received.get(0).contains("TAO"), "TAO/USD is not listed on Coinbase");
        assertEquals(ProviderState.CONNECTED, s.state());

        sendFrames("coinbase/ws-tickers.frames");
        await().until(() -> sink.events.size() == 3);
        PriceSource btc = sink.eventsFor(TradePair.BTCUSD).get(0).source();
        assertEquals(86712.25, btc.open());
        assertEquals(86712.24, btc.bid());
        assertEquals(86712.25, btc.ask());
        assertEquals(BASE + 100, btc.startMs());
        assertEquals("coinbase_ws", btc.source());
        assertTrue(btc.websocket());
        assertEquals(1, sink.eventsFor(TradePair.ETHUSD).size());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
    }

    @Test
    void brokenTickersAreDroppedAndReported() {
        connected();
        sendFrames("coinbase/ws-tickers.frames");
        await().until(() -> sink.events.size() == 3);
        sendFrames("coinbase/ws-tickers-broken.frames");
        // 13 frames: malformed JSON, no price, NaN, zero, negative, bid > ask, future, far past, one good,
        // older sequence, older time, an error message, no type
        await().until(() -> sink.malformed.size() == 12);
        assertEquals(4, sink.events.size());
        assertEquals(86720.0, sink.events.get(3).source().open());
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("bid above ask")));
        assertTrue(sink.malformed.stream().filter(r -> r.contains("out-of-order")).count() == 2);
        assertTrue(sink.closed.isEmpty());
    }

    @Test
    void aMessageFarBeyondTheClientDefaultsStillArrives() {
        connected();
        // 1 MiB in one text message, sent as 16 frames of 64 KiB: over the websocket client's default 256 KiB message
        // limit, within the configured 16 MiB (quarkus.websockets-next.client.max-message-size)
        String padding = "x".repeat(1 << 20);
        ws.send("{\"type\":\"ticker\",\"sequence\":1,\"product_id\":\"BTC-USD\",\"price\":\"86712.25\","
                + "\"time\":\"2025-11-24T16:00:00.100000Z\",\"padding\":\"" + padding + "\"}");
        await().until(() -> sink.events.size() == 1);
        assertEquals(86712.25, sink.eventsFor(TradePair.BTCUSD).get(0).source().open());
        assertTrue(sink.closed.isEmpty());
    }

    @Test
    void aClosedFeedIsReportedAndARestartReconnects() {
        CoinbaseStream s = connected();
        ws.last().close();
        await().until(() -> sink.closed.size() == 1);
        assertEquals(ProviderState.DEGRADED, s.state());
        s.stop();
        s.start(sink);
        await().until(() -> sink.connected.get() == 2);
    }

    @Test
    void restCandlesAreOldestFirstAndBrokenOnesDropped() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/candles")).willReturn(okJson(fixture("coinbase/rest-candles-btc-1m.json"))));
        List<PriceSource> candles = provider(Map.of()).candles(TradePair.BTCUSD, BASE - 240_000, BASE + 59_999, Timespan.MINUTE);
        assertEquals(3, candles.size());
        assertEquals(BASE - 120_000, candles.get(0).startMs());
        assertEquals(86680.0, candles.get(0).open());
        assertEquals(86690.0, candles.get(0).close());
        assertEquals(86695.0, candles.get(0).high());
        assertEquals(86670.0, candles.get(0).low());
        assertEquals("coinbase_rest", candles.get(0).source());
        wm.verify(getRequestedFor(urlPathEqualTo("/products/BTC-USD/candles")).withQueryParam("granularity", equalTo("60")));
        ProviderException sec = assertThrows(ProviderException.class,
                () -> provider(Map.of()).candles(TradePair.BTCUSD, BASE - 1_000, BASE, Timespan.SECOND));
        assertEquals(Kind.NOT_FOUND, sec.kind());
    }

    @Test
    void aLongRangeIsPagedInChunksOf300() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/candles")).willReturn(okJson(fixture("coinbase/rest-candles-btc-1m.json"))));
        provider(Map.of()).candles(TradePair.BTCUSD, BASE - 86_400_000L, BASE, Timespan.MINUTE);
        wm.verify(5, getRequestedFor(urlPathEqualTo("/products/BTC-USD/candles"))); // 1441 minutes / 300
    }

    @Test
    void recentSourcesAddsTheLiveTickerNearNow() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/candles")).willReturn(okJson(fixture("coinbase/rest-candles-btc-1m.json"))));
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/ticker")).willReturn(okJson(fixture("coinbase/rest-ticker-btc.json"))));
        List<PriceSource> recent = provider(Map.of()).recentSources(TradePair.BTCUSD, BASE + 100);
        assertEquals(0, recent.get(0).lagMs());
        assertEquals(0, recent.get(0).timespanMs(), "the ticker is nearest");
        assertEquals(4, recent.size());
    }

    @Test
    void quotesComeFromTheTickerAndACrossedOneIsRefused() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/products/ETH-USD/ticker")).willReturn(okJson(fixture("coinbase/rest-ticker-btc.json"))));
        PriceSource q = provider(Map.of()).quote(TradePair.ETHUSD, BASE + 1_000).orElseThrow();
        assertEquals(86712.24, q.bid());
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/ticker")).willReturn(okJson(fixture("coinbase/rest-ticker-crossed.json"))));
        CoinbaseProvider p = provider(Map.of());
        ProviderException e = assertThrows(ProviderException.class, () -> p.quote(TradePair.BTCUSD, BASE + 1_000));
        assertEquals(Kind.BAD_DATA, e.kind());
        ProviderException tao = assertThrows(ProviderException.class, () -> p.quote(TradePair.TAOUSD, BASE));
        assertEquals(Kind.NOT_FOUND, tao.kind());
    }

    @Test
    void restFailuresMapToTheirKindsAndDegrade() {
        CoinbaseProvider p = provider(Map.of("coinbase.degraded-after", "2"));
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/ticker")).willReturn(aResponse().withStatus(503)));
        assertEquals(Kind.UNAVAILABLE, assertThrows(ProviderException.class, () -> p.quote(TradePair.BTCUSD, BASE)).kind());
        wm.stubFor(get(urlPathEqualTo("/products/BTC-USD/candles")).willReturn(aResponse().withStatus(400)
                .withBody(fixture("coinbase/rest-error-bad-request.json"))));
        assertEquals(Kind.BAD_DATA, assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 60_000, BASE, Timespan.MINUTE)).kind());
        assertEquals(ProviderState.DEGRADED, p.health().restState());

        wm.stubFor(get(urlPathEqualTo("/products/ETH-USD/ticker")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
        ProviderException limited = assertThrows(ProviderException.class, () -> p.quote(TradePair.ETHUSD, BASE));
        assertEquals(Kind.RATE_LIMITED, limited.kind());
        assertEquals(5_000, limited.retryAfterMs());
        assertEquals(Kind.RATE_LIMITED, assertThrows(ProviderException.class, () -> p.quote(TradePair.SOLUSD, BASE)).kind());
        wm.verify(0, getRequestedFor(urlPathEqualTo("/products/SOL-USD/ticker")));

        CoinbaseProvider impatient = provider(Map.of("coinbase.rest-timeout", "1s"));
        wm.stubFor(get(urlPathEqualTo("/products/ADA-USD/ticker")).willReturn(okJson(fixture("coinbase/rest-ticker-btc.json")).withFixedDelay(3_500)));
        assertEquals(Kind.TIMEOUT, assertThrows(ProviderException.class, () -> impatient.quote(TradePair.ADAUSD, BASE)).kind());
        assertTrue(wm.findAll(getRequestedFor(anyUrl())).stream().allMatch(r -> r.getHeader("Authorization") == null),
                "keyless: no credentials are sent");
    }
}
