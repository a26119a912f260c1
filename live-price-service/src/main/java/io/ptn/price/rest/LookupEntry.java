package io.ptn.price.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ptn.price.service.PriceAnswer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One answer of {@code POST /api/v1/prices/at}, in the order of the look-ups. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupEntry(String tradePair, long atMs, int status, PriceAnswer price, String detail) {

    @RegisterForReflection
    public record Results(List<LookupEntry> results) {
    }
}
