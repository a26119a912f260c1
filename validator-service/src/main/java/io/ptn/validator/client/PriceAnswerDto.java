package io.ptn.validator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.ptn.domain.PriceSource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The price service's PriceAnswer (only the fields the validator uses; others are ignored). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriceAnswerDto(String tradePair, Double price, Long timestampMs, Long ageMs, Boolean stale,
        Double bid, Double ask, List<SourceDto> sources) {

    /** One entry of {@code sources}: the trading-domain {@link PriceSource} as the price service writes it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceDto(String source, Long timespanMs, Double open, Double close, Double high, Double low,
            Double vwap, Long startMs, Boolean websocket, Long lagMs, Double bid, Double ask) {

        /** The source, or null when it lacks what a fill needs (start, open and close). */
        PriceSource toPriceSource() {
            if (startMs == null || !finite(open) || !finite(close)) {
                return null;
            }
            return new PriceSource(source == null ? "unknown" : source, timespanMs == null ? 0 : timespanMs, open,
                    close, high, low, vwap, startMs, websocket != null && websocket, lagMs == null ? 0 : lagMs,
                    finite(bid) ? bid : 0, finite(ask) ? ask : 0);
        }

        private static boolean finite(Double d) {
            return d != null && Double.isFinite(d);
        }
    }

    private SourceDto first() {
        return sources == null || sources.isEmpty() ? null : sources.get(0);
    }

    String sourceName() {
        SourceDto first = first();
        return first == null ? null : first.source();
    }

    /** The closest source the service used, or null when the answer has none that is complete. */
    PriceSource bestSource() {
        SourceDto first = first();
        return first == null ? null : first.toPriceSource();
    }

    /**
     * The complete sources in the service's order, or empty when its first is incomplete (then nothing here may stand
     * in for the one it used).
     */
    List<PriceSource> completeSources() {
        if (bestSource() == null) {
            return List.of();
        }
        List<PriceSource> out = new java.util.ArrayList<>(sources.size());
        for (SourceDto s : sources) {
            PriceSource ps = s == null ? null : s.toPriceSource();
            if (ps != null) {
                out.add(ps);
            }
        }
        return out;
    }
}
