package io.ptn.price.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One accepted streamed tick, as sent on the SSE stream. */
@RegisterForReflection
public record Tick(long sequence, String tradePair, double price, double bid, double ask, long timestampMs, String source) {
}
