package io.ptn.validator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /api/v1/prices/at} answer: one entry per look-up, in order. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record LookupAnswerDto(List<Entry> results) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String tradePair, Long atMs, Integer status, PriceAnswerDto price, String detail) {
    }
}
