package io.ptn.validator.client;

/** No fresh price could be had (service down, circuit open, stale answer, nothing fresh in the cache). */
public class PriceUnavailableException extends RuntimeException {

    public PriceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
