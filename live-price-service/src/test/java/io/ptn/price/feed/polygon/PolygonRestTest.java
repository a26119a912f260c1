package io.ptn.price.feed.polygon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ptn.price.feed.upstream.UpstreamFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Polygon REST against a real local WireMock server: parsing of recorded answers and every failure kind. */
@QuarkusTest
class PolygonRestTest extends UpstreamTestBase {

    static final long BASE = 1_764_000_000_000L;
    final AtomicLong clock = new AtomicLong(BASE + 2_000);

    PolygonProvider provider(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("polygon.api-key", "secret-key-1234");
        props.put("polygon.rest-url", restUrl());
        props.put("polygon.rest-timeout", "10s"); // generous: the build machine is shared and loaded
        props.putAll(overrides);
        return new PolygonProvider(UpstreamFixtures.mapping(PolygonConfig.class, props), upstream, clock::get);
    }

    PolygonProvider provider() {
        return provider(Map.of());
    }

    @Test
    void cryptoSecondBarsAreParsedWithTheKeyInAHeaderOnly() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/X:BTCUSD/range/1/second/" + (BASE - 3000) + "/" + BASE))
                .willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        PolygonProvider p = provider();
        List<PriceSource> bars = p.candles(TradePair.BTCUSD, BASE - 3000, BASE, Timespan.SECOND);
        assertEquals(3, bars.size());
        PriceSource first = bars.get(0);
        assertEquals("polygon_rest", first.source());
        assertEquals(1000, first.timespanMs());
        assertEquals(86700.0, first.open());
        assertEquals(86702.5, first.close());
        assertEquals(86703.0, first.high());
        assertEquals(86701.2, first.vwap());
        assertEquals(BASE - 2000, first.startMs());
        assertFalse(first.websocket());
        wm.verify(getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer secret-key-1234")));
        assertFalse(wm.getAllServeEvents().get(0).getRequest().getUrl().contains("secret-key"));
        assertFalse(p.toString().contains("secret-key-1234"));
        assertEquals(ProviderState.CONNECTED, p.health().restState());
    }

    @Test
    void forexAndEquityMinuteBarsUseTheirTickerPrefixes() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/C:EURUSD/range/1/minute/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-forex-minute.json"))));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/minute/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-equities-minute.json"))));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/I:SPX/range/1/day/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
        PolygonProvider p = provider();
        assertEquals(3, p.candles(TradePair.EURUSD, BASE - 180_000, BASE, Timespan.MINUTE).size());
        List<PriceSource> aapl = p.candles(TradePair.AAPL, BASE - 120_000, BASE, Timespan.MINUTE);
        assertEquals(2, aapl.size());
        assertEquals(60_000, aapl.get(0).timespanMs());
        assertTrue(p.candles(TradePair.SPX, BASE - 86_400_000L, BASE, Timespan.DAY).isEmpty());
        ProviderException ftse = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.FTSE, BASE - 60_000, BASE, Timespan.MINUTE));
        assertEquals(Kind.NOT_FOUND, ftse.kind());
        assertFalse(p.pairs().contains(TradePair.FTSE));
    }

    @Test
    void brokenBarsAreNeverReturned() throws Exception {
        // zero open, negative close, missing close, high below low, a bar from the future; one good bar
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/second/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-bad-bars.json"))));
        List<PriceSource> bars = provider().candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND);
        assertEquals(1, bars.size());
        assertEquals(86700.5, bars.get(0).vwap());
    }

    @Test
    void anAnswerWithOnlyBrokenBarsIsBadData() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(okJson(fixture("polygon/rest-aggs-all-bad.json"))));
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider().candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.BAD_DATA, e.kind());
    }

    @Test
    void malformedJsonIsBadData() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"o\":1")));
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider().candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.BAD_DATA, e.kind());
    }

    @Test
    void serverErrorsAreUnavailableAndDegradeAfterThreeInARow() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(502)));
        PolygonProvider p = provider();
        for (int i = 0; i < 3; i++) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
            assertEquals(Kind.UNAVAILABLE, e.kind());
        }
        assertEquals(ProviderState.DEGRADED, p.health().restState());
        assertEquals(3, p.health().consecutiveFailures());
        assertTrue(p.health().lastError().contains("502"));

        wm.resetAll();
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        assertEquals(3, assertDoesNotThrow(p).size());
        assertEquals(ProviderState.CONNECTED, p.health().restState());
        assertEquals(0, p.health().consecutiveFailures());
    }

    private static List<PriceSource> assertDoesNotThrow(PolygonProvider p) {
        try {
            return p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND);
        } catch (ProviderException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSlowAnswerIsATimeout() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))
                .withFixedDelay(3_500)));
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider(Map.of("polygon.rest-timeout", "1s")).candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @Test
    void rateLimitHonoursRetryAfterWithoutCallingAgain() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        PolygonProvider p = provider();
        ProviderException first = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.RATE_LIMITED, first.kind());
        assertEquals(30_000, first.retryAfterMs());
        assertEquals(ProviderState.DEGRADED, p.health().restState());
        assertEquals(BASE + 2_000 + 30_000, p.health().retryAfterUntilMs());

        clock.addAndGet(10_000);
        ProviderException second = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.RATE_LIMITED, second.kind());
        assertEquals(20_000, second.retryAfterMs());
        wm.verify(1, getRequestedFor(anyUrl()));

        clock.addAndGet(21_000);
        assertThrows(ProviderException.class, () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        wm.verify(2, getRequestedFor(anyUrl()));
    }

    @Test
    void aShortRetryAfterIsWaitedForAndTheCallRetried() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        PolygonProvider p = provider();
        assertEquals(3, p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND).size());
        wm.verify(2, getRequestedFor(anyUrl()));
        List<ServeEvent> served = wm.getAllServeEvents(); // newest first
        long waited = served.get(0).getRequest().getLoggedDate().getTime() - served.get(1).getRequest().getLoggedDate().getTime();
        assertTrue(waited >= 1_000, "the Retry-After of 1 s was honoured, waited " + waited + " ms");
        assertEquals(ProviderState.CONNECTED, p.health().restState());
        assertEquals(0, p.health().retryAfterUntilMs(), "a Retry-After waited out inside the call leaves no hold");
    }

    @Test
    void aServerErrorIsRetriedWithinTheSameCall() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).inScenario("flaky").whenScenarioStateIs("back")
                .willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        PolygonProvider p = provider();
        assertEquals(3, p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND).size());
        wm.verify(2, getRequestedFor(anyUrl()));
        assertEquals(0, p.health().consecutiveFailures());
    }

    @Test
    void aFailingUpstreamOpensTheBreakerAndLaterCallsFailWithoutCallingIt() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(502)));
        PolygonProvider p = provider();
        int calls = 0;
        while (breakers.currentState("polygon-rest") == CircuitBreakerState.CLOSED && calls++ < 20) {
            assertEquals(Kind.UNAVAILABLE, assertThrows(ProviderException.class,
                    () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND)).kind());
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("polygon-rest"));
        int sent = wm.getAllServeEvents().size();
        assertEquals(20, sent, "the breaker opens once half of 20 attempts (retries included) failed; here all did");

        ProviderException open = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.UNAVAILABLE, open.kind());
        assertTrue(open.getMessage().contains("circuit breaker is open"), open.getMessage());
        assertEquals(sent, wm.getAllServeEvents().size(), "an open breaker sends nothing upstream");
        assertEquals(ProviderState.DEGRADED, p.health().restState());
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("tiingo-rest"), "each provider has its own breaker");
    }

    @Test
    void notFoundAnswersNeverOpenTheBreaker() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(404)));
        PolygonProvider p = provider();
        for (int i = 0; i < 25; i++) {
            assertTrue(p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND).isEmpty());
        }
        wm.verify(25, getRequestedFor(anyUrl()));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("polygon-rest"));
        assertEquals(0, p.health().consecutiveFailures());
    }

    @Test
    void unauthorizedAnswersMarkTheProviderUnauthorized() {
        wm.stubFor(get(urlPathMatching("/v2/aggs/.*")).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}")));
        PolygonProvider p = provider();
        ProviderException e = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(ProviderState.UNAUTHORIZED, p.health().restState());
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PolygonProvider p = provider(Map.of("polygon.rest-url", "http://127.0.0.1:" + port));
        ProviderException e = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void withoutAKeyRestIsUnauthorizedAndNothingIsCalled() {
        PolygonProvider p = provider(Map.of("polygon.api-key", ""));
        ProviderException e = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 10_000, BASE, Timespan.SECOND));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void recentSourcesFallsBackFromSecondsToMinutesToPreviousClose() throws Exception {
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/second/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-crypto-second.json"))));
        List<PriceSource> btc = provider().recentSources(TradePair.BTCUSD, BASE + 500);
        assertEquals(3, btc.size());
        assertEquals(BASE, btc.get(0).startMs(), "sorted by distance to the target");
        assertEquals(499, btc.get(0).lagMs(), "a bar's distance is to its nearer end");

        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/second/.*")).willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/minute/.*")).willReturn(okJson(fixture("polygon/rest-aggs-empty.json"))));
        wm.stubFor(get(urlPathEqualTo("/v2/aggs/ticker/AAPL/prev")).willReturn(okJson(fixture("polygon/rest-prev-equities.json"))));
        List<PriceSource> aapl = provider().recentSources(TradePair.AAPL, BASE);
        assertEquals(1, aapl.size());
        assertEquals(0, aapl.get(0).timespanMs(), "the close at the session's end, not a 24 h bar");
        assertEquals(271.49, aapl.get(0).priceAt(BASE));
        assertEquals(1_763_758_800_000L, aapl.get(0).timeAt(BASE));
        assertEquals("polygon_rest_prev_close", aapl.get(0).source());
    }

    @Test
    void recentSourcesStaysWithinItsBudget() {
        // each call alone fits the 2 s budget, the two together do not
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/second/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-empty.json")).withFixedDelay(1_200)));
        wm.stubFor(get(urlPathMatching("/v2/aggs/ticker/X:BTCUSD/range/1/minute/.*"))
                .willReturn(okJson(fixture("polygon/rest-aggs-forex-minute.json")).withFixedDelay(1_200)));
        PolygonProvider p = new PolygonProvider(UpstreamFixtures.mapping(PolygonConfig.class, Map.of(
                "polygon.api-key", "k", "polygon.rest-url", restUrl(), "polygon.rest-timeout", "2s")),
                upstream, InstantSource.system());
        ProviderException e = assertThrows(ProviderException.class, () -> p.recentSources(TradePair.BTCUSD, BASE));
        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @Test
    void forexQuoteHasBidAndAskAndACrossedQuoteIsRefused() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/v1/last_quote/currencies/EUR/USD")).willReturn(okJson(fixture("polygon/rest-last-quote-forex.json"))));
        Optional<PriceSource> q = provider().quote(TradePair.EURUSD, BASE);
        assertTrue(q.isPresent());
        assertEquals(1.155, q.get().bid());
        assertEquals(1.1552, q.get().ask());
        assertEquals(500, q.get().lagMs());

        wm.stubFor(get(urlPathEqualTo("/v1/last_quote/currencies/EUR/USD")).willReturn(okJson(fixture("polygon/rest-last-quote-forex-crossed.json"))));
        ProviderException e = assertThrows(ProviderException.class, () -> provider().quote(TradePair.EURUSD, BASE));
        assertEquals(Kind.BAD_DATA, e.kind());
    }

    @Test
    void equityQuoteComesFromTheNbbo() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/v2/last/nbbo/AAPL")).willReturn(okJson(fixture("polygon/rest-nbbo-equities.json"))));
        PriceSource q = provider().quote(TradePair.AAPL, BASE).orElseThrow();
        assertEquals(271.49, q.bid());
        assertEquals(271.52, q.ask());
        assertEquals(BASE - 700, q.startMs());
        assertTrue(provider().quote(TradePair.BTCUSD, BASE).isEmpty(), "no crypto quote endpoint: empty, not an error");
        assertTrue(provider().quote(TradePair.AAPL, BASE - 60_000).isEmpty(), "a quote after the asked time is not served");
    }
}
