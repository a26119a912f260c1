package io.ptn.price.feed.tiingo;

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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.UpstreamFixtures;
import io.ptn.price.feed.upstream.UpstreamTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tiingo answers recorded from api.tiingo.com (tiingo-python's VCR cassettes), Tiingo's docs example and answers
 * quoted in third-party code (fixtures/upstream-messages/README.md), through the real pollers and parser.
 */
@QuarkusTest
class TiingoUpstreamMessagesTest extends UpstreamTestBase {

    static final String DIR = "upstream-messages/tiingo/";
    final AtomicLong clock = new AtomicLong();
    final ObjectMapper mapper = new ObjectMapper();

    TiingoProvider provider() {
        Map<String, String> props = new HashMap<>();
        props.put("tiingo.api-key", "tiingo-secret-9876");
        props.put("tiingo.rest-url", restUrl());
        props.put("tiingo.poll-interval", "0.2s");
        props.put("tiingo.rest-timeout", "10s");
        return new TiingoProvider(UpstreamFixtures.mapping(TiingoConfig.class, props), upstream, clock::get, new MarketCalendar());
    }

    void start(TiingoProvider p, String market) {
        TiingoPoller poller = (TiingoPoller) p.streams().stream().filter(s -> s.id().equals("tiingo:" + market))
                .findFirst().orElseThrow();
        poller.start(sink);
        running.add(poller);
    }

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void cryptoTopAsksForCoinbaseAndACrossedStaleBookKeepsTheLastPrice() {
        // the recorded cross-venue book: a 47-day-old BITSTAMP bid (10160.51) above the GEMINI ask (8209.92),
        // and a 2 s old BINANCE last sale
        wm.stubFor(get(urlPathEqualTo("/tiingo/crypto/top")).withQueryParam("exchanges", equalTo("GDAX"))
                .willReturn(okJson(fixture(DIR + "crypto-top-cassette-2019.json"))));
        long lastSale = ms("2019-10-13T20:20:03.712Z");
        clock.set(lastSale + 2_000);
        start(provider(), "crypto");
        await().until(() -> sink.events.size() == 1);
        PriceSource btc = sink.eventsFor(TradePair.BTCUSD).get(0).source();
        assertEquals(8220.83, btc.open());
        assertEquals(lastSale, btc.startMs());
        assertEquals(0, btc.timespanMs());
        assertEquals(0, btc.bid(), "a crossed book is no quote");
        assertEquals(0, btc.ask());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
        wm.verify(getRequestedFor(urlPathEqualTo("/tiingo/crypto/top")).withQueryParam("exchanges", equalTo("GDAX"))
                .withQueryParam("tickers", containing("btcusd")));
    }

    @Test
    void cryptoHistoryAsksForCoinbaseAndKeepsOnlyTheAskedTicker() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tiingo/crypto/prices")).withQueryParam("exchanges", equalTo("GDAX"))
                .willReturn(okJson(fixture(DIR + "crypto-prices-1day-cassette-2019.json"))));
        clock.set(ms("2019-05-03T00:00:00Z"));
        List<PriceSource> bars = provider().candles(TradePair.BTCUSD, ms("2019-05-01T00:00:00Z"),
                ms("2019-05-02T23:59:59Z"), Timespan.DAY);
        assertEquals(2, bars.size(), "the answer's fldcbtc rows are not BTC/USD bars");
        PriceSource first = bars.get(0);
        assertEquals(5367.348827845256, first.open());
        assertEquals(5420.0896708474575, first.close());
        assertEquals(5443.811868611532, first.high());
        assertEquals(5358.100876910302, first.low());
        assertEquals(ms("2019-05-01T00:00:00Z"), first.startMs());
        assertEquals(Timespan.DAY.millis(), first.timespanMs());
        assertEquals(5545.697488248552, bars.get(1).close());
        wm.verify(getRequestedFor(urlPathEqualTo("/tiingo/crypto/prices")).withQueryParam("exchanges", equalTo("GDAX"))
                .withQueryParam("resampleFreq", equalTo("1day")).withQueryParam("tickers", equalTo("btcusd")));
    }

    @Test
    void anIexBookWithOneSideSentAsZeroStillGivesTheLastPrice() {
        wm.stubFor(get(urlPathEqualTo("/iex/")).willReturn(okJson(fixture(DIR + "iex-top-one-sided-constructed.json"))));
        long last = ms("2025-11-24T16:00:00.400Z"); // a Monday, NYSE open
        clock.set(last + 2_000);
        start(provider(), "equities");
        await().until(() -> sink.events.size() == 1);
        PriceSource aapl = sink.eventsFor(TradePair.AAPL).get(0).source();
        assertEquals(271.5, aapl.open());
        assertEquals(last, aapl.startMs());
        assertEquals(0, aapl.bid(), "one side is no quote");
        assertEquals(0, aapl.ask());
        assertTrue(sink.malformed.isEmpty(), sink.malformed.toString());
    }

    @Test
    void recordedIexAnswersGiveTheLastPriceWithoutABookTheyDoNotHave() throws Exception {
        // AAPL 2021: every book field 0; MSFT 2020 at the close: book null; the non-entitled shape: no last at all
        TiingoParser.Row aapl = row(DIR + "iex-top-recorded-aapl-2021-zero-book.json", ms("2021-11-05T15:54:25Z"));
        assertNull(aapl.problem());
        assertEquals(51.27, aapl.source().open());
        assertEquals(ms("2021-11-05T15:54:23.055Z"), aapl.source().startMs(), "nanoseconds and a -04:00 offset");
        assertFalse(aapl.source().hasQuote());

        TiingoParser.Row msft = row(DIR + "iex-top-recorded-msft-2020-close.json", ms("2020-11-20T21:00:02Z"));
        assertNull(msft.problem());
        assertEquals(210.39, msft.source().open());
        assertEquals(ms("2020-11-20T21:00:00Z"), msft.source().startMs());
        assertFalse(msft.source().hasQuote());

        TiingoParser.Row limited = row(DIR + "iex-top-nonentitled-shape.json", ms("2026-06-03T10:52:52Z"));
        assertNull(limited.problem());
        assertEquals(312.27, limited.source().open(), "tngoLast");
        assertEquals(ms("2026-06-03T10:52:50Z"), limited.source().startMs());
        assertFalse(limited.source().hasQuote());
    }

    private TiingoParser.Row row(String file, long now) throws Exception {
        List<TiingoParser.Row> rows = TiingoParser.top(TiingoMarket.EQUITIES, mapper.readTree(fixture(file)), now);
        assertNotNull(rows);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void theForexDocsExampleIsAQuoteAtItsTime() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tiingo/fx/top")).willReturn(okJson(fixture(DIR + "fx-top-docs-example.json"))));
        long t = ms("2019-07-01T21:00:01.289Z");
        clock.set(t + 1_000);
        PriceSource eur = provider().quote(TradePair.EURUSD, t + 1_000).orElseThrow();
        assertEquals(1.1186, eur.bid());
        assertEquals(1.1187, eur.ask());
        assertEquals(1.11865, eur.open(), "Tiingo's midPrice");
        assertEquals(t, eur.startMs());
        assertEquals(1_000, eur.lagMs());
    }
}
