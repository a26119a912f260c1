package io.ptn.validator.service;

import java.time.Duration;

/** No price fresh enough to trade on can be had now; worth asking again after {@link #retryAfter()}. */
public class NoFreshPriceException extends RuntimeException {

    private final Duration retryAfter;

    public NoFreshPriceException(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
