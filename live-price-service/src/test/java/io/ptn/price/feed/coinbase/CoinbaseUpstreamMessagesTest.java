package io.ptn.price.feed.coinbase;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.ptn.price.feed.upstream.WsTestServer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Coinbase Exchange's documented examples and the first-ticker shape reported in its client's issues
 * (fixtures/upstream-messages/README.md), through the real stream handler and REST parser.
 */
@QuarkusTest
class CoinbaseUpstreamMessagesTest extends UpstreamTestBase {

    static final String DIR = "upstream-messages/coinbase/";
    /** The docs example's time, 2022-10-19T23:28:22.061769Z, in ms. */
    static final long DOCS_TIME = Instant.parse("2022-10-19T23:28:22.061Z").toEpochMilli();

    final AtomicLong clock = new AtomicLong(DOCS_TIME + 1_000);
    WsTestServer ws;
    CoinbaseStream stream;

    @BeforeEach
    void startServers() throws Exception {
        String subscriptions = fixture(DIR + "ws-control-docs.frames").lines().findFirst().orElseThrow();
        ws = webSocketServer((socket, text) -> {
            if (text.contains("\"subscribe\"")) {
                socket.writeTextMessage(subscriptions);
            }
        }, socket -> { });
    }

    CoinbaseProvider provider() {
        return new CoinbaseProvider(UpstreamFixtures.mapping(CoinbaseConfig.class, Map.of(
                "coinbase.ws-url", ws.url(), "coinbase.rest-url", restUrl(),
                "coinbase.rest-timeout", "10s")), upstream, clock::get);
    }

    CoinbaseStream connected() {
        stream = provider().coinbaseStream();
        running.add(stream);
        stream.start(sink);
        await().until(() -> sink.connected.get() == 1);
        return stream;
    }

    @Test
    void theDocsTickerIsALastPriceWithTheBestBidAndAsk() {
        connected();
        ws.send(fixture(DIR + "ws-ticker-docs-example.json"));
        await().until(() -> sink.events.size() == 1);
        PriceSource eth = sink.eventsFor(TradePair.ETHUSD).get(0).source();
        assertEquals(1285.22, eth.open());
        assertEquals(1285.04, eth.bid());
        assertEquals(1285.27, eth.ask());
        assertEquals(DOCS_TIME, eth.startMs(), "microseconds cut to ms");
        assertEquals(0, eth.timespanMs());
        assertTrue(eth.websocket());
    }

    @Test
    void theFirstTickerAfterSubscribeWithoutTimeIsServedAtItsReceiveTime() throws Exception {
        long receivedAt = DOCS_TIME - 5_000;
        clock.set(receivedAt);
        connected();
        String snapshot = fixture(DIR + "ws-ticker-initial-snapshot-2017-shape.json");
        ws.send(snapshot);
        await().until(() -> sink.events.size() == 1);
        PriceSource eth = sink.eventsFor(TradePair.ETHUSD).get(0).source();
        assertEquals(1285.22, eth.open());
        assertEquals(1285.04, eth.bid());
        assertEquals(1285.27, eth.ask());
        assertEquals(receivedAt, eth.startMs(), "no time in the message: the time we received it");
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());

        // only the first ticker of a product may lack its time; a later one without time stays malformed
        clock.addAndGet(1_000);
        ws.send(snapshot.replace("305122881", "305122882"));
        await().until(() -> sink.malformed.size() == 1);
        assertEquals(1, sink.events.size());

        // the next real ticker (time and trade_id present) follows as usual
        clock.set(DOCS_TIME + 1_000);
        ws.send(fixture(DIR + "ws-ticker-docs-example.json"));
        await().until(() -> sink.events.size() == 2);
        assertEquals(DOCS_TIME, sink.events.get(1).source().startMs());
    }

    @Test
    void controlFramesAreNotPrices() {
        connected();
        List<String> frames = fixture(DIR + "ws-control-docs.frames").lines().filter(l -> !l.isBlank()).toList();
        ws.send(frames.get(1)); // heartbeat: ignored
        ws.send(frames.get(2)); // error: counted
        await().until(() -> sink.malformed.size() == 1);
        assertTrue(sink.malformed.get(0).contains("error message"));
        assertTrue(sink.events.isEmpty());
        assertTrue(sink.closed.isEmpty());
    }

    @Test
    void restCandlesAndTickerInTheDocumentedOrder() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/products/ETH-USD/candles")).willReturn(okJson(fixture(DIR + "rest-candles-docs-order.json"))));
        wm.stubFor(get(urlPathEqualTo("/products/ETH-USD/ticker")).willReturn(okJson(fixture(DIR + "rest-ticker-docs-schema.json"))));
        clock.set(1_666_222_200_000L); // 23:30, after both candles
        CoinbaseProvider p = provider();
        List<PriceSource> candles = p.candles(TradePair.ETHUSD, 1_666_222_080_000L, 1_666_222_140_000L, Timespan.MINUTE);
        assertEquals(2, candles.size());
        PriceSource first = candles.get(0); // [1666222080, low 1283.00, high 1285.60, open 1284.20, close 1285.00]
        assertEquals(1_666_222_080_000L, first.startMs());
        assertEquals(1283.00, first.low());
        assertEquals(1285.60, first.high());
        assertEquals(1284.20, first.open());
        assertEquals(1285.00, first.close());
        assertEquals(60_000, first.timespanMs());
        assertEquals(1286.50, candles.get(1).close());

        PriceSource q = p.quote(TradePair.ETHUSD, DOCS_TIME + 500).orElseThrow();
        assertEquals(1285.22, q.open());
        assertEquals(1285.04, q.bid());
        assertEquals(1285.27, q.ask());
        assertEquals(DOCS_TIME, q.startMs());
    }
}
