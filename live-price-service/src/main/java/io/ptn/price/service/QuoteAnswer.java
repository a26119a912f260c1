package io.ptn.price.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record QuoteAnswer(String tradePair, double bid, double ask, double mid, long timestampMs, long ageMs,
                          boolean stale, String source) {
}
