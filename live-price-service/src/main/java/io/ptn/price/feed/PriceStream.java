package io.ptn.price.feed;

import io.ptn.domain.TradePair;

import java.util.Set;

/**
 * One upstream connection (or poll loop) that pushes events. The supervisor owns its lifecycle: it calls
 * {@link #start(StreamSink)}, and after a close, an error or a silent watchdog period it calls {@link #stop()} and
 * starts it again after a backoff. A stream never restarts itself and never touches another stream.
 */
public interface PriceStream {

    /** Stable id, unique across providers, e.g. {@code polygon:crypto}, {@code simulated:forex}. */
    String id();

    /** The provider this stream belongs to. */
    String provider();

    /** Pairs this stream carries. */
    Set<TradePair> pairs();

    /**
     * Opens the stream without blocking the caller for long. Events, closes and auth failures are reported to the
     * sink, from any thread. Throws if the connection cannot even be attempted.
     */
    void start(StreamSink sink) throws Exception;

    /** Closes the connection; idempotent; must not call back into the sink. */
    void stop();
}
