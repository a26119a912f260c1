package io.ptn.price.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ptn.price.service.PriceAnswer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchEntry(String tradePair, int status, PriceAnswer price, String detail) {

    @RegisterForReflection
    public record Results(List<BatchEntry> results) {
    }
}
