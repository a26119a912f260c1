package io.ptn.price.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.FakeProvider;
import io.ptn.price.TestConfigs;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderRegistry;

class PriceServiceTest {

    private static final TradePair BTC = TradePair.BTCUSD;
    /** A Monday afternoon: every category's market is open, whatever day the test runs. */
    private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);
    private final FakeProvider p1 = new FakeProvider("p1");
    private final FakeProvider p2 = new FakeProvider("p2");
    private final EventBuffer buffer = new EventBuffer(300_000, 64);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PriceService service;

    private PriceService service(Map<String, String> overrides) {
        PriceConfig config = TestConfigs.config(overrides);
        service = new PriceService(new ProviderRegistry(List.of("p1", "p2"), List.<PriceProvider>of(p1, p2)), buffer,
                new PairCatalog(config), config, registry, CLOCK, new MarketCalendar());
        return service;
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private static PriceSource ws(String provider, long t, double p) {
        return PriceSource.tick(provider + "_ws", p, t, true, p - 1, p + 1);
    }

    private static PriceSource rest(String provider, long t, double p) {
        return PriceSource.tick(provider + "_rest", p, t, false, p - 1, p + 1);
    }

    @Test
    void streamedWithinGateAnswersWithoutRest() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 8000, 100));
        buffer.append("p2", BTC, ws("p2", at - 3000, 200));
        PriceAnswer a = service(Map.of()).price(BTC, at);
        assertEquals(200, a.price());
        assertEquals(List.of("p2_ws", "p1_ws"), a.sources().stream().map(PriceSource::source).toList());
        assertEquals(0, p1.restCalls.get() + p2.restCalls.get());
        assertEquals(3000, a.ageMs());
        assertFalse(a.stale());
    }

    @Test
    void gateBoundary8000StaysStreamed8001FallsBackToRest() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 8000, 100));
        service(Map.of()).price(BTC, at);
        assertEquals(0, p1.restCalls.get());

        EventBuffer other = new EventBuffer(300_000, 64);
        other.append("p1", BTC, ws("p1", at - 8001, 100));
        PriceConfig config = TestConfigs.config(Map.of());
        PriceService s2 = new PriceService(new ProviderRegistry(List.of("p1", "p2"), List.<PriceProvider>of(p1, p2)), other,
                new PairCatalog(config), config, registry, CLOCK, new MarketCalendar());
        try {
            p2.rest.add(rest("p2", at - 100, 300));
            PriceAnswer a = s2.price(BTC, at);
            assertEquals(1, p1.restCalls.get());
            assertEquals(1, p2.restCalls.get());
            assertEquals(300, a.price());
            assertEquals(List.of("p2_rest", "p1_ws"), a.sources().stream().map(PriceSource::source).toList());
        } finally {
            s2.close();
        }
    }

    @Test
    void tieBetweenStreamedAndRestPrefersStreamed() {
        long at = NOW_MS;
        buffer.append("p2", BTC, ws("p2", at - 9000, 100));
        p1.rest.add(rest("p1", at + 9000, 200));
        PriceAnswer a = service(Map.of()).price(BTC, at);
        assertEquals(List.of("p2_ws", "p1_rest"), a.sources().stream().map(PriceSource::source).toList());
        assertEquals(100, a.price());
    }

    @Test
    void emptyBuffersUseRestAndNothingAtAllIsNoPrice() {
        long at = NOW_MS;
        p1.rest.add(rest("p1", at - 40_000, 50));
        PriceAnswer a = service(Map.of()).price(BTC, at);
        assertEquals(50, a.price());
        assertTrue(a.stale(), "40 s old is beyond the 30 s limit");
        assertEquals(30_000, a.stalenessLimitMs());
        p1.rest.clear();
        assertThrows(NoPriceException.class, () -> service.price(BTC, at));
    }

    @Test
    void restBudgetIsRespectedWithASlowProvider() {
        long at = NOW_MS;
        p1.restDelayMs = 20_000;
        p1.rest.add(rest("p1", at, 1));
        p2.rest.add(rest("p2", at - 50, 2));
        PriceAnswer a = service(Map.of("price.selection.rest-budget", "300ms")).price(BTC, at);
        assertEquals(List.of("p2_rest"), a.sources().stream().map(PriceSource::source).toList(),
                "the slow provider's answer arrived after the budget and is not used");
    }

    @Test
    void aBatchOfSlowPairsTakesOneBudgetNotOneEach() {
        long at = NOW_MS;
        p1.restDelayMs = 800;
        p1.rest.add(rest("p1", at - 50, 7));
        // one after another the third pair would start at 1.6 s and miss the 2 s budget
        List<Optional<PriceAnswer>> answers = service(Map.of("price.selection.rest-budget", "2000ms"))
                .prices(List.of(BTC, TradePair.ETHUSD, TradePair.SOLUSD), at).await().indefinitely();
        assertEquals(3, answers.size());
        for (Optional<PriceAnswer> a : answers) {
            assertEquals(7, a.orElseThrow().price());
        }
        assertEquals(3, p1.restCalls.get());
    }

    @Test
    void aBatchPairWithNoPriceIsEmptyAndStreamedPairsNeedNoRest() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 1000, 100));
        List<Optional<PriceAnswer>> answers = service(Map.of()).prices(List.of(BTC, TradePair.ETHUSD), at)
                .await().indefinitely();
        assertEquals(100, answers.get(0).orElseThrow().price());
        assertTrue(answers.get(1).isEmpty(), "no stream, no REST answer: no price for ETHUSD");
        assertEquals(1, p1.restCalls.get(), "only ETHUSD asked REST");
    }

    @Test
    void aBatchKeepsItsOrderWhenStreamedAndRestPairsAlternate() {
        long at = NOW_MS;
        buffer.append("p1", TradePair.ETHUSD, ws("p1", at - 500, 20));
        buffer.append("p2", TradePair.XRPUSD, ws("p2", at - 700, 40));
        p1.rest.add(rest("p1", at - 60, 7));
        List<Optional<PriceAnswer>> answers = service(Map.of())
                .prices(List.of(BTC, TradePair.ETHUSD, TradePair.SOLUSD, TradePair.XRPUSD), at).await().indefinitely();
        assertEquals(List.of(7.0, 20.0, 7.0, 40.0), answers.stream().map(a -> a.orElseThrow().price()).toList());
        assertEquals(List.of("BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"),
                answers.stream().map(a -> a.orElseThrow().tradePair()).toList());
        assertEquals(2, p1.restCalls.get(), "only the two pairs without a stream asked REST");
    }

    @Test
    void aBatchAnsweredFromTheStreamAsksNoRestAndAnEmptyBatchIsEmpty() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 100, 100));
        buffer.append("p2", TradePair.ETHUSD, ws("p2", at - 200, 20));
        List<Optional<PriceAnswer>> answers = service(Map.of()).prices(List.of(TradePair.ETHUSD, BTC), at)
                .await().indefinitely();
        assertEquals(List.of(20.0, 100.0), answers.stream().map(a -> a.orElseThrow().price()).toList());
        assertEquals(0, p1.restCalls.get() + p2.restCalls.get());
        assertEquals(List.of(), service.prices(List.of(), at).await().indefinitely());
    }

    @Test
    void failingProviderIsSkipped() {
        long at = NOW_MS;
        p1.restFails = true;
        p2.rest.add(rest("p2", at - 50, 2));
        assertEquals(2, service(Map.of()).price(BTC, at).price());
    }

    @Test
    void stalenessLimitIsPerCategory() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 6000, 100));
        PriceAnswer a = service(Map.of("price.staleness.crypto", "5000ms")).price(BTC, at);
        assertTrue(a.stale());
        assertEquals(5000, a.stalenessLimitMs());
    }

    private static PriceSource bar(long start, long len, double close) {
        return new PriceSource("p_rest", len, close, close, close, close, null, start, false, 0, 0, 0);
    }

    @Test
    void closeUsesSecondBarsFirstThenMinuteBarsThenTheSecondProvider() {
        long at = 1_700_000_000_000L; // a Tuesday; BTC is always open
        p1.secondCandles.add(bar(at - 30_000, 1000, 10));
        p1.minuteCandles.add(bar(at - 60_000, 60_000, 20));
        service(Map.of());
        assertEquals(10, service.close(BTC, at).price());

        p1.secondCandles.clear();
        assertEquals(20, service.close(BTC, at).price());

        p1.minuteCandles.clear();
        p2.secondCandles.add(bar(at, 1000, 30));
        assertEquals(30, service.close(BTC, at).price());

        p2.secondCandles.clear();
        assertThrows(NoPriceException.class, () -> service.close(BTC, at));
    }

    @Test
    void closeIgnoresBarsOutsideTheWindowAndOutliers() {
        long at = 1_700_000_000_000L;
        p1.secondCandles.add(bar(at - 70_000, 1000, 10)); // outside +-59 s
        p1.minuteCandles.add(bar(at - 60_000, 60_000, 100));
        p1.minuteCandles.add(bar(at, 60_000, 101));
        p1.minuteCandles.add(bar(at - 120_000, 60_000, 200)); // outlier vs median 101
        PriceAnswer a = service(Map.of()).close(BTC, at);
        assertEquals(101, a.price(), "the bar starting at the target is nearest");
        assertEquals(List.of(101.0, 100.0), a.sources().stream().map(PriceSource::close).toList());
    }

    @Test
    void closeWhenMarketClosedUsesTheLastEventBeforeTheClose() {
        // Saturday 2023-11-18 12:00 New York: forex closed since Friday 17:00
        long saturday = 1_700_326_800_000L;
        p1.rest.add(rest("p1", saturday - 20 * 3600_000L, 1.07));
        PriceAnswer a = service(Map.of()).close(TradePair.EURUSD, saturday);
        assertEquals(1.07, a.price());
        assertFalse(a.marketOpen());
        assertEquals(0, p1.secondCandles.size());
    }

    @Test
    void aClosedMarketsRestAnswerServesTheNextMinuteOfItsClosureAndIsAskedAgainAfter() {
        // Saturday 2023-11-18 12:00 New York: forex closed since Friday 17:00, reopens Sunday 17:00
        long saturday = 1_700_326_800_000L;
        p1.rest.add(rest("p1", saturday - 20 * 3600_000L, 1.07));
        PriceService s = service(Map.of());
        PriceAnswer first = s.price(TradePair.EURUSD, saturday);
        assertEquals(1, p1.restCalls.get());

        PriceAnswer later = s.fromStream(TradePair.EURUSD, saturday + 60_000);
        assertEquals(1, p1.restCalls.get(), "answered on the caller's thread from the closure's look-up");
        assertEquals(1.07, later.price());
        assertEquals(first.ageMs() + 60_000, later.ageMs());
        assertEquals(first.sources().get(0).lagMs() + 60_000, later.sources().get(0).lagMs());
        assertTrue(later.stale());
        assertFalse(later.marketOpen());
        assertEquals(later, s.price(TradePair.EURUSD, saturday + 60_000));
        assertEquals(1, p1.restCalls.get());
        assertEquals(2, registry.get("price.rest.closed.reuses").counter().count());

        assertEquals(null, s.fromStream(TradePair.EURUSD, saturday + 60_001), "past the reuse window");
        assertEquals(null, s.fromStream(TradePair.EURUSD, saturday - 1), "an earlier instant than the look-up");
        assertEquals(null, s.fromStream(TradePair.GBPUSD, saturday), "another pair");
        p1.rest.set(0, rest("p1", saturday - 19 * 3600_000L, 1.08));
        assertEquals(1.08, s.price(TradePair.EURUSD, saturday + 60_001).price());
        assertEquals(2, p1.restCalls.get());
        assertEquals(2, registry.get("price.rest.fallbacks").counter().count());
    }

    @Test
    void aClosedMarketsAnswerIsNotReusedOnceItReopensNorAnOpenMarketsNorWhenSwitchedOff() {
        // Sunday 2023-11-19 16:59:30 New York; forex reopens at 17:00
        long sunday = 1_700_431_170_000L;
        p1.rest.add(rest("p1", sunday - 40 * 3600_000L, 1.07));
        PriceService s = service(Map.of());
        s.price(TradePair.EURUSD, sunday);
        assertEquals(null, s.fromStream(TradePair.EURUSD, sunday + 30_000), "17:00:00, open again");
        s.price(TradePair.EURUSD, sunday + 30_000);
        s.price(TradePair.EURUSD, sunday + 31_000);
        assertEquals(3, p1.restCalls.get(), "open: every selection without a streamed price asks REST");

        s.price(BTC, NOW_MS);
        s.price(BTC, NOW_MS + 1000);
        assertEquals(5, p1.restCalls.get());

        close();
        long saturday = 1_700_326_800_000L;
        PriceService off = service(Map.of("price.selection.closed-market-reuse", "0s"));
        off.price(TradePair.EURUSD, saturday);
        off.price(TradePair.EURUSD, saturday + 1000);
        assertEquals(7, p1.restCalls.get());
    }

    @Test
    void quotePrefersStreamedQuoteWithinGate() {
        long at = NOW_MS;
        buffer.append("p1", BTC, ws("p1", at - 100, 100));
        QuoteAnswer q = service(Map.of()).quote(BTC, at);
        assertEquals(99, q.bid());
        assertEquals(101, q.ask());
        assertEquals(100, q.mid());
        assertEquals("p1_ws", q.source());
        assertEquals(0, p1.restCalls.get());
    }
}
