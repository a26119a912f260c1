package io.ptn.validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ptn.domain.PriceSource;

/**
 * Re-pricing a recent order when a source nearer its time has arrived since the fill: PTN's
 * {@code MDDChecker.update_order_with_newest_price_sources} (vali_objects/utils/mdd_checker.py) with
 * {@code PriceSource.time_delta_from_now_ms} and {@code non_null_events_sorted}. Pure.
 */
public final class FillCorrection {

    /** PTN's {@code RECENT_EVENT_TRACKER_OLDEST_ALLOWED_RECORD_MS}: orders older than this are never corrected. */
    public static final long WINDOW_MS = 300_000;

    /** The merged, sorted sources and whether the merge took anything from the candidates (PTN's any_changes). */
    public record Merged(List<PriceSource> sorted, boolean changed) {

        public PriceSource winner() {
            return sorted.isEmpty() ? null : sorted.get(0);
        }
    }

    private FillCorrection() {
    }

    /**
     * PTN's distance of a source to a time: a streamed event from its start; otherwise the nearer of its start and its
     * last millisecond ({@code start + timespan - 1}, so {@code start - 1} for a zero-length one).
     */
    public static long delta(PriceSource s, long t) {
        long toStart = Math.abs(t - s.startMs());
        if (s.websocket()) {
            return toStart;
        }
        return Math.min(toStart, Math.abs(t - (s.startMs() + s.timespanMs() - 1)));
    }

    /**
     * Per source name, the candidate replaces the stored one only when strictly nearer the order's time (a tie keeps
     * the stored one); a name only among the candidates is added; stored names the candidates lack stay. Then sorted
     * by distance, stably (candidates' order first, then the remaining stored ones), each lag set to its distance.
     * Within one list a repeated name keeps its last entry, as PTN's dict does.
     */
    public static Merged merge(List<PriceSource> stored, List<PriceSource> candidates, long orderMs) {
        Map<String, PriceSource> existing = byName(stored);
        Map<String, PriceSource> offered = byName(candidates);
        List<PriceSource> out = new ArrayList<>(existing.size() + offered.size());
        boolean changed = false;
        for (Map.Entry<String, PriceSource> e : offered.entrySet()) {
            PriceSource old = existing.get(e.getKey());
            if (old == null || delta(e.getValue(), orderMs) < delta(old, orderMs)) {
                out.add(e.getValue());
                changed = true;
            } else {
                out.add(old);
            }
        }
        for (Map.Entry<String, PriceSource> e : existing.entrySet()) {
            if (!offered.containsKey(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return new Merged(sorted(out, orderMs), changed);
    }

    /** PTN's {@code non_null_events_sorted}: stable by distance, each lag set to its distance. */
    public static List<PriceSource> sorted(List<PriceSource> sources, long t) {
        List<PriceSource> out = new ArrayList<>(sources.size());
        for (PriceSource s : sources) {
            if (s != null) {
                long lag = delta(s, t);
                out.add(lag == s.lagMs() ? s : new PriceSource(s.source(), s.timespanMs(), s.open(), s.close(), s.high(),
                        s.low(), s.vwap(), s.startMs(), s.websocket(), lag, s.bid(), s.ask()));
            }
        }
        out.sort(Comparator.comparingLong(PriceSource::lagMs)); // List.sort is stable, as Python's sorted
        return out;
    }

    /** PTN's {@code PriceSource.__eq__}: the same event (lag, bid and ask aside). */
    public static boolean sameEvent(PriceSource a, PriceSource b) {
        return a.source().equals(b.source()) && a.startMs() == b.startMs() && a.timespanMs() == b.timespanMs()
                && a.open() == b.open() && a.close() == b.close() && Objects.equals(a.high(), b.high())
                && Objects.equals(a.low(), b.low());
    }

    private static Map<String, PriceSource> byName(List<PriceSource> sources) {
        Map<String, PriceSource> m = new LinkedHashMap<>();
        for (PriceSource s : sources) {
            if (s != null) {
                m.put(s.source(), s);
            }
        }
        return m;
    }
}
