package io.ptn.bench.jmh;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.client.PriceCache;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The validator's cached price lookup: what an order pays for its price when the SSE cache is on (compare with the
 * HTTP lookup and the Python RPC proxy call in docs/benchmarks.md, section 3), and the cache write per SSE tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceCacheBench {

    private PriceCache cache;
    private long now;
    private long ts;

    @Setup
    public void setUp() {
        cache = new PriceCache(InstantSource.system());
        now = System.currentTimeMillis();
        ts = now;
        for (TradePair p : TradePair.values()) {
            cache.offer(new PriceQuote(p, 100, 99.9, 100.1, now - 200, "simulated_ws", false));
        }
    }

    /** The lookup an order makes: latest quote of the pair, if fresh. */
    @Benchmark
    public PriceQuote freshLookup() {
        return cache.fresh(TradePair.BTCUSD, now, 30_000);
    }

    /** One SSE tick stored (compare-and-set, newer wins). */
    @Benchmark
    public void offerTick() {
        ts++;
        cache.offer(new PriceQuote(TradePair.ETHUSD, 3000, 2999.5, 3000.5, ts, "simulated_ws", false));
    }
}
