package io.ptn.price.feed.upstream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;

/**
 * An upstream answered with a status of 400 or more. The REST client interfaces raise it from their
 * {@code @ClientExceptionMapper}, fault tolerance decides on it (retry, breaker) and {@link UpstreamRest} turns it into
 * a {@link io.ptn.price.feed.ProviderException} kind. The URI is safe to report: keys travel in headers only.
 */
public final class UpstreamStatusException extends RuntimeException {

    private final int status;
    private final String retryAfter;
    private final URI uri;

    public UpstreamStatusException(int status, String retryAfter, URI uri) {
        super("HTTP " + status + ": GET " + uri, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.uri = uri;
    }

    /** What each client's {@code @ClientExceptionMapper} returns for any status of 400 or more. */
    public static UpstreamStatusException of(Response response, URI uri) {
        return new UpstreamStatusException(response.getStatus(), response.getHeaderString(HttpHeaders.RETRY_AFTER), uri);
    }

    public int status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean hasRetryAfter() {
        return retryAfter != null && !retryAfter.isBlank();
    }

    /** Retry-After as delta-seconds in ms; -1 when absent or an HTTP date (which needs a clock, see below). */
    public long retryAfterSecondsMs() {
        if (!hasRetryAfter()) {
            return -1;
        }
        try {
            return Math.max(0, Duration.ofSeconds(Long.parseLong(retryAfter.trim())).toMillis());
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /** Retry-After as delta-seconds or an HTTP date, against {@code clock}; 0 when absent or unreadable. */
    public long retryAfterMs(LongSupplier clock) {
        long seconds = retryAfterSecondsMs();
        if (seconds >= 0 || !hasRetryAfter()) {
            return Math.max(0, seconds);
        }
        try {
            long at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - clock.getAsLong());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
