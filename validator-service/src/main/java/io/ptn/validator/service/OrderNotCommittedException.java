package io.ptn.validator.service;

import java.time.Duration;

/**
 * The order could not be committed now (store unavailable, or still being committed); nothing of it was applied
 * unless a retry with the same orderUuid returns it.
 */
public class OrderNotCommittedException extends RuntimeException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public OrderNotCommittedException(String detail) {
        super(detail, null, false, false);
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
