package io.ptn.validator.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /api/v1/prices/at} body. */
@RegisterForReflection
public record LookupsDto(List<Lookup> lookups) {

    @RegisterForReflection
    public record Lookup(String tradePair, long atMs) {
    }
}
