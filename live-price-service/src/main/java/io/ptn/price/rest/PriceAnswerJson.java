package io.ptn.price.rest;

import io.ptn.domain.PriceSource;
import io.ptn.price.service.PriceAnswer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes a {@link PriceAnswer} as the exact bytes Jackson writes for it (same field order, {@code null} for absent
 * high/low/vwap, {@code Double.toString} numbers, non-finite numbers quoted, Jackson's string escapes), without the
 * per-request reflection and generator set-up. The price answer is the hot path of the service; the
 * {@code PriceAnswerJsonTest} compares this writer with the application's {@code ObjectMapper}.
 * <p>
 * Many requests answer from the same buffered tick (only {@code lagMs} and {@code ageMs} differ with the request
 * time), so each source's JSON around {@code lagMs} is formatted once and kept in a small direct-mapped cache; most of
 * the formatting cost is the doubles.
 */
final class PriceAnswerJson {

    private static final int SLOTS = 1024; // bounded: a few hundred KB at most, whatever the tick rate

    /** A source's JSON up to {@code "lagMs":} and after the lag value, plus its formatted close/bid/ask. */
    private record Fragment(PriceSource key, String head, String tail, String close, String bid, String ask) {
    }

    private static final AtomicReferenceArray<Fragment> CACHE = new AtomicReferenceArray<>(SLOTS);

    private PriceAnswerJson() {
    }

    static byte[] bytes(PriceAnswer a) {
        List<PriceSource> sources = a.sources();
        Fragment first = sources == null || sources.isEmpty() || sources.get(0) == null ? null : fragment(sources.get(0));
        StringBuilder sb = new StringBuilder(200 + (sources == null ? 0 : 260 * sources.size()));
        sb.append("{\"tradePair\":");
        string(sb, a.tradePair());
        sb.append(",\"price\":");
        number(sb, a.price(), first == null ? null : first.key().close(), first == null ? null : first.close());
        sb.append(",\"timestampMs\":").append(a.timestampMs());
        sb.append(",\"ageMs\":").append(a.ageMs());
        sb.append(",\"stale\":").append(a.stale());
        sb.append(",\"stalenessLimitMs\":").append(a.stalenessLimitMs());
        sb.append(",\"marketOpen\":").append(a.marketOpen());
        sb.append(",\"bid\":");
        number(sb, a.bid(), first == null ? null : first.key().bid(), first == null ? null : first.bid());
        sb.append(",\"ask\":");
        number(sb, a.ask(), first == null ? null : first.key().ask(), first == null ? null : first.ask());
        sb.append(",\"sources\":");
        if (sources == null) {
            sb.append("null");
        } else {
            sb.append('[');
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                source(sb, sources.get(i));
            }
            sb.append(']');
        }
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void source(StringBuilder sb, PriceSource s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        Fragment f = fragment(s);
        sb.append(f.head()).append(s.lagMs()).append(f.tail());
    }

    private static Fragment fragment(PriceSource s) {
        int slot = slot(s);
        Fragment f = CACHE.get(slot);
        if (f != null && sameExceptLag(f.key(), s)) {
            return f;
        }
        StringBuilder h = new StringBuilder(200);
        h.append("{\"source\":");
        string(h, s.source());
        h.append(",\"timespanMs\":").append(s.timespanMs());
        h.append(",\"open\":");
        number(h, s.open());
        h.append(",\"close\":");
        String close = format(s.close());
        h.append(close);
        h.append(",\"high\":");
        number(h, s.high());
        h.append(",\"low\":");
        number(h, s.low());
        h.append(",\"vwap\":");
        number(h, s.vwap());
        h.append(",\"startMs\":").append(s.startMs());
        h.append(",\"websocket\":").append(s.websocket());
        h.append(",\"lagMs\":");
        String bid = format(s.bid());
        String ask = format(s.ask());
        f = new Fragment(s, h.toString(), ",\"bid\":" + bid + ",\"ask\":" + ask + "}", close, bid, ask);
        CACHE.set(slot, f);
        return f;
    }

    private static int slot(PriceSource s) {
        long h = s.startMs() * 31 + Double.doubleToLongBits(s.close()) * 17 + Objects.hashCode(s.source());
        h ^= h >>> 29;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h >>> 54) & (SLOTS - 1);
    }

    private static boolean sameExceptLag(PriceSource a, PriceSource b) {
        return a.startMs() == b.startMs() && a.timespanMs() == b.timespanMs() && a.websocket() == b.websocket()
                && same(a.open(), b.open()) && same(a.close(), b.close()) && same(a.bid(), b.bid())
                && same(a.ask(), b.ask()) && Objects.equals(a.high(), b.high()) && Objects.equals(a.low(), b.low())
                && Objects.equals(a.vwap(), b.vwap()) && Objects.equals(a.source(), b.source());
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** {@code v} formatted, reusing {@code known}'s text when {@code v} is the same number. */
    private static void number(StringBuilder sb, double v, Double knownValue, String knownText) {
        if (knownText != null && same(v, knownValue)) {
            sb.append(knownText);
        } else {
            number(sb, v);
        }
    }

    private static String format(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
    }

    private static void number(StringBuilder sb, Double v) {
        if (v == null) {
            sb.append("null");
        } else {
            number(sb, v.doubleValue());
        }
    }

    private static void number(StringBuilder sb, double v) {
        if (Double.isFinite(v)) {
            sb.append(Double.toString(v));
        } else {
            sb.append('"').append(v).append('"'); // Jackson's QUOTE_NON_NUMERIC_NUMBERS default
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
