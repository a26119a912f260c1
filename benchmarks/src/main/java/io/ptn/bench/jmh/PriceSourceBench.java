package io.ptn.bench.jmh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ptn.domain.PriceSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The shared price-source rules every selection runs: distance to the target and sorting candidates by it. A
 * floor for the selection benchmarks (which add the buffer look-up on top).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceSourceBench {

    private List<PriceSource> candidates;
    private long target;

    @Setup
    public void setUp() {
        long now = 1_764_000_000_000L;
        target = now;
        candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(PriceSource.tick("p" + i + "_ws", 65_000 + i, now - 250L * i, true, 64_999, 65_001));
            candidates.add(new PriceSource("p" + i + "_rest", 1000, 65_000, 65_010, null, null, null,
                    now - 3_000L * (i + 1), false, 0, 0, 0));
        }
    }

    @Benchmark
    public PriceSource sortByDistance() {
        List<PriceSource> copy = new ArrayList<>(candidates.size());
        for (PriceSource s : candidates) {
            copy.add(s.withLagTo(target));
        }
        copy.sort(Comparator.comparingLong(PriceSource::lagMs));
        return copy.get(0);
    }
}
