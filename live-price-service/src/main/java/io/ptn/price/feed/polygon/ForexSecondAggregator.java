package io.ptn.price.feed.polygon;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects forex quotes per pair and second and hands out one event per pair per second carrying the median bid
 * and the median ask of that second (the k-th smallest bid never exceeds the k-th smallest ask, so the result is
 * never crossed). Not thread-safe: used from the stream's event loop only.
 */
final class ForexSecondAggregator {

    /** One finished second of one pair. */
    record Flushed(TradePair pair, PriceSource source) {
    }

    private static final class Bucket {
        final long second;
        final List<Double> bids = new ArrayList<>();
        final List<Double> asks = new ArrayList<>();
        long lastMs;

        Bucket(long second) {
            this.second = second;
        }
    }

    private final String sourceName;
    private final Map<TradePair, Bucket> open = new EnumMap<>(TradePair.class);
    private final Map<TradePair, Long> lastFlushedSecond = new EnumMap<>(TradePair.class);

    ForexSecondAggregator(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * Adds one valid quote. Returns the previous second of this pair when this quote starts a new second, or
     * {@code null}. A quote for a second that is already flushed is out of order: returns false via {@link #accepts}.
     */
    Flushed add(TradePair pair, double bid, double ask, long timeMs) {
        long second = Math.floorDiv(timeMs, 1000);
        Bucket b = open.get(pair);
        Flushed out = null;
        if (b != null && second > b.second) {
            out = flush(pair, b);
            b = null;
        }
        if (b == null) {
            b = new Bucket(second);
            open.put(pair, b);
        }
        b.bids.add(bid);
        b.asks.add(ask);
        b.lastMs = Math.max(b.lastMs, timeMs);
        return out;
    }

    /** False when a quote belongs to a second older than the one being collected or already handed out. */
    boolean accepts(TradePair pair, long timeMs) {
        long second = Math.floorDiv(timeMs, 1000);
        Bucket b = open.get(pair);
        if (b != null && second < b.second) {
            return false;
        }
        Long done = lastFlushedSecond.get(pair);
        return done == null || second > done;
    }

    /** Hands out every second that is over at {@code nowMs}. */
    List<Flushed> flushDue(long nowMs) {
        long nowSecond = Math.floorDiv(nowMs, 1000);
        List<Flushed> out = new ArrayList<>();
        var it = open.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().second < nowSecond) {
                out.add(flush(e.getKey(), e.getValue()));
                it.remove();
            }
        }
        return out;
    }

    private Flushed flush(TradePair pair, Bucket b) {
        double bid = median(b.bids);
        double ask = median(b.asks);
        lastFlushedSecond.put(pair, b.second);
        return new Flushed(pair, PriceSource.tick(sourceName, (bid + ask) / 2, b.lastMs, true, bid, ask));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
