package io.ptn.price.service;

import io.ptn.domain.PriceSource;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The answer of docs/contract.md: {@code price} = {@code sources[0].priceAt(at)}. */
@RegisterForReflection
public record PriceAnswer(String tradePair, double price, long timestampMs, long ageMs, boolean stale,
                          long stalenessLimitMs, boolean marketOpen, double bid, double ask, List<PriceSource> sources) {
}
