package io.ptn.price.feed;

/** What an operator sees per stream and provider in {@code /q/health}. */
public enum ProviderState {
    /** Not started yet. */
    STARTING,
    /** Connected and receiving (or polling successfully). */
    CONNECTED,
    /** Failing (timeouts, 5xx, 429, refused, closed) and backing off; others keep serving. */
    DEGRADED,
    /** Credentials refused, or the upstream allows no further connection for this key; retried slowly. */
    UNAUTHORIZED,
    /** Deliberately not streaming (another replica holds the upstream connection); REST still answers. */
    STANDBY,
    /** Stopped by configuration or shutdown. */
    STOPPED
}
