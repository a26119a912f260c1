package io.ptn.price.feed;

/** A REST call to a provider failed; the kind decides how the provider's state changes. */
public class ProviderException extends Exception {

    public enum Kind { TIMEOUT, UNAVAILABLE, RATE_LIMITED, UNAUTHORIZED, BAD_DATA, NOT_FOUND }

    private final Kind kind;
    private final long retryAfterMs;

    public ProviderException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public ProviderException(Kind kind, String message, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfterMs = retryAfterMs;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#RATE_LIMITED}: how long the upstream asked us to wait (0 if it did not say). */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}
