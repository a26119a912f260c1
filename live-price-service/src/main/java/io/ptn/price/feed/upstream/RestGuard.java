package io.ptn.price.feed.upstream;

import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-provider REST state: counts failures, honours Retry-After (no call is made while the upstream asked us to
 * wait) and tells health whether this provider's REST side is usable. Thread-safe.
 */
public final class RestGuard {

    private final String provider;
    private final int degradedAfter;
    private final LongSupplier clock;

    private ProviderState state = ProviderState.STARTING;
    private int consecutiveFailures;
    private String lastError;
    private long lastSuccessMs;
    private long retryAfterUntilMs;

    public RestGuard(String provider, int degradedAfter, LongSupplier clock) {
        this.provider = provider;
        this.degradedAfter = Math.max(1, degradedAfter);
        this.clock = clock;
    }

    /** Throws RATE_LIMITED without calling upstream while a Retry-After from the upstream is still running. */
    public synchronized void beforeCall() throws ProviderException {
        long wait = retryAfterUntilMs - clock.getAsLong();
        if (wait > 0) {
            throw new ProviderException(ProviderException.Kind.RATE_LIMITED,
                    provider + " asked us to wait; " + wait + " ms left", wait, null);
        }
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        lastSuccessMs = clock.getAsLong();
        state = ProviderState.CONNECTED;
    }

    /** Records a failure; NOT_FOUND is an expected answer (unknown ticker, no data) and does not degrade. */
    public synchronized void failure(ProviderException e) {
        if (e.kind() == ProviderException.Kind.NOT_FOUND) {
            return;
        }
        consecutiveFailures++;
        lastError = e.kind() + ": " + e.getMessage();
        if (e.kind() == ProviderException.Kind.RATE_LIMITED && e.retryAfterMs() > 0) {
            retryAfterUntilMs = Math.max(retryAfterUntilMs, clock.getAsLong() + e.retryAfterMs());
        }
        if (e.kind() == ProviderException.Kind.UNAUTHORIZED) {
            state = ProviderState.UNAUTHORIZED;
        } else if (consecutiveFailures >= degradedAfter || e.kind() == ProviderException.Kind.RATE_LIMITED) {
            state = ProviderState.DEGRADED;
        }
    }

    public synchronized ProviderState state() {
        return state;
    }

    public synchronized ProviderHealth snapshot(Map<String, ProviderState> streams) {
        long until = retryAfterUntilMs > clock.getAsLong() ? retryAfterUntilMs : 0;
        return new ProviderHealth(provider, state, consecutiveFailures, lastError, lastSuccessMs, until, streams);
    }
}
