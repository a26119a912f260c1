package io.ptn.price.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.TestConfigs;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.simulated.RandomWalk;
import io.ptn.price.feed.simulated.SimulatedProvider;
import io.ptn.price.service.PairCatalog;

class SimulatedProviderTest {

    private static SimulatedProvider provider(long seed) {
        PriceConfig c = TestConfigs.config(Map.of("price.simulated.seed", Long.toString(seed)));
        return new SimulatedProvider(c, new PairCatalog(c), InstantSource.system(), new MarketCalendar());
    }

    @Test
    void deterministicUnderTheSeed() {
        RandomWalk w1 = new RandomWalk(42, 4);
        RandomWalk w2 = new RandomWalk(42, 4);
        RandomWalk w3 = new RandomWalk(43, 4);
        for (long k = 7_000_000_000L; k < 7_000_000_050L; k++) {
            assertEquals(w1.mid(TradePair.BTCUSD, k), w2.mid(TradePair.BTCUSD, k));
        }
        assertNotEquals(w1.mid(TradePair.BTCUSD, 7_000_000_000L), w3.mid(TradePair.BTCUSD, 7_000_000_000L));
    }

    @Test
    void startsNearTheReferencePriceAndSpreadsAreRealistic() {
        RandomWalk w = new RandomWalk(42, 4);
        long k = System.currentTimeMillis() / w.periodMs();
        for (TradePair p : TradePair.values()) {
            double mid = w.mid(p, k);
            assertTrue(mid > p.referencePrice() * 0.5 && mid < p.referencePrice() * 2, p + " " + mid);
            double bp = (w.ask(p, k) - w.bid(p, k)) / mid * 10_000;
            double[] range = switch (p.category()) {
                case CRYPTO -> new double[] {1, 5};
                case FOREX -> new double[] {0.5, 2};
                default -> new double[] {1, 3};
            };
            assertTrue(bp >= range[0] - 1e-9 && bp <= range[1] + 1e-9, p + " spread " + bp);
        }
    }

    @Test
    void tickToTickMovesAreSmallAndPricesVary() {
        RandomWalk w = new RandomWalk(42, 4);
        long k = System.currentTimeMillis() / w.periodMs();
        double prev = w.mid(TradePair.EURUSD, k);
        boolean moved = false;
        for (int i = 1; i < 1000; i++) {
            double m = w.mid(TradePair.EURUSD, k + i);
            assertTrue(Math.abs(m / prev - 1) < 0.001, "forex ticks move < 10 bp");
            moved |= m != prev;
            prev = m;
        }
        assertTrue(moved);
    }

    @Test
    void restCandlesAreAggregatedFromTheStreamedTicks() throws Exception {
        SimulatedProvider p = provider(42);
        RandomWalk w = p.walk();
        long start = (System.currentTimeMillis() / 1000 - 10) * 1000;
        List<PriceSource> bars = p.candles(TradePair.BTCUSD, start, start + 999, Timespan.SECOND);
        assertEquals(1, bars.size());
        PriceSource bar = bars.get(0);
        long k0 = start / w.periodMs();
        long k3 = (start + 999) / w.periodMs();
        double hi = 0;
        double lo = Double.MAX_VALUE;
        for (long k = k0; k <= k3; k++) {
            hi = Math.max(hi, w.mid(TradePair.BTCUSD, k));
            lo = Math.min(lo, w.mid(TradePair.BTCUSD, k));
        }
        assertEquals(w.mid(TradePair.BTCUSD, k0), bar.open());
        assertEquals(w.mid(TradePair.BTCUSD, k3), bar.close());
        assertEquals(hi, bar.high());
        assertEquals(lo, bar.low());
        assertEquals("simulated_rest", bar.source());

        PriceSource q = p.quote(TradePair.BTCUSD, start + 250).orElseThrow();
        assertEquals(w.mid(TradePair.BTCUSD, (start + 250) / w.periodMs()), q.open());
        assertTrue(q.hasQuote() && q.bid() < q.ask());
    }

    @Test
    void noCandlesWhileTheMarketIsClosedAndQuoteFallsBackToTheLastOpenTick() throws Exception {
        SimulatedProvider p = provider(42);
        long saturdayNoon = 1_700_326_800_000L; // 2023-11-18 12:00 New York
        assertTrue(p.candles(TradePair.EURUSD, saturdayNoon, saturdayNoon + 60_000, Timespan.SECOND).isEmpty());
        PriceSource q = p.quote(TradePair.EURUSD, saturdayNoon).orElseThrow();
        assertTrue(new MarketCalendar().isOpen(TradePair.EURUSD, q.startMs()));
        assertTrue(q.startMs() < saturdayNoon - 18 * 3600_000L, "last tick before Friday 17:00");
    }

    @Test
    void oneStreamPerCategoryAndHaltFailsRest() {
        SimulatedProvider p = provider(42);
        assertEquals(List.of("simulated:crypto", "simulated:forex", "simulated:equities", "simulated:indices"),
                p.streams().stream().map(PriceStream::id).toList());
        p.halt();
        ProviderException e = assertThrows(ProviderException.class, () -> p.recentSources(TradePair.BTCUSD, 0));
        assertEquals(ProviderException.Kind.UNAVAILABLE, e.kind());
        p.resume();
    }
}
