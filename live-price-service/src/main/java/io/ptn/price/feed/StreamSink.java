package io.ptn.price.feed;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/**
 * Where a stream reports. The supervisor's implementation validates each event (finite positive prices,
 * bid &le; ask, timestamps neither in the future nor far in the past, not older than the pair's last event) before
 * it reaches the buffer; rejected events are dropped and counted, never served.
 */
public interface StreamSink {

    /** One parsed upstream event for one pair. */
    void onEvent(TradePair pair, PriceSource source);

    /** An upstream message that could not be parsed or lacked fields: counted, never served. */
    void onMalformed(String reason);

    /** The connection is open (and authenticated, where the upstream needs it). */
    void onConnected();

    /** The connection closed or failed; the supervisor schedules a reconnect with backoff. */
    void onClosed(String reason, Throwable cause);

    /**
     * The upstream refused our credentials. The supervisor marks the stream UNAUTHORIZED and retries only at its
     * slow cap, never in a storm.
     */
    void onUnauthorized(String reason);

    /**
     * The upstream allows no further connection for this key right now (another replica holds it, or kicked us).
     * Not a fault: the supervisor marks the stream STANDBY, does not reconnect before {@code untilMs} (epoch ms) and
     * its watchdog leaves it alone. Sinks that predate STANDBY treat it as an authorization hold.
     */
    default void onStandby(long untilMs, String reason) {
        onUnauthorized(reason);
    }
}
