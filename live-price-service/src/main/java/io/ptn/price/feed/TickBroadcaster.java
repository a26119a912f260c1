package io.ptn.price.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans accepted ticks out to SSE subscribers. Publishing never blocks the feed: each subscriber has its own bounded
 * overflow buffer and loses ticks (counted by the caller) rather than slowing the sink.
 */
@ApplicationScoped
public class TickBroadcaster {

    private final BroadcastProcessor<Tick> processor = BroadcastProcessor.create();
    private final AtomicLong sequence = new AtomicLong();

    /** Called from stream threads; the processor is serialised so concurrent publishers are safe. */
    public void publish(String pair, double price, double bid, double ask, long timestampMs, String source) {
        Tick tick = new Tick(sequence.incrementAndGet(), pair, price, bid, ask, timestampMs, source);
        synchronized (processor) {
            processor.onNext(tick);
        }
    }

    public Multi<Tick> ticks() {
        return processor;
    }

    @PreDestroy
    void close() {
        synchronized (processor) {
            processor.onComplete();
        }
    }
}
