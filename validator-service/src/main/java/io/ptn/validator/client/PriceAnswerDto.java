package io.ptn.validator.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The price service's PriceAnswer (only the fields the validator uses; others are ignored). */
@RegisterForReflection
public record PriceAnswerDto(String tradePair, Double price, Long timestampMs, Long ageMs, Boolean stale,
        Double bid, Double ask, List<SourceDto> sources) {

    @RegisterForReflection
    public record SourceDto(String source) {
    }

    String sourceName() {
        return sources == null || sources.isEmpty() || sources.get(0) == null ? null : sources.get(0).source();
    }
}
