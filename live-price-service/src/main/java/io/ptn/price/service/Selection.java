package io.ptn.price.service;

import io.ptn.domain.PriceSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Pure selection rules of the reference, kept apart from I/O so each rule has a unit test. */
public final class Selection {

    private Selection() {
    }

    /** Stable sort by distance to the target: equal distances keep input order (streamed first, then provider order). */
    public static List<PriceSource> byDistance(List<PriceSource> candidates, long targetMs) {
        List<PriceSource> out = new ArrayList<>(candidates.size());
        for (PriceSource s : candidates) {
            out.add(s.withLagTo(targetMs));
        }
        out.sort(Comparator.comparingLong(PriceSource::lagMs)); // List.sort is stable
        return out;
    }

    /** True when the best streamed candidate is close enough to skip the REST fallback (distance <= gate). */
    public static boolean withinGate(List<PriceSource> sortedStreamed, long gateMs) {
        return !sortedStreamed.isEmpty() && sortedStreamed.get(0).lagMs() <= gateMs;
    }

    /** Drops candles whose close is more than {@code maxDeviation} (0.05) from the median close of the list. */
    public static List<PriceSource> dropOutliers(List<PriceSource> candles, double maxDeviation) {
        if (candles.size() < 3) {
            return candles;
        }
        double[] closes = candles.stream().mapToDouble(PriceSource::close).sorted().toArray();
        int n = closes.length;
        double median = n % 2 == 1 ? closes[n / 2] : (closes[n / 2 - 1] + closes[n / 2]) / 2;
        List<PriceSource> out = new ArrayList<>(candles.size());
        for (PriceSource c : candles) {
            if (Math.abs(c.close() - median) <= maxDeviation * median) {
                out.add(c);
            }
        }
        return out;
    }
}
