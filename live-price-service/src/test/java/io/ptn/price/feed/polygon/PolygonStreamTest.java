package io.ptn.price.feed.polygon;

import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.ptn.price.feed.upstream.WsTestServer;
import io.quarkus.test.junit.QuarkusTest;

/** Polygon websocket streams against a real local websocket server that answers like Polygon's clusters. */
@QuarkusTest
class PolygonStreamTest extends UpstreamTestBase {

    static final long BASE = 1_764_000_000_000L; // 2025-11-24T16:00:00Z, fixture time

    final AtomicLong clock = new AtomicLong(BASE + 2_000);
    volatile String authReply;
    WsTestServer server;
    PolygonStream stream;

    @BeforeEach
    void startServer() throws Exception {
        authReply = "ws-status-auth-success.json";
        server = webSocketServer((ws, text) -> {
            if (text.contains("\"auth\"")) {
                ws.writeTextMessage(text.contains("\"good-key\"") ? fixture("polygon/" + authReply)
                        : fixture("polygon/ws-status-auth-failed.json"));
            }
        }, ws -> ws.writeTextMessage(fixture("polygon/ws-status-connected.json")));
    }

    PolygonProvider provider(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("polygon.api-key", "good-key");
        props.put("polygon.ws-url", server.url());
        props.put("polygon.rest-url", "http://127.0.0.1:9");
        props.putAll(overrides);
        return new PolygonProvider(UpstreamFixtures.mapping(PolygonConfig.class, props), upstream, clock::get);
    }

    PolygonStream stream(PolygonProvider provider, String market) {
        List<PriceStream> streams = provider.streams();
        stream = (PolygonStream) streams.stream().filter(s -> s.id().equals("polygon:" + market)).findFirst().orElseThrow();
        running.add(stream);
        return stream;
    }

    PolygonStream started(String market) {
        PolygonStream s = stream(provider(Map.of()), market);
        s.start(sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.connected.get() == 1);
        return s;
    }

    void sendFrames(String fixture) {
        for (String line : fixture(fixture).split("\n")) {
            if (!line.isBlank()) {
                server.send(line);
            }
        }
    }

    @Test
    void oneStreamPerMarketWithStableIds() {
        PolygonProvider p = provider(Map.of());
        assertEquals(List.of("polygon:crypto", "polygon:forex", "polygon:equities"),
                p.streams().stream().map(PriceStream::id).toList());
        assertEquals(0, server.connections.get(), "creating streams must not connect");
    }

    @Test
    void cryptoTradesReachTheSinkAfterAuthAndSubscribe() {
        started("crypto");
        assertEquals("/crypto", server.paths.get(0));
        assertTrue(server.received.get(0).contains("\"action\":\"auth\""));
        assertTrue(server.received.get(0).contains("\"params\":\"good-key\""));
        await().until(() -> server.received.size() == 2);
        assertTrue(server.received.get(1).contains("\"action\":\"subscribe\""));
        assertTrue(server.received.get(1).contains("XT.BTC-USD"));
        assertTrue(server.received.get(1).contains("XT.ETH-USD"));
        assertEquals(ProviderState.CONNECTED, stream.state());

        server.send(fixture("polygon/ws-crypto-trades.json"));
        await().until(() -> sink.events.size() == 3);
        var btc = sink.eventsFor(TradePair.BTCUSD);
        assertEquals(2, btc.size());
        assertEquals(86712.25, btc.get(0).source().open());
        assertEquals(BASE + 120, btc.get(0).source().startMs(), "Polygon's receive time r, not the venue's t");
        assertEquals("polygon_ws", btc.get(0).source().source());
        assertTrue(btc.get(0).source().websocket());
        assertEquals(0, btc.get(0).source().timespanMs());
        assertEquals(2841.5, sink.eventsFor(TradePair.ETHUSD).get(0).source().open());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
    }

    @Test
    void brokenCryptoEventsAreDroppedAndReported() {
        started("crypto");
        sendFrames("polygon/ws-crypto-broken.frames");
        // 12 frames: one good trade, eleven broken (malformed JSON, missing price, NaN, zero, negative, future,
        // far past, out of order, no ev, no pair, not an object)
        await().until(() -> sink.malformed.size() == 11);
        assertEquals(1, sink.events.size());
        assertEquals(86720.5, sink.events.get(0).source().open());
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("malformed JSON")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("future")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("too old")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("out-of-order")));
        assertTrue(sink.closed.isEmpty(), "bad events must not kill the connection");
    }

    @Test
    void forexKeepsTheMedianQuoteOfEachSecondAndDropsWideSpreads() {
        clock.set(BASE + 1_500); // inside second 1: second 0 is over, second 1 is not
        started("forex");
        assertEquals("/forex", server.paths.get(0));
        await().until(() -> server.received.size() == 2);
        assertTrue(server.received.get(1).contains("C.EUR/USD"));

        server.send(fixture("polygon/ws-forex-quotes.json"));
        // the first quote of second 1 closes second 0 of EUR/USD: medians of three quotes (the wide one dropped)
        await().until(() -> sink.eventsFor(TradePair.EURUSD).size() == 1 && sink.eventsFor(TradePair.GBPUSD).size() == 1);
        var first = sink.eventsFor(TradePair.EURUSD).get(0).source();
        assertEquals(1.1550, first.bid(), 1e-12);
        assertEquals(1.1552, first.ask(), 1e-12);
        assertEquals(1.1551, first.open(), 1e-12);
        assertEquals(BASE + 800, first.startMs());
        assertEquals(1, stream.droppedWideSpread());

        clock.set(BASE + 2_500); // second 1 is over: the periodic flush hands it out
        await().until(() -> sink.eventsFor(TradePair.EURUSD).size() == 2);
        assertEquals(1.1560, sink.eventsFor(TradePair.EURUSD).get(1).source().bid(), 1e-12);
        assertEquals(1.3103, sink.eventsFor(TradePair.GBPUSD).get(0).source().ask(), 1e-12);

        sendFrames("polygon/ws-forex-broken.frames"); // crossed, missing ask, late for a finished second, zero
        await().until(() -> sink.malformed.size() == 4);
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("bid above ask")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("out-of-order")));
        clock.set(BASE + 5_000);
        assertEquals(3, sink.events.size(), "nothing broken may come out of a later flush");
    }

    @Test
    void equityTradesFlaggedOutOfHoursAreSkipped() {
        started("equities");
        assertEquals("/stocks", server.paths.get(0));
        // Nasdaq: AAPL regular, AAPL Form T (12), MSFT regular; NVDA from FINRA ADF (4)
        server.send(fixture("polygon/ws-equity-trades.json"));
        await().until(() -> sink.events.size() == 2 && stream.droppedOffVenue() == 1);
        assertEquals(1, sink.eventsFor(TradePair.AAPL).size());
        assertEquals(271.49, sink.eventsFor(TradePair.AAPL).get(0).source().open());
        assertEquals(1, sink.eventsFor(TradePair.MSFT).size());
        assertTrue(sink.eventsFor(TradePair.NVDA).isEmpty());
        assertEquals(1, stream.droppedOutOfHours());
    }

    @Test
    void authFailureIsUnauthorizedAndHeldWithoutAReconnectStorm() {
        PolygonStream s = stream(provider(Map.of("polygon.api-key", "bad-key")), "crypto");
        s.start(sink);
        await().until(() -> sink.unauthorized.size() == 1);
        assertTrue(sink.unauthorized.get(0).contains("not authorized"));
        assertFalse(sink.unauthorized.get(0).contains("bad-key"), "the key must never be reported");
        assertEquals(ProviderState.UNAUTHORIZED, s.state());
        assertEquals(0, sink.connected.get());
        assertTrue(sink.closed.isEmpty(), "exactly one terminal callback per connection");
        assertTrue(sink.standby.isEmpty(), "an auth failure is not a standby");

        for (int i = 0; i < 5; i++) { // a supervisor restarting early gets the same answer, without a connection
            s.stop();
            s.start(sink);
            int expected = i + 2;
            await().until(() -> sink.unauthorized.size() == expected);
        }
        assertEquals(1, server.connections.get());
        assertEquals(1, s.connectAttempts());

        clock.addAndGet(Duration.ofMinutes(6).toMillis()); // polygon.unauthorized-retry = 5m has passed
        s.stop();
        s.start(sink);
        await().until(() -> server.connections.get() == 2);
    }

    @Test
    void maxConnectionsPutsTheStreamOnStandbyForTheLongHold() {
        authReply = "ws-status-max-connections.json";
        PolygonStream s = stream(provider(Map.of()), "crypto");
        s.start(sink);
        await().until(() -> sink.standby.size() == 1);
        assertEquals(ProviderState.STANDBY, s.state());
        assertTrue(sink.standby.get(0).contains("standing by"));
        assertTrue(sink.unauthorized.isEmpty(), "max_connections is not an auth failure");
        assertEquals(s.holdUntilMs(), sink.standbyUntil.get(0), "the supervisor is told how long to stand by");
        long hold = s.holdUntilMs() - clock.get();
        assertTrue(hold >= Duration.ofMinutes(10).toMillis() && hold <= Duration.ofMinutes(12).toMillis(), "hold " + hold);
        assertTrue(provider(Map.of()).health().streams().isEmpty(), "another provider instance has its own streams");

        s.stop();
        s.start(sink);
        await().until(() -> sink.standby.size() == 2);
        assertEquals(1, server.connections.get());
        assertEquals(ProviderState.STANDBY, s.state());

        authReply = "ws-status-auth-success.json";
        clock.addAndGet(Duration.ofMinutes(13).toMillis());
        s.stop();
        s.start(sink);
        await().until(() -> sink.connected.get() == 1);
        assertEquals(ProviderState.CONNECTED, s.state());
    }

    @Test
    void beingKickedByAnotherConnectionGoesToStandby() {
        PolygonStream s = started("crypto");
        server.last().close((short) 1008, "policy violation");
        await().until(() -> sink.standby.size() == 1);
        assertEquals(ProviderState.STANDBY, s.state());
        assertTrue(sink.closed.isEmpty());
        assertTrue(sink.unauthorized.isEmpty());
    }

    @Test
    void anUpstreamCloseIsReportedAndARestartReconnects() {
        PolygonStream s = started("crypto");
        server.last().close();
        await().until(() -> sink.closed.size() == 1);
        assertEquals(ProviderState.DEGRADED, s.state());
        assertTrue(sink.unauthorized.isEmpty());
        s.stop();
        s.start(sink);
        await().until(() -> sink.connected.get() == 2);
        assertEquals(2, server.connections.get());
    }

    @Test
    void aRefusedConnectionIsReportedAsClosed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PolygonStream s = stream(provider(Map.of("polygon.ws-url", "ws://127.0.0.1:" + port)), "crypto");
        s.start(sink);
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).contains("cannot connect"));
        assertEquals(ProviderState.DEGRADED, s.state());
    }

    @Test
    void withoutAKeyNothingConnectsAndTheStreamIsUnauthorized() {
        PolygonStream s = stream(provider(Map.of("polygon.api-key", "")), "crypto");
        s.start(sink);
        await().until(() -> sink.unauthorized.size() == 1);
        assertTrue(sink.unauthorized.get(0).contains("no polygon api key"));
        assertEquals(0, server.connections.get());
        assertEquals(ProviderState.UNAUTHORIZED, s.state());
    }

    @Test
    void theKeyCanComeFromAMountedSecretFile() throws Exception {
        Path file = Files.createTempFile("polygon", ".key");
        Files.writeString(file, "good-key\n");
        try {
            PolygonStream s = stream(provider(Map.of("polygon.api-key", "", "polygon.api-key-file", file.toString())), "crypto");
            s.start(sink);
            await().until(() -> sink.connected.get() == 1);
            assertTrue(server.received.get(0).contains("\"params\":\"good-key\""));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aStoppedStreamNeverCallsTheSinkAgain() throws Exception {
        PolygonStream s = started("crypto");
        s.stop();
        server.send(fixture("polygon/ws-crypto-trades.json"));
        Thread.sleep(300); // give a wrongly delivered message time to arrive
        assertTrue(sink.events.isEmpty());
        assertTrue(sink.closed.isEmpty(), "stop() must not call back into the sink");
        assertEquals(ProviderState.STOPPED, s.state());
    }
}
