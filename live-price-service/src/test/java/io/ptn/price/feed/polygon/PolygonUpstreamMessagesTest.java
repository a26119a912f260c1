package io.ptn.price.feed.polygon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.RecordingSink;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.ptn.price.feed.upstream.WsTestServer;
import io.ptn.price.service.PairCatalog;
import io.ptn.price.service.PriceAnswer;
import io.ptn.price.service.PriceService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Polygon messages from outside this project (the official client's spec examples and recorded mocks, see
 * fixtures/upstream-messages/README.md) pushed through the real stream handler and REST parser.
 */
@QuarkusTest
class PolygonUpstreamMessagesTest extends UpstreamTestBase {

    static final String DIR = "upstream-messages/polygon/";
    static final long BASE = 1_764_000_000_000L; // 2025-11-24T16:00:00Z, time of the constructed samples
    /** The recorded AAPL /prev answer's t: 2022-04-26T20:00:00Z, 16:00 New York, the session close. */
    static final long AAPL_CLOSE = 1_651_003_200_000L;

    final AtomicLong clock = new AtomicLong(BASE + 2_000);
    WsTestServer server;
    PolygonProvider streaming;
    PolygonStream stream;

    @BeforeEach
    void startServers() throws Exception {
        List<String> happy = fixture(DIR + "ws-status-happy.frames").lines().filter(l -> !l.isBlank()).toList();
        // connected on open, success + auth_success after the auth message, the subscription confirmation last
        server = webSocketServer((ws, text) -> {
            if (text.contains("\"auth\"")) {
                ws.writeTextMessage(happy.get(1));
                ws.writeTextMessage(happy.get(2));
            } else if (text.contains("\"subscribe\"")) {
                ws.writeTextMessage(happy.get(3));
            }
        }, ws -> ws.writeTextMessage(happy.get(0)));
    }

    PolygonProvider provider() {
        Map<String, String> props = new HashMap<>();
        props.put("polygon.api-key", "good-key");
        props.put("polygon.ws-url", server.url());
        props.put("polygon.rest-url", restUrl());
        props.put("polygon.rest-timeout", "10s");
        return new PolygonProvider(UpstreamFixtures.mapping(PolygonConfig.class, props), upstream, clock::get);
    }

    PolygonStream started(String market) {
        streaming = provider();
        stream = (PolygonStream) streaming.streams().stream().filter(s -> s.id().equals("polygon:" + market))
                .findFirst().orElseThrow();
        running.add(stream);
        stream.start(sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.connected.get() == 1);
        await().until(() -> server.received.size() == 2); // auth, subscribe
        return stream;
    }

    // ---- websocket ----

    @Test
    void cryptoTradesAreCoinbasePrintsOnlyTimedByPolygonsReceiveTime() throws Exception {
        PolygonStream s = started("crypto");
        // coinbase t=150 r=180, kraken t=100 r=460, bitfinex t=300 r=320, coinbase t=290 r=330
        server.send(fixture(DIR + "ws-xt-multi-venue.json"));
        await().until(() -> sink.events.size() == 2);
        List<RecordingSink.Event> btc = sink.eventsFor(TradePair.BTCUSD);
        assertEquals(List.of(86712.25, 86713.00), btc.stream().map(e -> e.source().open()).toList());
        assertEquals(List.of(BASE + 180, BASE + 330), btc.stream().map(e -> e.source().startMs()).toList());
        for (RecordingSink.Event e : btc) {
            assertEquals(0, e.source().timespanMs());
            assertEquals(0, e.source().bid());
            assertEquals(0, e.source().ask());
            assertTrue(e.source().websocket());
        }
        assertTrue(sink.malformed.isEmpty(), "no Coinbase print may be thrown away: " + sink.malformed);
        assertEquals(2, s.droppedOffVenue());

        // the spec's own example is a venue-3 print: not Coinbase, not served
        clock.set(1_610_462_007_576L + 1_000);
        server.send(fixture(DIR + "ws-xt-spec-example.json"));
        await().until(() -> s.droppedOffVenue() == 3);
        Thread.sleep(100);
        assertEquals(2, sink.events.size());
        assertTrue(sink.malformed.isEmpty());
    }

    @Test
    void equityTradesAreNasdaqPrintsOnly() throws Exception {
        PolygonStream s = started("equities");
        // Nasdaq odd lot at 271.49; condition 2 (average price) at -2 % and condition 10 from a trade reporting facility
        server.send(fixture(DIR + "ws-t-non-last-conditions.json"));
        await().until(() -> s.droppedOffVenue() == 2);
        Thread.sleep(100);
        List<RecordingSink.Event> aapl = sink.eventsFor(TradePair.AAPL);
        assertEquals(1, aapl.size(), aapl.toString());
        assertEquals(271.49, aapl.get(0).source().open());
        assertEquals(BASE + 100, aapl.get(0).source().startMs());
        assertEquals(0, aapl.get(0).source().timespanMs());

        // the client's mock server: AAPL from NYSE (10), AMZN from Nasdaq (12) and from FINRA ADF (4)
        clock.set(1_651_684_192_717L + 1_000);
        server.send(fixture(DIR + "ws-t-client-mock.json"));
        await().until(() -> sink.eventsFor(TradePair.AMZN).size() == 1 && s.droppedOffVenue() == 4);
        assertEquals(161.87, sink.eventsFor(TradePair.AMZN).get(0).source().open());
        assertEquals(1_651_684_192_536L, sink.eventsFor(TradePair.AMZN).get(0).source().startMs());

        // the spec example: MSFT reported by FINRA ADF (4)
        clock.set(1_536_036_818_784L + 1_000);
        server.send(fixture(DIR + "ws-t-spec-example.json"));
        await().until(() -> s.droppedOffVenue() == 5);
        Thread.sleep(100);
        assertTrue(sink.eventsFor(TradePair.MSFT).isEmpty());
        assertEquals(1, sink.eventsFor(TradePair.AAPL).size());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
    }

    @Test
    void forexQuotesOfTheSpecShapeGiveTheMedianOfTheSecond() {
        clock.set(BASE + 1_500);
        started("forex");
        // x is a string in the first quote and a number in the others; two quotes in second 0, one in second 1
        server.send(fixture(DIR + "ws-c-eurusd-spec-shape.json"));
        await().until(() -> sink.eventsFor(TradePair.EURUSD).size() == 1);
        PriceSource q = sink.eventsFor(TradePair.EURUSD).get(0).source();
        assertEquals((1.15518 + 1.15520) / 2, q.bid(), 1e-12);
        assertEquals((1.15521 + 1.15525) / 2, q.ask(), 1e-12);
        assertEquals((q.bid() + q.ask()) / 2, q.open(), 1e-12);
        assertEquals(BASE + 600, q.startMs());
        assertEquals(0, q.timespanMs());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
    }

    @Test
    void forceDisconnectEndsTheConnectionForAReconnectWithBackoff() {
        PolygonStream s = started("crypto");
        server.send(fixture(DIR + "ws-status-force_disconnect.json"));
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).contains("force_disconnect"), sink.closed.get(0));
        assertEquals(ProviderState.DEGRADED, s.state());
        assertTrue(sink.standby.isEmpty(), "not a standby: the supervisor reconnects with its backoff");
        assertTrue(sink.unauthorized.isEmpty());
        assertEquals(0, s.holdUntilMs(), "no hold: the next start connects");

        s.stop();
        s.start(sink);
        await().until(() -> sink.connected.get() == 2);
        assertEquals(2, server.connections.get());
    }

    @Test
    void slowConsumerIsCountedAndTheConnectionKept() {
        PolygonStream s = started("crypto");
        server.send(fixture(DIR + "ws-status-slow_consumer.json"));
        await().until(() -> s.slowConsumerWarnings() == 1);
        assertTrue(sink.closed.isEmpty());
        assertEquals(ProviderState.CONNECTED, s.state());
        server.send(fixture(DIR + "ws-xt-multi-venue.json"));
        await().until(() -> sink.events.size() == 2);
        assertEquals(1L, streaming.dropCounts().get("polygon:crypto.slowConsumer"));

        // when Polygon then drops the slow connection (policy close), that is a fault to reconnect from, not a kick
        server.last().close((short) 1008, "slow consumer");
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.standby.isEmpty(), "a slow consumer dropped by Polygon must not stand by for 10 minutes");
        assertEquals(ProviderState.DEGRADED, s.state());
    }

    // ---- REST ----

    /** The real selection over this provider alone (its REST pool's daemon threads end on their own). */
    private static PriceService service(PolygonProvider p) {
        PriceConfig config = UpstreamFixtures.mapping(PriceConfig.class, Map.of("price.providers", "polygon"));
        return new PriceService(new ProviderRegistry(List.of("polygon"), List.<PriceProvider>of(p)),
                new EventBuffer(300_000, 64), new PairCatalog(config), config, new SimpleMeterRegistry(),
                InstantSource.system(), new MarketCalendar());
    }

    private void noAggregates(String ticker) {
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + ticker + "/range/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
    }

    @Test
    void afterHoursTheRestFallbackServesThePreviousCloseAtTheSessionClose() {
        noAggregates("AAPL");
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/AAPL/prev"))
                .willReturn(okJson(fixture(DIR + "rest-prev-stocks-client-mock.json"))));
        PolygonProvider p = provider();
        PriceService prices = service(p);

        long evening = 1_651_023_000_000L; // 2022-04-26 21:30 New York
        clock.set(evening);
        PriceAnswer a = prices.price(TradePair.AAPL, evening);
        assertEquals(156.8, a.price(), "the close, not the open 162.25");
        assertEquals(AAPL_CLOSE, a.timestampMs());
        assertEquals(evening - AAPL_CLOSE, a.ageMs());
        assertFalse(a.marketOpen());
        PriceSource served = a.sources().get(0);
        assertEquals(0, served.timespanMs(), "a price at one instant, not a 24 h bar");
        assertEquals(0, served.bid());
        assertEquals(0, served.ask());
        assertEquals("polygon_rest_prev_close", served.source());

        long nextMorning = 1_651_064_400_000L; // 2022-04-27 09:00 New York, before the open
        clock.set(nextMorning);
        PriceAnswer m = prices.price(TradePair.AAPL, nextMorning);
        assertEquals(156.8, m.price());
        assertEquals(AAPL_CLOSE, m.timestampMs(), "stamped when it was the close, never later than asked");
        assertTrue(m.stale(), "17 h old: flagged, not passed off as fresh");
    }

    @Test
    void forexPreviousCloseIsTheCloseAtTheEndOfTheDay() throws Exception {
        noAggregates("C:EURUSD");
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/C:EURUSD/prev"))
                .willReturn(okJson(fixture(DIR + "rest-prev-forex-spec.json"))));
        long after = 1_651_710_600_000L; // 2022-05-05T00:30Z, 30 min after the bar's t (23:59:59.999)
        clock.set(after);
        List<PriceSource> found = provider().recentSources(TradePair.EURUSD, after);
        assertEquals(1, found.size());
        PriceSource s = found.get(0);
        assertEquals(1.06206, s.priceAt(after), "the close, not the open 1.05252");
        assertEquals(1_651_708_799_999L, s.timeAt(after));
        assertEquals(after - 1_651_708_799_999L, s.lagMs());
    }

    @Test
    void aPreviousCloseAfterTheAskedTimeIsNotServed() throws Exception {
        noAggregates("AAPL");
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/AAPL/prev"))
                .willReturn(okJson(fixture(DIR + "rest-prev-stocks-client-mock.json"))));
        long duringSession = AAPL_CLOSE - 3_600_000L; // 15:00 New York on the same day
        clock.set(AAPL_CLOSE + 60_000);
        assertTrue(provider().recentSources(TradePair.AAPL, duringSession).isEmpty(),
                "the 16:00 close is not a price at 15:00");
        // the spec example is served as its close at its t
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/AAPL/prev"))
                .willReturn(okJson(fixture(DIR + "rest-prev-stocks-spec.json"))));
        long t = 1_605_042_000_000L; // 2020-11-10 16:00 New York
        clock.set(t + 3_600_000L);
        PriceSource s = provider().recentSources(TradePair.AAPL, t + 3_600_000L).get(0);
        assertEquals(115.97, s.priceAt(t + 3_600_000L));
        assertEquals(t, s.timeAt(t + 3_600_000L));
    }

    @Test
    void dayAggregatesOfTheSpecAreDayBarsFromTheirStart() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/day/.*"))
                .willReturn(okJson(fixture(DIR + "rest-aggs-crypto-day-spec.json"))));
        clock.set(1_591_200_000_000L);
        List<PriceSource> bars = provider().candles(TradePair.BTCUSD, 1_590_984_000_000L, 1_591_070_400_000L, Timespan.DAY);
        assertEquals(2, bars.size());
        PriceSource first = bars.get(0);
        assertEquals(9557.9, first.open());
        assertEquals(10094.75, first.close());
        assertEquals(10429.26, first.high());
        assertEquals(9490.0, first.low());
        assertEquals(9874.5529, first.vwap());
        assertEquals(1_590_984_000_000L, first.startMs());
        assertEquals(Timespan.DAY.millis(), first.timespanMs());
    }

    @Test
    void quotesOfTheSpecCarryBidAndAskAtTheirTime() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/v1/last_quote/currencies/AUD/USD"))
                .willReturn(okJson(fixture(DIR + "rest-last-quote-forex-spec.json"))));
        wm.stubFor(get(urlPathEqualTo("/v2/last/nbbo/AAPL")).willReturn(okJson(fixture(DIR + "rest-nbbo-spec.json"))));
        PolygonProvider p = provider();
        clock.set(1_605_557_756_000L + 1_000);
        PriceSource fx = p.quote(TradePair.AUDUSD, 1_605_557_756_500L).orElseThrow();
        assertEquals(0.73122, fx.bid());
        assertEquals(0.73124, fx.ask());
        assertEquals((0.73122 + 0.73124) / 2, fx.open(), 1e-12);
        assertEquals(1_605_557_756_000L, fx.startMs());
        assertEquals(500, fx.lagMs());

        clock.set(1_617_827_221_349L + 1_000);
        PriceSource nbbo = p.quote(TradePair.AAPL, 1_617_827_221_449L).orElseThrow();
        assertEquals(127.96, nbbo.bid());
        assertEquals(127.98, nbbo.ask());
        assertEquals(1_617_827_221_349L, nbbo.startMs(), "SIP time in ns, read as ms");
    }

}
