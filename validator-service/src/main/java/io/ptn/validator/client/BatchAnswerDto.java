package io.ptn.validator.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/v1/prices?pairs=} answer. */
@RegisterForReflection
public record BatchAnswerDto(List<Entry> results) {

    @RegisterForReflection
    public record Entry(String tradePair, Integer status, PriceAnswerDto price, String detail) {
    }
}
