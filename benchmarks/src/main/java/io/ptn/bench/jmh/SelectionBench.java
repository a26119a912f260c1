package io.ptn.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.service.Selection;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * live-price-service's selection hot path, on its own classes without CDI: the recent-event buffer look-up per
 * provider ({@link EventBuffer#closest}), the distance sort and the recency gate ({@link Selection}) — what
 * {@code PriceService.price} does for every read before any REST fallback. A full ring (price.buffer.max-events
 * = 4096, 4 ticks/s) per provider.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectionBench {

    private static final int MAX_EVENTS = 4096;
    private static final long PERIOD_MS = 250;

    @Param({"1", "3"})
    public int providers;

    private EventBuffer buffer;
    private String[] names;
    private long now;
    private long past;

    @Setup
    public void setUp() {
        now = 1_764_000_000_000L;
        past = now - 60_000 - 37;
        buffer = new EventBuffer(300_000, MAX_EVENTS);
        names = new String[providers];
        for (int p = 0; p < providers; p++) {
            names[p] = "provider" + p;
            for (int i = MAX_EVENTS - 1; i >= 0; i--) {
                long t = now - i * PERIOD_MS - p * 40L;
                buffer.append(names[p], TradePair.BTCUSD, PriceSource.tick(names[p] + "_ws", 65_000 + i % 7, t, true,
                        64_999, 65_001));
            }
        }
    }

    /** "Price now": each provider's latest event, sorted by distance, gate checked, price taken. */
    @Benchmark
    public double selectNow() {
        return select(now);
    }

    /** A price 60 s back: binary search in each ring. */
    @Benchmark
    public double selectPast() {
        return select(past);
    }

    private double select(long target) {
        List<PriceSource> streamed = new ArrayList<>(names.length);
        for (String n : names) {
            PriceSource s = buffer.closest(n, TradePair.BTCUSD, target, now);
            if (s != null) {
                streamed.add(s);
            }
        }
        List<PriceSource> sorted = Selection.byDistance(streamed, target);
        if (!Selection.withinGate(sorted, 8_000)) {
            throw new IllegalStateException("benchmark data must stay within the gate");
        }
        return sorted.get(0).priceAt(target);
    }
}
