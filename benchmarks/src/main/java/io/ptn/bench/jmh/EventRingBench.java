package io.ptn.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.EventRing;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** live-price-service's recent-event buffer alone: the write of one accepted tick and the ring's binary search. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventRingBench {

    private static final int MAX_EVENTS = 4096;
    private static final long PERIOD_MS = 250;

    private EventBuffer buffer;
    private EventRing ring;
    private long now;
    private long past;
    private long appendTime;
    private double price = 65_000;

    @Setup
    public void setUp() {
        now = 1_764_000_000_000L;
        past = now - 60_000 - 37;
        buffer = new EventBuffer(300_000, MAX_EVENTS);
        for (int i = MAX_EVENTS - 1; i >= 0; i--) {
            buffer.append("p", TradePair.BTCUSD, PriceSource.tick("p_ws", 65_000 + i % 7, now - i * PERIOD_MS, true,
                    64_999, 65_001));
        }
        ring = buffer.ring("p", TradePair.BTCUSD);
        appendTime = now;
    }

    /** Binary search for a target 60 s back in a full ring (4096 events). */
    @Benchmark
    public PriceSource closestPast() {
        return ring.closest(past, now - 300_000);
    }

    /** The write path of one accepted tick (ordering check under the ring's lock, then publication). */
    @Benchmark
    public boolean append() {
        appendTime += PERIOD_MS;
        price += 0.5;
        return buffer.append("p", TradePair.ETHUSD, PriceSource.tick("w", price, appendTime, true, 0, 0));
    }
}
