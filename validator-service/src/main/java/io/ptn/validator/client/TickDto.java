package io.ptn.validator.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of an SSE {@code tick} event. */
@RegisterForReflection
public record TickDto(String tradePair, Double price, Double bid, Double ask, Long timestampMs, String source) {
}
