package io.ptn.bench.jmh;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.bench.support.ConfigProxy;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.Timespan;
import io.ptn.price.service.PairCatalog;
import io.ptn.price.service.PriceAnswer;
import io.ptn.price.service.PriceService;

/**
 * live-price-service's selection hot path on its own classes, no CDI: {@code PriceService.fromStream} — the buffer
 * look-up per enabled provider, the distance sort and recency gate, and the answer (staleness, market calendar) —
 * which every {@code GET /api/v1/prices/{id}} runs before any REST fallback. Each provider's ring is full
 * (price.buffer.max-events = 4096 ticks, 250 ms apart). Stub providers never stream and fail any REST call, so a
 * benchmark that fell back to REST would show it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceServiceBench {

    private static final int MAX_EVENTS = 4096;
    private static final long PERIOD_MS = 250;

    @Param({"1", "3"})
    public int providers;

    private PriceService service;
    private long now;
    private long past;

    @Setup
    public void setUp() {
        now = System.currentTimeMillis(); // the service checks the buffer window against the real clock
        past = now - 60_000 - 37;
        PriceConfig config = ConfigProxy.of(PriceConfig.class, Map.of(
                "staleness.defaultLimit", Duration.ofSeconds(30),
                "selection.recencyGate", Duration.ofSeconds(8), "selection.restBudget", Duration.ofSeconds(10),
                "buffer.window", Duration.ofMinutes(5), "buffer.maxEvents", MAX_EVENTS));
        EventBuffer buffer = new EventBuffer(300_000, MAX_EVENTS);
        List<PriceProvider> list = new ArrayList<>();
        for (int p = 0; p < providers; p++) {
            String name = "stub" + p;
            list.add(new StubProvider(name));
            for (int i = MAX_EVENTS - 1; i >= 0; i--) {
                buffer.append(name, TradePair.BTCUSD, PriceSource.tick(name + "_ws", 65_000 + i % 7,
                        now - i * PERIOD_MS - p * 40L, true, 64_999, 65_001));
            }
        }
        List<String> names = list.stream().map(PriceProvider::name).toList();
        service = new PriceService(new ProviderRegistry(names, list), buffer, new PairCatalog(config), config,
                new SimpleMeterRegistry(), InstantSource.system(), new MarketCalendar());
        if (service.fromStream(TradePair.BTCUSD, now) == null || service.fromStream(TradePair.BTCUSD, past) == null) {
            throw new IllegalStateException("benchmark data must stay within the recency gate");
        }
    }

    /** "Price now": each provider's latest tick. */
    @Benchmark
    public PriceAnswer priceNow() {
        return service.fromStream(TradePair.BTCUSD, now);
    }

    /** A price 60 s back: a binary search in each provider's ring. */
    @Benchmark
    public PriceAnswer pricePast() {
        return service.fromStream(TradePair.BTCUSD, past);
    }

    private record StubProvider(String name) implements PriceProvider {
        @Override
        public Set<TradePair> pairs() {
            return EnumSet.allOf(TradePair.class);
        }

        @Override
        public List<PriceStream> streams() {
            return List.of();
        }

        @Override
        public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "benchmark stub: no REST");
        }

        @Override
        public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span)
                throws ProviderException {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "benchmark stub: no REST");
        }

        @Override
        public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "benchmark stub: no REST");
        }
    }
}
