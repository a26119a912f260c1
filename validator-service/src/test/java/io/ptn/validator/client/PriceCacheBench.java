package io.ptn.validator.client;

import java.time.InstantSource;

import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;

/**
 * Not a test: ns per cached lookup on the order path ({@code PriceCache.fresh}). Run with
 * {@code java -cp <test classpath> io.ptn.validator.PriceCacheBench}.
 */
public final class PriceCacheBench {

    public static void main(String[] args) {
        PriceCache cache = new PriceCache(InstantSource.system());
        TradePair[] pairs = { TradePair.BTCUSD, TradePair.ETHUSD, TradePair.EURUSD, TradePair.SOLUSD };
        long now = System.currentTimeMillis();
        for (TradePair p : pairs) {
            cache.offer(new PriceQuote(p, 100, 99, 101, now, "bench", false));
        }
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = 50_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                PriceQuote q = cache.fresh(pairs[i & 3], now, 30_000);
                sink += q == null ? 0 : q.timestampMs();
            }
            long t1 = System.nanoTime();
            System.out.printf("round %d: %.2f ns/lookup%n", round, (t1 - t0) / (double) n);
        }
        System.out.println("(sink " + (sink & 1) + ")");
    }
}
