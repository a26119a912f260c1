package io.ptn.price;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.StreamSink;
import io.ptn.price.feed.Timespan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose REST answers and streams a test controls. */
public class FakeProvider implements PriceProvider {

    public final String name;
    public final List<PriceSource> rest = new CopyOnWriteArrayList<>();
    public final List<PriceSource> secondCandles = new CopyOnWriteArrayList<>();
    public final List<PriceSource> minuteCandles = new CopyOnWriteArrayList<>();
    public final AtomicInteger restCalls = new AtomicInteger();
    public final List<FakeStream> streams = new ArrayList<>();
    public volatile long restDelayMs;
    public volatile boolean restFails;

    public FakeProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TradePair> pairs() {
        return EnumSet.allOf(TradePair.class);
    }

    @Override
    public List<PriceStream> streams() {
        return new ArrayList<>(streams);
    }

    private void delay() throws ProviderException {
        restCalls.incrementAndGet();
        if (restDelayMs > 0) {
            try {
                Thread.sleep(restDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.TIMEOUT, "interrupted");
            }
        }
        if (restFails) {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "down");
        }
    }

    @Override
    public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
        delay();
        return List.copyOf(rest);
    }

    @Override
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException {
        delay();
        return List.copyOf(span == Timespan.SECOND ? secondCandles : minuteCandles);
    }

    @Override
    public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
        delay();
        return rest.stream().filter(PriceSource::hasQuote).findFirst();
    }

    /** A stream that records its starts and exposes its current sink. */
    public static class FakeStream implements PriceStream {
        public final String id;
        public final String provider;
        public final Set<TradePair> pairs;
        public final AtomicInteger starts = new AtomicInteger();
        public final AtomicInteger stops = new AtomicInteger();
        public volatile StreamSink sink;

        public FakeStream(String id, String provider, Set<TradePair> pairs) {
            this.id = id;
            this.provider = provider;
            this.pairs = pairs;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public Set<TradePair> pairs() {
            return pairs;
        }

        @Override
        public void start(StreamSink sink) {
            starts.incrementAndGet();
            this.sink = sink;
            sink.onConnected();
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }
    }
}
