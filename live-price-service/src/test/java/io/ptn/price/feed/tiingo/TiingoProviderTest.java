package io.ptn.price.feed.tiingo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Tiingo pollers and history against a real local WireMock server. */
@QuarkusTest
class TiingoProviderTest extends UpstreamTestBase {

    static final long BASE = 1_764_000_000_000L; // Monday 2025-11-24 16:00Z: forex and NYSE open
    final AtomicLong clock = new AtomicLong(BASE + 2_000);

    TiingoProvider provider(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("tiingo.api-key", "tiingo-secret-9876");
        props.put("tiingo.rest-url", restUrl());
        props.put("tiingo.poll-interval", "0.2s");
        props.put("tiingo.rest-timeout", "10s"); // generous: the build machine is shared and loaded
        props.putAll(overrides);
        return new TiingoProvider(UpstreamFixtures.mapping(TiingoConfig.class, props), upstream, clock::get, new MarketCalendar());
    }

    TiingoProvider provider() {
        return provider(Map.of());
    }

    TiingoPoller start(TiingoProvider p, String market) {
        TiingoPoller poller = (TiingoPoller) p.streams().stream().filter(s -> s.id().equals("tiingo:" + market))
                .findFirst().orElseThrow();
        poller.start(sink);
        running.add(poller);
        return poller;
    }

    @Test
    void oneSupervisedPollerPerMarketAndNothingHappensBeforeStart() throws Exception {
        TiingoProvider p = provider();
        assertEquals(List.of("tiingo:forex", "tiingo:crypto", "tiingo:equities"), p.streams().stream().map(PriceStream::id).toList());
        Thread.sleep(300);
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void forexPollerServesValidQuotesAndDropsBrokenOnes() {
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/top")).inScenario("polls").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("tiingo/fx-top.json"))).willSetStateTo("later"));
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/top")).inScenario("polls").whenScenarioStateIs("later")
                .willReturn(okJson(fixture("tiingo/fx-top-later.json"))));
        TiingoPoller poller = start(provider(), "forex");

        // first poll: eurusd and gbpusd good; usdjpy crossed, audusd without bid, usdcad future, nzdusd an hour old
        await().until(() -> sink.events.size() >= 2 && sink.malformed.size() >= 4);
        assertEquals(1, sink.connected.get());
        PriceSource eur = sink.eventsFor(TradePair.EURUSD).get(0).source();
        assertEquals(1.155, eur.bid());
        assertEquals(1.15515, eur.ask());
        assertEquals(1.155075, eur.open());
        assertEquals(BASE + 512, eur.startMs());
        assertEquals("tiingo_rest", eur.source());
        assertFalse(eur.websocket());

        // later polls: eurusd unchanged (not repeated), gbpusd older than what we had (out of order), usdchf new
        await().until(() -> sink.eventsFor(TradePair.USDCHF).size() == 1 && sink.malformed.size() >= 5);
        assertEquals(1, sink.eventsFor(TradePair.EURUSD).size());
        assertEquals(1, sink.eventsFor(TradePair.GBPUSD).size());
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("out-of-order")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("bid above ask")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("future")));
        assertTrue(sink.malformed.stream().anyMatch(r -> r.contains("too old")));
        assertEquals(ProviderState.CONNECTED, poller.state());

        wm.verify(getRequestedFor(urlPathEqualTo("/tiingo/fx/top"))
                .withQueryParam("tickers", containing("eurusd"))
                .withHeader("Authorization", equalTo("Token tiingo-secret-9876")));
        assertTrue(wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().contains("tiingo-secret")));
    }

    @Test
    void cryptoAndEquityPollers() {
        wm.stubFor(get(urlPathEqualTo("/tiingo/crypto/top")).willReturn(okJson(fixture("tiingo/crypto-top.json"))));
        wm.stubFor(get(urlPathEqualTo("/iex/")).willReturn(okJson(fixture("tiingo/iex-top.json"))));
        TiingoProvider p = provider();
        start(p, "crypto");
        start(p, "equities");
        // crypto: btc good, eth negative, sol without book; IEX: AAPL quoted, MSFT unquoted, NVDA at zero
        await().until(() -> sink.events.size() == 3 && sink.malformed.size() >= 3);
        PriceSource btc = sink.eventsFor(TradePair.BTCUSD).get(0).source();
        assertEquals(86710.0, btc.open());
        assertEquals(86709.0, btc.bid());
        assertEquals(BASE + 250, btc.startMs());
        assertEquals(271.49, sink.eventsFor(TradePair.AAPL).get(0).source().bid());
        PriceSource msft = sink.eventsFor(TradePair.MSFT).get(0).source();
        assertEquals(477.0, msft.open());
        assertFalse(msft.hasQuote());
        assertTrue(sink.eventsFor(TradePair.NVDA).isEmpty());
        assertTrue(sink.eventsFor(TradePair.ETHUSD).isEmpty());
    }

    @Test
    void closedMarketsAreNotPolled() throws Exception {
        clock.set(BASE + 5 * 86_400_000L); // Saturday: forex and NYSE closed, crypto open
        wm.stubFor(get(anyUrl()).willReturn(okJson("[]")));
        TiingoProvider p = provider();
        TiingoPoller fx = start(p, "forex");
        TiingoPoller eq = start(p, "equities");
        TiingoPoller crypto = start(p, "crypto");
        await().until(() -> crypto.polls() >= 2);
        assertEquals(0, fx.polls());
        assertEquals(0, eq.polls());
        wm.verify(0, getRequestedFor(urlPathEqualTo("/tiingo/fx/top")));
    }

    @Test
    void aFailingPollClosesTheStreamAndDegradesTheProvider() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
        TiingoProvider p = provider(Map.of("tiingo.degraded-after", "1"));
        TiingoPoller poller = start(p, "crypto");
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).contains("UNAVAILABLE"));
        assertEquals(ProviderState.DEGRADED, poller.state());
        assertEquals(ProviderState.DEGRADED, p.health().restState());
        assertEquals(ProviderState.DEGRADED, p.health().streams().get("tiingo:crypto"));
    }

    @Test
    void aSlowPollIsATimeout() {
        wm.stubFor(get(anyUrl()).willReturn(okJson("[]").withFixedDelay(3_500)));
        start(provider(Map.of("tiingo.rest-timeout", "1s")), "crypto");
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).contains("TIMEOUT"));
    }

    @Test
    void malformedJsonIsCountedAndPollingGoesOn() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("[{\"ticker\":\"btcusd\",")));
        TiingoPoller poller = start(provider(), "crypto");
        await().until(() -> sink.malformed.size() >= 2);
        assertTrue(sink.closed.isEmpty());
        assertTrue(sink.events.isEmpty());
        assertTrue(poller.polls() >= 2);
    }

    @Test
    void rejectedKeyIsUnauthorizedAndPollingStops() throws Exception {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withBody(fixture("tiingo/error-unauthorized.json"))));
        TiingoProvider p = provider();
        TiingoPoller poller = start(p, "crypto");
        await().until(() -> sink.unauthorized.size() == 1);
        assertEquals(ProviderState.UNAUTHORIZED, poller.state());
        assertEquals(ProviderState.UNAUTHORIZED, p.health().restState());
        assertFalse(sink.unauthorized.get(0).contains("tiingo-secret-9876"));
        Thread.sleep(600); // three more poll periods
        wm.verify(1, getRequestedFor(anyUrl()));
        assertTrue(sink.closed.isEmpty());
    }

    @Test
    void rateLimitedPollsWaitForRetryAfter() throws Exception {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        TiingoProvider p = provider();
        TiingoPoller poller = start(p, "crypto");
        await().until(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).contains("RATE_LIMITED"));
        assertEquals(BASE + 2_000 + 60_000, p.health().retryAfterUntilMs());
        poller.stop();
        poller.start(sink); // the supervisor restarts early: polls are skipped, Tiingo is not called
        Thread.sleep(600);
        wm.verify(1, getRequestedFor(anyUrl()));
        ProviderException rest = assertThrows(ProviderException.class, () -> p.quote(TradePair.BTCUSD, BASE));
        assertEquals(Kind.RATE_LIMITED, rest.kind());
        wm.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void withoutAKeyNothingIsCalled() throws Exception {
        TiingoProvider p = provider(Map.of("tiingo.api-key", ""));
        start(p, "crypto");
        await().until(() -> sink.unauthorized.size() == 1);
        ProviderException e = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.EURUSD, BASE - 60_000, BASE, Timespan.MINUTE));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void historyIsReadFromTheThreeEndpointsAndBrokenBarsAreDropped() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/prices")).willReturn(okJson(fixture("tiingo/fx-prices-1min.json"))));
        wm.stubFor(get(urlPathEqualTo("/tiingo/crypto/prices")).willReturn(okJson(fixture("tiingo/crypto-prices-1min.json"))));
        wm.stubFor(get(urlPathEqualTo("/iex/aapl/prices")).willReturn(okJson(fixture("tiingo/iex-prices-1min.json"))));
        TiingoProvider p = provider();

        List<PriceSource> eur = p.candles(TradePair.EURUSD, BASE - 180_000, BASE + 60_000, Timespan.MINUTE);
        assertEquals(3, eur.size(), "the 16:00 bar with a zero close is dropped");
        assertEquals(60_000, eur.get(0).timespanMs());
        assertEquals(BASE - 180_000, eur.get(0).startMs());
        wm.verify(getRequestedFor(urlPathEqualTo("/tiingo/fx/prices")).withQueryParam("resampleFreq", equalTo("1min"))
                .withQueryParam("startDate", equalTo("2025-11-24")).withQueryParam("tickers", equalTo("eurusd")));

        List<PriceSource> btc = p.recentSources(TradePair.BTCUSD, BASE);
        assertEquals(2, btc.size());
        assertEquals(BASE - 60_000, btc.get(0).startMs(), "nearest first");
        assertEquals(1, btc.get(0).lagMs());

        List<PriceSource> aapl = p.candles(TradePair.AAPL, BASE - 60_000, BASE + 60_000, Timespan.MINUTE);
        assertEquals(2, aapl.size());

        ProviderException sec = assertThrows(ProviderException.class,
                () -> p.candles(TradePair.BTCUSD, BASE - 1_000, BASE, Timespan.SECOND));
        assertEquals(Kind.NOT_FOUND, sec.kind());
        assertEquals(ProviderState.CONNECTED, p.health().restState());
    }

    @Test
    void quotesComeFromTheTopOfBook() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/top")).willReturn(okJson(fixture("tiingo/fx-top.json"))));
        wm.stubFor(get(urlPathEqualTo("/iex/")).willReturn(okJson(fixture("tiingo/iex-top.json"))));
        TiingoProvider p = provider();
        PriceSource q = p.quote(TradePair.EURUSD, BASE + 1_000).orElseThrow();
        assertEquals(1.155, q.bid());
        assertEquals(488, q.lagMs());
        assertTrue(p.quote(TradePair.MSFT, BASE + 1_000).isEmpty(), "no book, no quote");
        ProviderException crossed = assertThrows(ProviderException.class, () -> p.quote(TradePair.USDJPY, BASE + 1_000));
        assertEquals(Kind.BAD_DATA, crossed.kind());
    }

    @Test
    void restFailuresMapToTheirKinds() throws Exception {
        TiingoProvider p = provider();
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/prices")).willReturn(aResponse().withStatus(500)));
        assertEquals(Kind.UNAVAILABLE, kindOf(() -> p.candles(TradePair.EURUSD, BASE - 60_000, BASE, Timespan.MINUTE)));
        wm.stubFor(get(urlPathEqualTo("/tiingo/crypto/prices")).willReturn(okJson("[]").withFixedDelay(3_500)));
        TiingoProvider impatient = provider(Map.of("tiingo.rest-timeout", "1s"));
        assertEquals(Kind.TIMEOUT, kindOf(() -> impatient.candles(TradePair.BTCUSD, BASE - 60_000, BASE, Timespan.MINUTE)));
        wm.stubFor(get(urlPathEqualTo("/iex/aapl/prices")).willReturn(aResponse().withStatus(403)));
        assertEquals(Kind.UNAUTHORIZED, kindOf(() -> p.candles(TradePair.AAPL, BASE - 60_000, BASE, Timespan.MINUTE)));

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TiingoProvider refused = provider(Map.of("tiingo.rest-url", "http://127.0.0.1:" + port));
        assertEquals(Kind.UNAVAILABLE, kindOf(() -> refused.candles(TradePair.EURUSD, BASE - 60_000, BASE, Timespan.MINUTE)));
        assertEquals(1, refused.health().consecutiveFailures());
    }

    interface Call {
        Object run() throws ProviderException;
    }

    static Kind kindOf(Call call) {
        return assertThrows(ProviderException.class, call::run).kind();
    }
}
